import { SwitchyardError } from '../src/index.js'

/**
 * How a host ended: `ok` (the task ran; nothing changed), `changed` (the task ran and reported `changed: true`),
 * `failed` (not done; for a change: known not applied, or never started), `skipped` (never started: the run was
 * halted or aborted first), `unknown` (a change may or may not have been applied: see the error).
 */
export type HostStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unknown'

/** Every host status, in report order. */
export const HOST_STATUSES: readonly HostStatus[] = ['ok', 'changed', 'failed', 'unknown', 'skipped']

/**
 * An error as a fleet result carries it: plain JSON (for queues, logs and `--json`), with the switchyard `code` to
 * branch on. The thrown error itself is kept as the non-enumerable `cause` (in-process runs only).
 */
export interface HostError {
  /** The error class, e.g. `CommitFailedError`. */
  readonly name: string
  /** The switchyard code (`SY_…`), or `ERROR` for an error that is not a switchyard error. */
  readonly code: string
  readonly message: string
  /** JSON-friendly fields of the error: `sessionName` and `check` of an unknown outcome, `command` of a rejection… */
  readonly details?: Readonly<Record<string, string | number | boolean | readonly string[]>>
  /** The error as thrown (not enumerable: absent from JSON). */
  readonly cause?: unknown
}

/** The result of one host in a fleet run. */
export interface HostResult<T> {
  /** The host's inventory name. */
  readonly host: string
  readonly status: HostStatus
  /** What the task returned (`ok` and `changed`). */
  readonly value?: T
  /** Why it failed, is unknown, or was skipped. */
  readonly error?: HostError
  /** Time from the host's start to its end, all attempts included (0 when skipped). */
  readonly durationMs: number
  /** Attempts made (0 when skipped). */
  readonly attempts: number
}

const SKIP_FIELDS = new Set(['name', 'message', 'stack', 'cause', 'code'])

/** The {@link HostError} of anything thrown. */
export function toHostError(thrown: unknown): HostError {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown))
  const details: Record<string, string | number | boolean | readonly string[]> = {}
  for (const [key, value] of Object.entries(error)) {
    if (SKIP_FIELDS.has(key) || value === undefined) continue
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) details[key] = value
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) details[key] = value as string[]
  }
  const out: HostError = {
    name: error.name,
    code: SwitchyardError.isSwitchyardError(error) ? error.code : 'ERROR',
    message: error.message,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  }
  Object.defineProperty(out, 'cause', { value: thrown, enumerable: false })
  return out
}

/** A host's status from what its task returned: `changed` when the value says `changed: true`, `ok` otherwise. */
export function statusOfValue(value: unknown): 'ok' | 'changed' {
  return typeof value === 'object' && value !== null && (value as { changed?: unknown }).changed === true ? 'changed' : 'ok'
}

/** A host's status from what its task threw: `unknown` for `SY_OUTCOME_UNKNOWN`, `failed` otherwise. */
export function statusOfError(error: unknown): 'failed' | 'unknown' {
  return SwitchyardError.isSwitchyardError(error) && error.code === 'SY_OUTCOME_UNKNOWN' ? 'unknown' : 'failed'
}

/** Counts of results per status. */
export function summarize(results: ReadonlyArray<{ readonly status: HostStatus }>): Record<HostStatus, number> {
  const out: Record<HostStatus, number> = { ok: 0, changed: 0, failed: 0, unknown: 0, skipped: 0 }
  for (const r of results) out[r.status]++
  return out
}
