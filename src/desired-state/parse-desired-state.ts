import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { ValidationError, type ValidationIssue } from '../errors.js'
import { DesiredStateSchema, type DesiredState } from './document-schema.js'

/** A document problem with where it is in the file. */
export interface DesiredStateIssue extends ValidationIssue {
  /** 1-based line in the text, when the problem has a place there. */
  line?: number
  /** 1-based column in the text. */
  column?: number
}

/** Options of {@link parseDesiredState}. */
export interface ParseDesiredStateOptions {
  /** The file name shown in error messages (default `desired-state`). */
  source?: string
}

/**
 * Parses and validates a desired-state document written in YAML or JSON (JSON is read as YAML 1.2, which it is).
 * Every problem is reported in one `ValidationError`, each with its path and its line and column in the text:
 * `leaf.yaml:12:9: interfaces.config.3.accessVlan: a VLAN id must be between 1 and 4094`.
 *
 * @example
 * ```ts
 * const doc = parseDesiredState(await readFile('leaf.yaml', 'utf8'), { source: 'leaf.yaml' })
 * const plan = await sw.plan(doc)
 * ```
 */
export function parseDesiredState(text: string, options: ParseDesiredStateOptions = {}): DesiredState {
  const source = options.source ?? 'desired-state'
  if (typeof text !== 'string') throw new ValidationError(`${source}: the document must be text`, [{ path: [], message: 'not a text' }])
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    const issues: DesiredStateIssue[] = doc.errors.map((e) => {
      const pos = lineCounter.linePos(e.pos[0])
      return { path: [], message: e.message.split('\n')[0] ?? e.message, line: pos.line, column: pos.col }
    })
    throw new ValidationError(`${source} is not valid YAML or JSON: ${issues.map((i) => `${source}:${i.line}:${i.column}: ${i.message}`).join('; ')}`, issues)
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {}
  const result = DesiredStateSchema.safeParse(value)
  if (result.success) return result.data
  const issues: DesiredStateIssue[] = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
    const offset = offsetOf(doc, path, keys[0])
    const pos = offset === undefined ? undefined : lineCounter.linePos(offset)
    return { path, message: issue.message, ...(pos ? { line: pos.line, column: pos.col } : {}) }
  })
  const lines = issues.map((i) => `${source}${i.line === undefined ? '' : `:${i.line}:${i.column}`}: ${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`)
  throw new ValidationError(`${source} is not a valid desired state: ${lines.join('; ')}`, issues)
}

/** Validates a document given as a value (already parsed), reporting every problem with its path. */
export function validateDesiredState(value: unknown): DesiredState {
  const result = DesiredStateSchema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message }))
  throw new ValidationError(`not a valid desired state: ${issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ')}`, issues)
}

/** The text offset of the node at `path` (or of its nearest ancestor), or of the key `key` in that map. */
function offsetOf(doc: Document, path: ReadonlyArray<string | number>, key?: string): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true)
    if (!isNode(node)) continue
    if (n === path.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key)
      const keyNode = pair?.key as Node | undefined
      if (keyNode?.range) return keyNode.range[0]
    }
    return node.range?.[0]
  }
  return undefined
}
