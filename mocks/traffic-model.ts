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
  /** Received rate in Mb/s. */
  inMbps?: number
  /** Rate the switch tries to send in Mb/s. */
  outMbps?: number
  /** Frame size in bytes (default 1000). */
  packetBytes?: number
  /** Fraction of offered egress packets dropped by congestion, 0-1 (default 0). */
  outDropRatio?: number
  /** Fraction of received frames with errors, 0-1 (default 0). */
  inErrorRatio?: number
  /** Traffic class the egress traffic uses (default 0). */
  trafficClass?: number
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
  /** Simulated seconds since the device started. */
  elapsedSeconds = 0

  constructor(ports: readonly string[]) {
    for (const port of ports) this.counters.set(port, zeroCounters())
  }

  /** Sets (or with `undefined`, clears) the traffic offered on a port. */
  setProfile(port: string, profile: TrafficProfile | undefined): void {
    if (!this.counters.has(port)) throw new Error(`no such port: ${port}`)
    if (profile === undefined) this.#profiles.delete(port)
    else this.#profiles.set(port, profile)
  }

  /** Advances the simulated clock; `forwarding(port)` says whether a port passes traffic now (link up, not shut). */
  advance(seconds: number, forwarding: (port: string) => boolean): void {
    this.elapsedSeconds += seconds
    for (const [port, p] of this.#profiles) {
      if (!forwarding(port)) continue
      const c = this.counters.get(port) as PortCounters
      const size = p.packetBytes ?? 1000
      const inPkts = Math.floor(((p.inMbps ?? 0) * 1e6 * seconds) / 8 / size)
      const offeredOut = Math.floor(((p.outMbps ?? 0) * 1e6 * seconds) / 8 / size)
      const dropped = Math.floor(offeredOut * (p.outDropRatio ?? 0))
      const inErrors = Math.floor(inPkts * (p.inErrorRatio ?? 0))
      const outPkts = offeredOut - dropped
      const goodIn = inPkts - inErrors
      const mcastIn = Math.floor(goodIn / 100)
      const bcastIn = Math.floor(goodIn / 1000)
      c.inUcastPkts += BigInt(goodIn - mcastIn - bcastIn)
      c.inMulticastPkts += BigInt(mcastIn)
      c.inBroadcastPkts += BigInt(bcastIn)
      c.inOctets += BigInt(goodIn * size)
      c.inErrors += BigInt(inErrors)
      const mcastOut = Math.floor(outPkts / 100)
      c.outUcastPkts += BigInt(outPkts - mcastOut)
      c.outMulticastPkts += BigInt(mcastOut)
      c.outOctets += BigInt(outPkts * size)
      c.outDiscards += BigInt(dropped)
      if (dropped > 0) {
        const tc = p.trafficClass ?? 0
        const perPort = this.queues.get(port) ?? new Map<number, QueueCounter>()
        const q = perPort.get(tc) ?? { droppedPackets: 0n, droppedBytes: 0n }
        q.droppedPackets += BigInt(dropped)
        q.droppedBytes += BigInt(dropped * size)
        perPort.set(tc, q)
        this.queues.set(port, perPort)
      }
    }
  }

  /** Drops of one port's traffic class (zero when it never dropped). */
  queue(port: string, trafficClass: number): QueueCounter {
    return this.queues.get(port)?.get(trafficClass) ?? { droppedPackets: 0n, droppedBytes: 0n }
  }
}
