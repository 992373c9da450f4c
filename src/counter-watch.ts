import { z } from 'zod'
import { computeRates, type CounterRateSample, type CounterReading, type CounterSnapshot } from './counter-rates.js'
import type { WatchedRead } from './counter-readings.js'

/**
 * The time source of a watch: a monotonic `now()` in milliseconds and a `sleep()` that resolves early (without
 * throwing) when the signal aborts. Tests inject one driven by a simulated clock, so nothing waits in real time.
 */
export interface WatchClock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The client's monotonic clock (`performance.now()`) and a timer that is cleared on abort. */
export const systemClock: WatchClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve()
        return
      }
      const done = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      signal?.addEventListener('abort', done, { once: true })
    }),
}

/** Options of `counters.watch()`. */
export interface WatchOptions {
  /** Time between the starts of consecutive polls (1 ms to 24 h). */
  intervalMs: number
  /** Ends the watch: the iterator finishes (no error) and its timer is cleared. */
  signal?: AbortSignal
  /** Which counters to sample: `drops` (default), `interfaces` or `buffers` (hardware drop counters). */
  read?: WatchedRead
  /** Ends the watch after this many samples. */
  maxSamples?: number
  /** Time limit of each poll. */
  timeoutMs?: number
  /** Clock and timer (default: the system's monotonic clock). */
  clock?: WatchClock
}

/** The validated scalar options of a watch. */
export const WatchOptionsSchema = z.object({
  intervalMs: z.number().int().min(1).max(86_400_000),
  read: z.enum(['drops', 'interfaces', 'buffers']).default('drops'),
  maxSamples: z.number().int().min(1).optional(),
  timeoutMs: z.number().int().min(1).optional(),
})

/** One poll's readings and, where the device gives it, the device's uptime in ms at that poll. */
export interface Poll {
  readings: readonly CounterReading[]
  deviceTimeMs?: number
}

/** One sample of a watch: the rates since the previous poll, numbered from 0. */
export interface CounterWatchSample extends CounterRateSample {
  seq: number
}

/**
 * Polls `poll` every `intervalMs` on `clock` (a fixed cadence: a slow poll delays the next one, never doubles it up)
 * and yields the rates between consecutive polls. Timestamps are the device's where `poll` gives one, else the
 * midpoint of the poll on `clock`. Ends when `signal` aborts (also mid-poll), after `maxSamples`, or when the consumer
 * stops iterating; a failing poll ends it with that error.
 */
export async function* watchCounters(
  poll: (signal: AbortSignal | undefined) => Promise<Poll>,
  options: { intervalMs: number; signal?: AbortSignal | undefined; maxSamples?: number | undefined; clock: WatchClock },
): AsyncGenerator<CounterWatchSample, void, undefined> {
  const { intervalMs, signal, maxSamples, clock } = options
  let previous: CounterSnapshot | undefined
  let nextAt = clock.now()
  for (let seq = 0; maxSamples === undefined || seq < maxSamples; seq++) {
    if (signal?.aborted) return
    const started = clock.now()
    let result: Poll
    try {
      result = await poll(signal)
    } catch (error) {
      if (signal?.aborted) return
      throw error
    }
    const ended = clock.now()
    const snapshot: CounterSnapshot =
      result.deviceTimeMs === undefined
        ? { timeMs: (started + ended) / 2, clock: 'client', readings: result.readings }
        : { timeMs: result.deviceTimeMs, clock: 'device', readings: result.readings }
    yield { seq, ...computeRates(previous, snapshot) }
    previous = snapshot
    if (maxSamples !== undefined && seq + 1 >= maxSamples) return
    nextAt = Math.max(nextAt + intervalMs, clock.now())
    await clock.sleep(nextAt - clock.now(), signal)
  }
}
