import { readFile } from 'node:fs/promises'
import { isNode, LineCounter, parseDocument, type Document } from 'yaml'
import { checkTopology, type PathProblem } from './resolve-topology.js'
import { TopologyError, type TopologyProblem } from './topology-error.js'
import type { LabSpec } from './lab-spec.js'

/**
 * Reads a topology from YAML text (YAML 1.2; JSON works too) into a lab, or throws a {@link TopologyError} whose
 * problems carry the line and column in the text (of the value at fault, or of the nearest enclosing one when a
 * key is missing).
 */
export function parseTopologyText(text: string, options: { file?: string; env?: NodeJS.ProcessEnv } = {}): LabSpec {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    throw new TopologyError(
      doc.errors.map((e): TopologyProblem => {
        const pos = lineCounter.linePos(e.pos[0])
        return { path: '', message: e.message.split('\n')[0] as string, line: pos.line, column: pos.col }
      }),
      options.file,
    )
  }
  const result = checkTopology(doc.toJS({ maxAliasCount: 100 }) ?? {}, options.env ?? process.env)
  if ('problems' in result) throw new TopologyError(result.problems.map((p) => locate(doc, lineCounter, p)), options.file)
  return result.spec
}

/** Reads a topology file (see {@link parseTopologyText}). */
export async function readTopologyFile(path: string, env?: NodeJS.ProcessEnv): Promise<LabSpec> {
  return parseTopologyText(await readFile(path, 'utf8'), { file: path, ...(env ? { env } : {}) })
}

function locate(doc: Document, lineCounter: LineCounter, problem: PathProblem): TopologyProblem {
  const path = problem.path.map((k) => (typeof k === 'symbol' ? String(k) : k))
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)
    if (isNode(node) && node.range) {
      const pos = lineCounter.linePos(node.range[0])
      return { path: path.join('.'), message: problem.message, line: pos.line, column: pos.col }
    }
  }
  return { path: path.join('.'), message: problem.message }
}
