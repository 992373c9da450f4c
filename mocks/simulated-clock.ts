import type { WatchClock } from '../src/counter-watch.js'

/** The part of a mock device a simulated clock drives. */
export interface SimulatedDevice {
  readonly traffic: { readonly elapsedSeconds: number }
  advanceTime(seconds: number): void
}

/**
 * A {@link WatchClock} on a mock device's simulated time: `now()` is the device's simulated milliseconds, and
 * `sleep(ms)` advances the device by `ms` at once (its traffic, queues, LANZ and counters move with it), so a
 * `counters.watch()` runs through seconds of traffic without waiting. An aborted signal skips the advance.
 *
 * @example
 * ```ts
 * for await (const s of sw.counters.watch({ intervalMs: 1000, maxSamples: 5, clock: simulatedClock(dev) })) console.log(s.rates)
 * ```
 */
export function simulatedClock(device: SimulatedDevice): WatchClock {
  return {
    now: () => device.traffic.elapsedSeconds * 1000,
    sleep: async (ms, signal) => {
      if (signal?.aborted || ms <= 0) return
      device.advanceTime(ms / 1000)
    },
  }
}
