import { SwitchyardError } from '../src/index.js'

/** What a task does: `read` only reads (safe to repeat), `change` may change a device. */
export type TaskKind = 'read' | 'change'

/** Where in a host's attempt an error happened. */
export type AttemptPhase = 'connect' | 'task'

/**
 * Whether an attempt that failed with `error` may be tried again: only for connection-level failures (`SY_CONNECTION`,
 * `SY_TIMEOUT`), and then only when nothing can have changed: while connecting, when the error says the request
 * never reached the device (`requestSent === false`), or for a read-only task. Never for a change known to have
 * failed (rejected, commit failed, conflict), never for an unknown outcome, never for validation or credentials.
 */
export function isRetryable(error: unknown, phase: AttemptPhase, kind: TaskKind): boolean {
  if (!SwitchyardError.isSwitchyardError(error)) return false
  if (error.code !== 'SY_CONNECTION' && error.code !== 'SY_TIMEOUT') return false
  if (phase === 'connect') return true
  if (error.requestSent === false) return true
  return kind === 'read'
}

/** Exponential backoff with jitter: between half and all of `base * 2^(attempt-1)`, capped at `max` (ms). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}
