/** What a counter counts: an interface, one queue of it, or one hardware drop counter of a chip. */
export interface CounterSubject {
  interface?: string
  direction?: 'ingress' | 'egress'
  trafficClass?: number
  chip?: string
  /** A hardware drop counter's name. */
  name?: string
}

/** One counter of one subject at one instant. */
export interface CounterReading {
  subject: CounterSubject
  /** The counter's name in switchyard's model, e.g. `outDiscards` or `droppedPackets`. */
  counter: string
  value: bigint
  /** 32 for a counter that wraps at 2^32 (SNMP Counter32), else 64. */
  width: 32 | 64
}

/** Every counter read in one poll, and when. */
export interface CounterSnapshot {
  /** Milliseconds on `clock`: the device's uptime where it gives one, else the client's monotonic clock. */
  timeMs: number
  clock: 'device' | 'client'
  readings: readonly CounterReading[]
}

/** What happened to a counter between two polls, when it is not simply counting up. */
export type CounterEvent = 'new' | 'reset' | 'wrapped'

/** One counter in one sample: its value, and its change since the previous poll. */
export interface CounterRate {
  subject: CounterSubject
  counter: string
  value: bigint
  /** Increase since the previous poll; absent on the first sample, for a new counter and after a reset. */
  delta?: bigint
  /** `delta` per second; absent whenever `delta` is, or when no time passed. */
  perSecond?: number
  /** `new`: not in the previous poll; `reset`: went backwards (cleared, or the device restarted); `wrapped`: a 32-bit counter passed 2^32 (the delta is unwrapped). */
  event?: CounterEvent
}

/** The change of every counter between two consecutive polls. */
export interface CounterRateSample {
  /** When the poll was taken, and on whose clock. */
  time: { ms: number; clock: 'device' | 'client' }
  /** Milliseconds since the previous poll; absent on the first sample, which has no rates. */
  intervalMs?: number
  /** True when the device's clock went backwards: it restarted, so every counter is reported as reset. */
  deviceRestarted?: boolean
  rates: CounterRate[]
  /** Counters the previous poll had and this one lacks (e.g. an interface that went away). */
  missing: Array<{ subject: CounterSubject; counter: string }>
}

const TWO_32 = 2n ** 32n
const HALF_32 = 2n ** 31n

/** A stable text key of a subject, e.g. `Ethernet1 egress TC3` or `Jericho0 dropVoqInMcastEmptyMcid`. */
export function subjectLabel(subject: CounterSubject): string {
  const parts: string[] = []
  if (subject.chip !== undefined) parts.push(subject.chip)
  if (subject.interface !== undefined) parts.push(subject.interface)
  if (subject.direction !== undefined) parts.push(subject.direction)
  if (subject.trafficClass !== undefined) parts.push(`TC${subject.trafficClass}`)
  if (subject.name !== undefined) parts.push(subject.name)
  return parts.join(' ')
}

function keyOf(r: { subject: CounterSubject; counter: string }): string {
  return `${subjectLabel(r.subject)}\u0000${r.counter}`
}

/**
 * The increase of a counter from `previous` to `current`: a plain difference when it grew; for a 32-bit counter
 * that went backwards by wrapping (the unwrapped increase is under 2^31, half its range) the unwrapped difference;
 * otherwise a reset, whose increase is unknown.
 *
 * @example
 * counterDelta(4_294_967_000n, 200n, 32) // { delta: 496n, event: 'wrapped' }
 * counterDelta(1_000n, 10n, 64)          // { event: 'reset' }
 */
export function counterDelta(previous: bigint, current: bigint, width: 32 | 64): { delta?: bigint; event?: 'reset' | 'wrapped' } {
  if (current >= previous) return { delta: current - previous }
  if (width === 32 && previous < TWO_32) {
    const unwrapped = current + TWO_32 - previous
    if (unwrapped < HALF_32) return { delta: unwrapped, event: 'wrapped' }
  }
  return { event: 'reset' }
}

/**
 * Compares two consecutive polls: per counter, the delta and the rate per second, with resets reported (never a
 * negative rate), 32-bit wraps unwrapped, counters that appeared marked `new` and counters that went away listed in
 * `missing`. The first poll (`previous` undefined) gives values only. Pure: no clock, no I/O.
 */
export function computeRates(previous: CounterSnapshot | undefined, current: CounterSnapshot): CounterRateSample {
  const sample: CounterRateSample = { time: { ms: current.timeMs, clock: current.clock }, rates: [], missing: [] }
  if (previous === undefined) {
    sample.rates = current.readings.map((r) => ({ subject: r.subject, counter: r.counter, value: r.value }))
    return sample
  }
  const intervalMs = current.timeMs - previous.timeMs
  sample.intervalMs = intervalMs
  const restarted = current.clock === 'device' && previous.clock === 'device' && intervalMs < 0
  if (restarted) sample.deviceRestarted = true
  const before = new Map(previous.readings.map((r) => [keyOf(r), r]))
  const seen = new Set<string>()
  for (const r of current.readings) {
    const key = keyOf(r)
    seen.add(key)
    const rate: CounterRate = { subject: r.subject, counter: r.counter, value: r.value }
    const prior = before.get(key)
    if (prior === undefined) rate.event = 'new'
    else if (restarted) rate.event = 'reset'
    else {
      const { delta, event } = counterDelta(prior.value, r.value, r.width)
      if (event !== undefined) rate.event = event
      if (delta !== undefined) {
        rate.delta = delta
        if (intervalMs > 0) rate.perSecond = (Number(delta) * 1000) / intervalMs
      }
    }
    sample.rates.push(rate)
  }
  for (const r of previous.readings) if (!seen.has(keyOf(r))) sample.missing.push({ subject: r.subject, counter: r.counter })
  return sample
}
