import { setMaxListeners } from 'node:events'
import type { FleetEvent } from './fleet-events.js'
import type { HostError, HostResult, HostStatus } from './host-result.js'

/** How the scheduler starts hosts. */
export interface ScheduleOptions {
  /** Most hosts running at once (never exceeded). */
  readonly concurrency: number
  /** Stop starting hosts once `failed + unknown` exceed this percentage of all hosts (0-100). */
  readonly maxFailPercentage?: number | undefined
  /** When batch 0 holds canaries: halt if any of them does not succeed. */
  readonly canaryBatch?: boolean
  /** Stops starting hosts; running ones are for `dispatch` to cancel (it gets the signal). */
  readonly signal?: AbortSignal | undefined
  readonly emit: (event: FleetEvent<never>) => void
}

/** Runs one host and resolves with its result, never rejecting (in-process, or a job on a queue). */
export type DispatchHost<T> = (host: string, signal: AbortSignal | undefined) => Promise<HostResult<T>>

/**
 * The host-scheduling loop of a fleet run, apart from how a host is run: batches one after another, at most
 * `concurrency` hosts at once within a batch, no new host once the run is aborted, a canary failed or failures pass
 * `maxFailPercentage` (those hosts end `skipped`). Resolves with one result per host, in the order of `batches`
 * flattened. `dispatch` may run the host here or hand it to a queue and await its result. It gets a signal that
 * follows `options.signal` (one listener on the caller's signal, however many hosts run at once).
 */
export async function scheduleHosts<T>(batches: ReadonlyArray<readonly string[]>, dispatch: DispatchHost<T>, options: ScheduleOptions): Promise<Array<HostResult<T>>> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError('concurrency must be a whole number of at least 1')
  const total = batches.reduce((n, b) => n + b.length, 0)
  const results = new Map<string, HostResult<T>>()
  let failures = 0
  let halted: { reason: 'aborted' | 'canary-failed' | 'max-fail-percentage'; message: string } | undefined
  const halt = (reason: NonNullable<typeof halted>['reason'], message: string) => {
    if (halted) return
    halted = { reason, message }
    options.emit({ type: 'halt', reason, message })
  }
  const checkAbort = () => {
    if (options.signal?.aborted) halt('aborted', 'the run was aborted: no new host is started')
  }
  const onAbort = () => checkAbort()
  const hostSignal = runningHostsSignal(options.signal, options.concurrency)
  options.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    for (const [index, batch] of batches.entries()) {
      checkAbort()
      if (halted) break
      options.emit({ type: 'batch-start', batch: index, hosts: batch })
      let next = 0
      const worker = async () => {
        while (next < batch.length && !halted) {
          const host = batch[next++] as string
          const result = await dispatch(host, hostSignal)
          results.set(host, result)
          options.emit({ type: 'host-end', result: result as HostResult<never> })
          if (result.status === 'failed' || result.status === 'unknown') {
            failures++
            if (options.maxFailPercentage !== undefined && (failures * 100) / total > options.maxFailPercentage) {
              halt('max-fail-percentage', `${failures} of ${total} hosts failed, more than ${options.maxFailPercentage}%: no new host is started`)
            }
          }
          checkAbort()
        }
      }
      await Promise.all(Array.from({ length: Math.min(options.concurrency, batch.length) }, worker))
      if (index === 0 && options.canaryBatch && batch.some((h) => isFailure(results.get(h)?.status))) {
        halt('canary-failed', `a canary host failed (${batch.filter((h) => isFailure(results.get(h)?.status)).join(', ')}): no other host is started`)
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
  }
  const out: Array<HostResult<T>> = []
  for (const host of batches.flat()) {
    const done = results.get(host)
    if (done) {
      out.push(done)
      continue
    }
    const skipped: HostResult<T> = { host, status: 'skipped', error: skippedError(halted?.message ?? 'not started'), durationMs: 0, attempts: 0 }
    options.emit({ type: 'host-end', result: skipped as HostResult<never> })
    out.push(skipped)
  }
  return out
}

/** A signal aborted with `signal`, allowed a listener per running host without Node's leak warning. */
function runningHostsSignal(signal: AbortSignal | undefined, concurrency: number): AbortSignal | undefined {
  if (!signal) return undefined
  const follower = AbortSignal.any([signal])
  setMaxListeners(concurrency + 10, follower)
  return follower
}

function isFailure(status: HostStatus | undefined): boolean {
  return status === 'failed' || status === 'unknown'
}

function skippedError(message: string): HostError {
  return { name: 'SkippedHost', code: 'SY_SKIPPED', message }
}
