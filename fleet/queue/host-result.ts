import { OutcomeUnknownError, SwitchyardError, type SwitchyardErrorCode } from '../../src/index.js'

/** How one host's part of a fleet run ended. */
export type HostStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unknown'

/** One host's result, as the in-process runner reports it. */
export interface HostResult<T = unknown> {
  host: string
  status: HostStatus
  value?: T
  error?: Error
  durationMs: number
  attempts: number
}

/** An error as it travels through Redis: its name, stable code and message, and what settles an unknown outcome. */
export interface WireError {
  name: string
  code?: string
  message: string
  sessionName?: string
  commands?: string[]
  check?: string
}

/** What a worker returns for one job (the job's return value, plain JSON). */
export interface WireHostResult {
  host: string
  status: HostStatus
  value?: unknown
  error?: WireError
  durationMs: number
  attempts: number
  /** The worker that ran it (its `--name` or host:pid), for the log. */
  worker?: string
  /** Sessions a dead worker left on the device that this job settled first. */
  settled?: Array<{ session: string; state: string; action: 'rolled back' | 'aborted' | 'left' }>
}

/** An error as JSON for the wire; SwitchyardError messages hold no secrets by construction. */
export function errorToWire(error: unknown): WireError {
  if (error instanceof OutcomeUnknownError) {
    return { name: error.name, code: error.code, message: error.message, sessionName: error.sessionName, commands: [...error.commands], check: error.check }
  }
  if (SwitchyardError.isSwitchyardError(error)) return { name: error.name, code: error.code, message: error.message }
  if (error instanceof Error) return { name: error.name, message: error.message }
  return { name: 'Error', message: String(error) }
}

/** Rebuilds an error from the wire: a SwitchyardError with the same code (an OutcomeUnknownError with its session). */
export function errorFromWire(wire: WireError, host: string): Error {
  if (wire.code === 'SY_OUTCOME_UNKNOWN' && wire.sessionName !== undefined) {
    const check = wire.check ?? ''
    const error = new OutcomeUnknownError(wire.message.endsWith(`; ${check}`) ? wire.message.slice(0, -(check.length + 2)) : wire.message, { sessionName: wire.sessionName, commands: wire.commands ?? [], check }, { host })
    return error
  }
  if (wire.code !== undefined && wire.code.startsWith('SY_')) {
    const error = new SwitchyardError(wire.code as SwitchyardErrorCode, wire.message, { host })
    error.name = wire.name
    return error
  }
  const error = new Error(wire.message)
  error.name = wire.name
  return error
}

/** A wire result as the runner's result: the error rebuilt. */
export function resultFromWire(wire: WireHostResult): HostResult {
  const out: HostResult = { host: wire.host, status: wire.status, durationMs: wire.durationMs, attempts: wire.attempts }
  if (wire.value !== undefined) out.value = wire.value
  if (wire.error !== undefined) out.error = errorFromWire(wire.error, wire.host)
  return out
}
