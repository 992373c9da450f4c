import { EgressQueues, type EgressEnvironment, type EgressOffer } from './egress-queues.js'
import type { HardwareDropCounters } from './hardware-drops.js'
import { InterfaceRates } from './interface-rates.js'

/** The counters the mock keeps per port, as EOS's JSON models name them. */
export interface PortCounters {
  inOctets: bigint
  outOctets: bigint
  inUcastPkts: bigint
  outUcastPkts: bigint
  inMulticastPkts: bigint
  outMulticastPkts: bigint
  inBroadcastPkts: bigint
  outBroadcastPkts: bigint
  inDiscards: bigint
  outDiscards: bigint
  inErrors: bigint
  outErrors: bigint
}

/** Traffic offered on a port, used by {@link TrafficModel.advance}. */
export interface TrafficProfile {
  /** Received rate in Mb/s (in a lab, on top of what the port's cable brings from its peer). */
  inMbps?: number
  /** Rate the switch tries to send in Mb/s. */
  outMbps?: number
  /** Frame size in bytes (default 1000). */
  packetBytes?: number
  /**
   * Fraction of offered egress packets dropped by congestion, 0-1. When absent, egress beyond the port's line rate
   * waits in its queue and is dropped only when the queue's buffer is full.
   */
  outDropRatio?: number
  /** Fraction of received frames with errors, 0-1 (default 0). */
  inErrorRatio?: number
  /** Traffic class the egress traffic uses (default 0). */
  trafficClass?: number
}

/**
 * Whole frames and bytes that arrive over a cable during one step of the receiver's clock (see {@link wireFeed}).
 */
export interface WireTraffic {
  ucastPkts: number
  mcastPkts: number
  octets: number
}

/** What arrives on a linked port during `seconds` of its own clock; `undefined` when nothing crosses the cable. */
export interface WireFeed {
  /** Whole frames for a step of the receiver's clock; fractions carry over to the next call (call it once per step). */
  receive(seconds: number): WireTraffic | undefined
  /** What the sender transmits in `seconds` now, fractions included, with no effect on the carry. */
  peek(seconds: number): Transmission | undefined
}

/** Whole packets a fixed `outDropRatio` lets out of a port in `seconds`, and those it drops. */
function fixedRatioEgress(p: TrafficProfile, seconds: number): { sent: number; dropped: number; size: number } {
  const size = p.packetBytes ?? 1000
  const offered = Math.floor(((p.outMbps ?? 0) * 1e6 * seconds) / 8 / size)
  const dropped = Math.floor(offered * (p.outDropRatio ?? 0))
  return { sent: offered - dropped, dropped, size }
}

/**
 * What a port sends during one step at its steady rate. `packets` and `octets` may hold a fraction where the sender's
 * own counters carry fractions over to the next step (an EOS egress queue); the receiver does too ({@link wireFeed}).
 * With `multicastOneIn100`, one in 100 of a step's whole packets is multicast, as an EOS sender counts them.
 */
export interface Transmission {
  packets: number
  octets: number
  multicastOneIn100: boolean
}

/**
 * What a port with this profile sends in `seconds` at its steady rate. With an `outDropRatio`: `outMbps` less the
 * dropped share, in the same whole packets as the port's own out counters. Without one (a device's egress queues):
 * `outMbps` up to the line rate `lineBytesPerSecond`, as the queue lets out; a burst, and a queue still draining
 * after its traffic stopped, are not part of the steady rate.
 */
export function steadyTransmit(profile: TrafficProfile, seconds: number, lineBytesPerSecond: number | undefined): Transmission {
  const size = profile.packetBytes ?? 1000
  if (profile.outDropRatio !== undefined || lineBytesPerSecond === undefined) {
    const { sent } = fixedRatioEgress(profile, seconds)
    return { packets: sent, octets: sent * size, multicastOneIn100: true }
  }
  const bytes = Math.min(((profile.outMbps ?? 0) * 1e6) / 8, lineBytesPerSecond) * seconds
  return { packets: bytes / size, octets: bytes, multicastOneIn100: true }
}

/** Whole units of an accumulated float count (the slack absorbs rounding of sums that are whole in exact arithmetic). */
const whole = (x: number): number => Math.floor(x + 1e-6)

/**
 * The receiving end of a cable: turns what the sender transmits per step into whole frames, carrying fractions of a
 * frame or byte over to the next step (as the sender's own counters do), so both ends count alike over the same steps.
 */
export function wireFeed(source: (seconds: number) => Transmission | undefined): WireFeed {
  let packets = 0
  let octets = 0
  return {
    peek: source,
    receive(seconds) {
      const t = source(seconds)
      if (!t) return undefined
      packets += t.packets
      octets += t.octets
      const n = whole(packets)
      const bytes = whole(octets)
      packets -= n
      octets -= bytes
      const mcast = t.multicastOneIn100 ? Math.floor(n / 100) : 0
      return { ucastPkts: n - mcast, mcastPkts: mcast, octets: bytes }
    },
  }
}

/** Drops of one queue. */
export interface QueueCounter {
  droppedPackets: bigint
  droppedBytes: bigint
}

/** Creates a zeroed counter set. */
export function zeroCounters(): PortCounters {
  return {
    inOctets: 0n,
    outOctets: 0n,
    inUcastPkts: 0n,
    outUcastPkts: 0n,
    inMulticastPkts: 0n,
    outMulticastPkts: 0n,
    inBroadcastPkts: 0n,
    outBroadcastPkts: 0n,
    inDiscards: 0n,
    outDiscards: 0n,
    inErrors: 0n,
    outErrors: 0n,
  }
}

/**
 * The simulated traffic of a mock device: counters that advance on a simulated clock from per-port traffic profiles,
 * and congestion drops per queue. Deterministic: the same profiles and `advance()` calls give the same counters.
 */
export class TrafficModel {
  readonly counters = new Map<string, PortCounters>()
  readonly queues = new Map<string, Map<number, QueueCounter>>()
  readonly #profiles = new Map<string, TrafficProfile>()
  /** Egress queues: bursts, queue lengths and LANZ episodes. */
  readonly egress = new EgressQueues()
  /** Hardware drop counters of the chip, on platforms that have them (set by the device). */
  hardwareDrops: HardwareDropCounters | undefined
  /** Simulated seconds since the device started. */
  elapsedSeconds = 0
  /**
   * In a lab: per linked port, what the other end of its cable sends; it is received (on top of the profile's
   * `inMbps`) as this model's clock advances, while the port forwards. The port's `inErrorRatio` applies to it too.
   */
  readonly wires = new Map<string, WireFeed>()
  /** Rates per port, averaged over the load interval from the counters as the clock advances. */
  readonly rates = new InterfaceRates()
  /** Simulated second of the last `clear counters`, or `undefined` when never cleared. */
  lastClearS: number | undefined

  constructor(ports: readonly string[]) {
    for (const port of ports) this.counters.set(port, zeroCounters())
  }

  /** The traffic offered on a port, or `undefined` when none is. */
  profile(port: string): TrafficProfile | undefined {
    const profile = this.#profiles.get(port)
    return profile === undefined ? undefined : { ...profile }
  }

  /** Sets (or with `undefined`, clears) the traffic offered on a port. */
  setProfile(port: string, profile: TrafficProfile | undefined): void {
    if (!this.counters.has(port)) throw new Error(`no such port: ${port}`)
    if (profile === undefined) this.#profiles.delete(port)
    else this.#profiles.set(port, profile)
  }

  /**
   * Advances the simulated clock; `forwarding(port)` says whether a port passes traffic now (link up, not shut).
   * With `egress` (the device's line rates, queue buffers and LANZ thresholds), egress traffic without an
   * `outDropRatio` goes through the {@link EgressQueues}: beyond line rate it queues, and drops only once the queue's
   * buffer is full. Without it, or with a ratio, the fixed ratio applies as before.
   */
  advance(seconds: number, forwarding: (port: string) => boolean, egress?: EgressEnvironment, onDrop?: (port: string, trafficClass: number, packets: bigint, atS: number) => void): void {
    this.rates.begin(this.counters)
    this.#advanceCounters(seconds, forwarding, egress, onDrop)
    this.rates.end(this.counters, seconds)
  }

  #advanceCounters(seconds: number, forwarding: (port: string) => boolean, egress?: EgressEnvironment, onDrop?: (port: string, trafficClass: number, packets: bigint, atS: number) => void): void {
    const fromS = this.elapsedSeconds
    this.elapsedSeconds += seconds
    const steady = new Map<string, EgressOffer[]>()
    for (const port of new Set([...this.#profiles.keys(), ...this.wires.keys()])) {
      if (!forwarding(port)) continue
      const p = this.#profiles.get(port) ?? {}
      const c = this.counters.get(port) as PortCounters
      const size = p.packetBytes ?? 1000
      const inPkts = Math.floor(((p.inMbps ?? 0) * 1e6 * seconds) / 8 / size)
      const inErrors = Math.floor(inPkts * (p.inErrorRatio ?? 0))
      const goodIn = inPkts - inErrors
      const mcastIn = Math.floor(goodIn / 100)
      const bcastIn = Math.floor(goodIn / 1000)
      c.inUcastPkts += BigInt(goodIn - mcastIn - bcastIn)
      c.inMulticastPkts += BigInt(mcastIn)
      c.inBroadcastPkts += BigInt(bcastIn)
      c.inOctets += BigInt(goodIn * size)
      c.inErrors += BigInt(inErrors)
      const wire = this.wires.get(port)?.receive(seconds)
      if (wire) receiveFromWire(c, wire, p.inErrorRatio ?? 0)
      if (egress && p.outDropRatio === undefined) {
        if ((p.outMbps ?? 0) > 0) steady.set(port, [{ trafficClass: p.trafficClass ?? 0, bytesPerSecond: ((p.outMbps ?? 0) * 1e6) / 8, packetBytes: size }])
        continue
      }
      const { sent: outPkts, dropped } = fixedRatioEgress(p, seconds)
      const mcastOut = Math.floor(outPkts / 100)
      c.outUcastPkts += BigInt(outPkts - mcastOut)
      c.outMulticastPkts += BigInt(mcastOut)
      c.outOctets += BigInt(outPkts * size)
      c.outDiscards += BigInt(dropped)
      if (dropped > 0) this.#addQueueDrops(port, p.trafficClass ?? 0, BigInt(dropped), BigInt(dropped * size))
    }
    if (!egress) return
    const counts = this.egress.advance(fromS, this.elapsedSeconds, steady, forwarding, egress, onDrop ?? (() => {}))
    for (const [port, n] of counts) {
      const c = this.counters.get(port)
      if (!c) continue
      const mcastOut = n.sentPackets / 100n
      c.outUcastPkts += n.sentPackets - mcastOut
      c.outMulticastPkts += mcastOut
      c.outOctets += n.sentBytes
      for (const [tc, d] of n.dropped) {
        c.outDiscards += d.packets
        this.#addQueueDrops(port, tc, d.packets, d.bytes)
      }
    }
  }

  #addQueueDrops(port: string, trafficClass: number, packets: bigint, bytes: bigint): void {
    if (packets === 0n && bytes === 0n) return
    const perPort = this.queues.get(port) ?? new Map<number, QueueCounter>()
    const q = perPort.get(trafficClass) ?? { droppedPackets: 0n, droppedBytes: 0n }
    q.droppedPackets += packets
    q.droppedBytes += bytes
    perPort.set(trafficClass, q)
    this.queues.set(port, perPort)
  }

  /** Zeroes every interface and queue counter (`clear counters`); queues, bursts and LANZ records are kept. */
  clearCounters(): void {
    for (const port of this.counters.keys()) this.counters.set(port, zeroCounters())
    this.queues.clear()
    this.lastClearS = this.elapsedSeconds
  }

  /** Drops of one port's traffic class (zero when it never dropped). */
  queue(port: string, trafficClass: number): QueueCounter {
    return this.queues.get(port)?.get(trafficClass) ?? { droppedPackets: 0n, droppedBytes: 0n }
  }
}

/** Adds what came over the cable to a port's in counters; `errorRatio` of the frames (unicast first) count as errors. */
function receiveFromWire(c: PortCounters, wire: WireTraffic, errorRatio: number): void {
  const total = wire.ucastPkts + wire.mcastPkts
  if (total <= 0) return
  const errors = Math.floor(total * errorRatio)
  const ucastErrors = Math.min(errors, wire.ucastPkts)
  const good = total - errors
  c.inUcastPkts += BigInt(wire.ucastPkts - ucastErrors)
  c.inMulticastPkts += BigInt(wire.mcastPkts - (errors - ucastErrors))
  c.inOctets += BigInt(errors === 0 ? wire.octets : Math.floor((wire.octets * good) / total))
  c.inErrors += BigInt(errors)
}
