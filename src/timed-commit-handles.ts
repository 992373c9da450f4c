import type { ApplyOutcome, CallOptions, Driver } from './driver.js'
import type { ConfigureResult } from './device.js'
import { checkCallOptions } from './call-options.js'

/** Runs a task under the device's write lock (one change at a time per device address). */
export type WriteLocked = <T>(task: () => Promise<T>) => Promise<T>

/**
 * Adds to `result` what a driver's outcome carries besides the lines: its notes, and for a timed commit the pending
 * session with `confirm` and `rollback` for it, each checking its call options and running under the write lock.
 * Returns `result`.
 */
export function addOutcomeHandles<R extends ConfigureResult>(result: R, outcome: ApplyOutcome, driver: Pick<Driver, 'confirm' | 'rollback'>, withLock: WriteLocked): R {
  if (outcome.notes) result.notes = outcome.notes
  if (outcome.pending) {
    const { sessionName } = outcome.pending
    result.pending = outcome.pending
    result.confirm = (o?: CallOptions) => {
      checkCallOptions(o ?? {}, 'confirm')
      return withLock(() => driver.confirm(sessionName, o))
    }
    result.rollback = (o?: CallOptions) => {
      checkCallOptions(o ?? {}, 'rollback')
      return withLock(() => driver.rollback(sessionName, o))
    }
  }
  return result
}

/**
 * A change asked with `confirmWithinSeconds` whose result has no `confirm` (nothing was committed: no change, or a dry
 * run) gets `confirm` and `rollback` that do nothing, so that callers can always call them.
 */
export function withTimerHandles<R extends ConfigureResult>(result: R, options: { readonly confirmWithinSeconds?: number | undefined }): R {
  if (options.confirmWithinSeconds === undefined || result.confirm) return result
  return { ...result, confirm: async () => undefined, rollback: async () => undefined }
}
