import { ValidationError } from '../src/index.js'

/** One problem in an inventory file, with where it is. */
export interface InventoryIssue {
  /** Path of the value in the document, e.g. `['hosts', 'leaf1', 'port']`. */
  readonly path: ReadonlyArray<string | number>
  /** What is wrong. */
  readonly message: string
  /** 1-based line in the file, when the value is in it. */
  readonly line?: number
  /** 1-based column in the file, when the value is in it. */
  readonly column?: number
}

/**
 * An inventory (YAML or eapi.conf) that cannot be used: every problem is listed, each with its line and column, as
 * `file:line:column: path: message`. Code `SY_VALIDATION`; nothing was connected.
 */
export class InventoryError extends ValidationError {
  /** The file, or `<inline>` for text given directly. */
  readonly file: string
  /** Every problem, with its place. */
  override readonly issues: readonly InventoryIssue[]

  constructor(file: string, issues: readonly InventoryIssue[]) {
    super(`invalid inventory ${file}:\n${issues.map((i) => `  ${formatIssue(file, i)}`).join('\n')}`, issues)
    this.file = file
    this.issues = issues
  }
}

/** `file:line:column: path: message` (line and column when known). */
export function formatIssue(file: string, issue: InventoryIssue): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}:${issue.column ?? 1}`
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  return `${where}: ${path}${issue.message}`
}

/**
 * A secret a host needs cannot be resolved (an environment variable not set, a file not readable). Names the host,
 * the setting and the variable or file, never a value. Code `SY_VALIDATION`; raised before anything is connected.
 */
export class SecretUnavailableError extends ValidationError {
  /** The host whose secret is missing. */
  readonly hostName: string
  /** The setting, e.g. `password` or `snmp.community`. */
  readonly setting: string
  /** The environment variable or file named by the reference. */
  readonly reference: { readonly env: string } | { readonly file: string }

  constructor(hostName: string, setting: string, reference: { readonly env: string } | { readonly file: string }, reason: string) {
    const source = 'env' in reference ? `environment variable ${reference.env}` : `file ${reference.file}`
    super(`host ${hostName}: ${setting} refers to ${source}, ${reason}`, [{ path: [hostName, ...setting.split('.')], message: reason }], { host: hostName })
    this.hostName = hostName
    this.setting = setting
    this.reference = reference
  }
}
