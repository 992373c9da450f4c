import { describe, expect, it } from 'vitest'
import { computeRates, counterDelta, watchCounters, type CounterReading, type Poll, type WatchClock } from '../../src/index.js'

const r = (iface: string, counter: string, value: bigint, width: 32 | 64 = 64): CounterReading => ({ subject: { interface: iface }, counter, value, width })

/** A simulated clock: `sleep` moves time forward at once and runs `onAdvance` (e.g. a mock device's traffic). */
function manualClock(onAdvance: (ms: number) => void = () => {}): WatchClock & { sleeps: number[] } {
  let now = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) return
      sleeps.push(ms)
      now += ms
      onAdvance(ms)
    },
  }
}

describe('computeRates', () => {
  it('the first sample has values and no rates', () => {
    const s = computeRates(undefined, { timeMs: 0, clock: 'client', readings: [r('Ethernet1', 'outDiscards', 5n)] })
    expect(s.intervalMs).toBeUndefined()
    expect(s.rates).toEqual([{ subject: { interface: 'Ethernet1' }, counter: 'outDiscards', value: 5n }])
  })

  it('deltas and rates per second between two polls', () => {
    const s = computeRates(
      { timeMs: 1000, clock: 'client', readings: [r('Ethernet1', 'outDiscards', 100n)] },
      { timeMs: 1500, clock: 'client', readings: [r('Ethernet1', 'outDiscards', 350n)] },
    )
    expect(s.intervalMs).toBe(500)
    expect(s.rates[0]).toMatchObject({ delta: 250n, perSecond: 500 })
    expect(s.rates[0]?.event).toBeUndefined()
  })

  it('a counter that goes backwards is a reset: reported, no negative rate', () => {
    const s = computeRates(
      { timeMs: 0, clock: 'client', readings: [r('Ethernet1', 'outDiscards', 1_000n), r('Ethernet2', 'outDiscards', 1_000_000n, 32)] },
      { timeMs: 1000, clock: 'client', readings: [r('Ethernet1', 'outDiscards', 10n), r('Ethernet2', 'outDiscards', 12n, 32)] },
    )
    for (const rate of s.rates) {
      expect(rate.event).toBe('reset')
      expect(rate.delta).toBeUndefined()
      expect(rate.perSecond).toBeUndefined()
    }
  })

  it('a 32-bit counter that passes 2^32 is unwrapped; a 64-bit one never is', () => {
    expect(counterDelta(4_294_967_000n, 200n, 32)).toEqual({ delta: 496n, event: 'wrapped' })
    expect(counterDelta(4_294_967_000n, 200n, 64)).toEqual({ event: 'reset' })
    const s = computeRates(
      { timeMs: 0, clock: 'device', readings: [r('Ethernet1', 'outDiscards', 2n ** 32n - 1_000n, 32)] },
      { timeMs: 2000, clock: 'device', readings: [r('Ethernet1', 'outDiscards', 3_000n, 32)] },
    )
    expect(s.rates[0]).toMatchObject({ event: 'wrapped', delta: 4_000n, perSecond: 2_000 })
  })

  it('an interface missing between polls is listed; one that appears is new, without a rate', () => {
    const s = computeRates(
      { timeMs: 0, clock: 'client', readings: [r('Ethernet1', 'outDiscards', 1n), r('Port-Channel10', 'outDiscards', 9n)] },
      { timeMs: 1000, clock: 'client', readings: [r('Ethernet1', 'outDiscards', 2n), r('Port-Channel20', 'outDiscards', 4n)] },
    )
    expect(s.missing).toEqual([{ subject: { interface: 'Port-Channel10' }, counter: 'outDiscards' }])
    expect(s.rates.find((x) => x.subject.interface === 'Port-Channel20')).toEqual({ subject: { interface: 'Port-Channel20' }, counter: 'outDiscards', value: 4n, event: 'new' })
  })

  it('a device clock that goes backwards means it restarted: every counter is reset', () => {
    const s = computeRates(
      { timeMs: 90_000, clock: 'device', readings: [r('Ethernet1', 'outDiscards', 10n)] },
      { timeMs: 2_000, clock: 'device', readings: [r('Ethernet1', 'outDiscards', 50n)] },
    )
    expect(s.deviceRestarted).toBe(true)
    expect(s.rates[0]).toMatchObject({ event: 'reset' })
    expect(s.rates[0]?.delta).toBeUndefined()
  })
})

describe('watchCounters on a simulated clock', () => {
  it('polls at a fixed cadence and yields rates between consecutive polls', async () => {
    let drops = 0n
    const clock = manualClock((ms) => (drops += BigInt(ms) * 3n))
    const poll = async (): Promise<Poll> => ({ readings: [r('Ethernet1', 'outDiscards', drops)] })
    const samples = []
    for await (const s of watchCounters(poll, { intervalMs: 100, maxSamples: 4, clock })) samples.push(s)
    expect(samples.map((s) => s.seq)).toEqual([0, 1, 2, 3])
    expect(samples[0]?.rates[0]?.perSecond).toBeUndefined()
    expect(samples.slice(1).map((s) => s.rates[0]?.perSecond)).toEqual([3000, 3000, 3000])
    expect(samples.slice(1).map((s) => s.intervalMs)).toEqual([100, 100, 100])
    expect(clock.sleeps).toEqual([100, 100, 100])
  })

  it('ends on abort between polls, clearing its timer, and mid-poll without an error', async () => {
    const controller = new AbortController()
    const clock = manualClock()
    let polls = 0
    const poll = async (): Promise<Poll> => {
      polls++
      return { readings: [r('Ethernet1', 'outDiscards', BigInt(polls))] }
    }
    const seen: number[] = []
    for await (const s of watchCounters(poll, { intervalMs: 50, signal: controller.signal, clock })) {
      seen.push(s.seq)
      if (s.seq === 2) controller.abort()
    }
    expect(seen).toEqual([0, 1, 2])
    expect(polls).toBe(3)

    const midPoll = new AbortController()
    const slow = (signal: AbortSignal | undefined) =>
      new Promise<Poll>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('aborted by the caller')))
        midPoll.abort()
      })
    const out = []
    for await (const s of watchCounters(slow, { intervalMs: 50, signal: midPoll.signal, clock })) out.push(s)
    expect(out).toEqual([])
  })

  it('the system clock clears its timer when aborted: the watch ends at once, not after the interval', async () => {
    const { systemClock } = await import('../../src/index.js')
    const controller = new AbortController()
    const started = performance.now()
    const watch = watchCounters(async () => ({ readings: [] }), { intervalMs: 60_000, signal: controller.signal, clock: systemClock })
    expect((await watch.next()).done).toBe(false)
    setTimeout(() => controller.abort(), 20)
    expect((await watch.next()).done).toBe(true)
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('a failing poll ends the watch with its error', async () => {
    const watch = watchCounters(
      async () => {
        throw new Error('device unreachable')
      },
      { intervalMs: 10, clock: manualClock() },
    )
    await expect(watch.next()).rejects.toThrow('device unreachable')
  })
})
