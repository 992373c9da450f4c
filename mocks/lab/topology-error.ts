/** One problem found in a topology, where it is. */
export interface TopologyProblem {
  /** Where in the document: `devices.leaf1.ports`, `links.0.1`. */
  path: string
  message: string
  /** 1-based, when read from a file. */
  line?: number
  column?: number
}

/**
 * A topology that cannot be used: YAML syntax, the schema, a link to a port that does not exist, a port used twice,
 * an environment variable that is not set. The message lists every problem as `file:line:column: path: message`.
 */
export class TopologyError extends Error {
  override readonly name = 'TopologyError'
  readonly code = 'SY_TOPOLOGY_INVALID'

  constructor(
    readonly problems: readonly TopologyProblem[],
    readonly file?: string,
  ) {
    super(`invalid lab topology${file ? ` ${file}` : ''}:\n${problems.map((p) => `  ${formatProblem(p, file)}`).join('\n')}`)
  }
}

function formatProblem(p: TopologyProblem, file: string | undefined): string {
  const where = p.line === undefined ? '' : `${file ?? '<topology>'}:${p.line}:${p.column ?? 1}: `
  return `${where}${p.path === '' ? '' : `${p.path}: `}${p.message}`
}
