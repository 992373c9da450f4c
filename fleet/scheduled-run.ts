import type { FleetEvent } from './fleet-events.js'
import type { RunOptions } from './fleet.js'
import { summarize, type HostResult } from './host-result.js'
import { scheduleHosts, type DispatchHost } from './scheduler.js'

/**
 * The hosts part of a fleet run, in-process or on a queue alike: `run-start` with the batches, the hosts scheduled
 * under the run's concurrency, failure budget, canary batch and signal, then `run-end` with the summary and the time
 * since `startedAt` (a `performance.now()` reading). Resolves with one result per host, in batch order.
 */
export async function runScheduled<T>(
  batches: string[][],
  dispatch: DispatchHost<T>,
  options: Pick<RunOptions, 'maxFailPercentage' | 'canary' | 'signal'> & { readonly concurrency: number },
  send: (event: FleetEvent<T>) => void,
  startedAt: number,
): Promise<Array<HostResult<T>>> {
  send({ type: 'run-start', hosts: batches.flat(), batches })
  const results = await scheduleHosts<T>(batches, dispatch, {
    concurrency: options.concurrency,
    maxFailPercentage: options.maxFailPercentage,
    canaryBatch: options.canary !== undefined && (typeof options.canary !== 'number' || options.canary > 0),
    signal: options.signal,
    emit: send,
  })
  send({ type: 'run-end', summary: summarize(results), durationMs: Math.round(performance.now() - startedAt) })
  return results
}
