/** Traffic a port is asked to send on one traffic class, at a constant rate. */
export interface EgressOffer {
  trafficClass: number
  bytesPerSecond: number
  packetBytes: number
}

/** A burst offered to a port for a while, on top of its steady traffic. */
export interface Burst extends EgressOffer {
  port: string
  /** Simulated seconds (device clock) when it starts and ends. */
  startS: number
  endS: number
  /** Ports the burst arrives on (LANZ's ingress port set). */
  ingress: string[]
}

/** What the queue model needs from its device at each step. */
export interface EgressEnvironment {
  /** Line rate of a port in bytes per second. */
  lineBytesPerSecond(port: string): number
  /** Buffer of one egress queue in bytes. */
  bufferBytes: number
  /** LANZ thresholds of a queue in bytes, or `undefined` when LANZ is off or absent. */
  lanzThresholds(port: string, trafficClass: number): { highBytes: number; lowBytes: number } | undefined
}

/** A LANZ congestion episode: the queue went over the high threshold and (once `endS` is set) back under the low one. */
export interface LanzEpisode {
  port: string
  trafficClass: number
  startS: number
  /** Queue length when the episode started (the high threshold), bytes. */
  startBytes: number
  /** Highest queue length so far, bytes, and when it was reached. */
  peakBytes: number
  peakS: number
  endS?: number
  ingress: string[]
}

/** Whole packets and bytes that left or were dropped during one step (integers, carried over between steps). */
export interface EgressCounts {
  sentBytes: bigint
  sentPackets: bigint
  dropped: Map<number, { bytes: bigint; packets: bigint }>
}

interface QueueState {
  lengthBytes: number
  packetBytes: number
  episode: LanzEpisode | undefined
  droppedBytes: number
  droppedPackets: number
}

interface PortTotals {
  sentBytes: number
  sentPackets: number
}

const EPS = 1e-6
/** Whole units of an accumulated float count (the tiny slack absorbs rounding of sums that are whole in exact arithmetic). */
const whole = (x: number): number => Math.floor(x + 1e-6)
const MAX_SEGMENTS = 100_000
const MAX_EPISODES = 1_000

/**
 * The egress queues of a mock switch: per port and traffic class, traffic offered beyond the port's line rate waits
 * in the queue (strict priority, highest class first); once a queue holds its buffer, the excess is dropped. Time is
 * integrated exactly: each step is cut at every event (a burst starting or ending, a queue filling, emptying or
 * crossing a LANZ threshold), so a burst of known size into a known buffer gives the arithmetic's peak and drops.
 */
export class EgressQueues {
  readonly bursts: Burst[] = []
  /** LANZ episodes, oldest first (bounded). */
  readonly episodes: LanzEpisode[] = []
  readonly #queues = new Map<string, Map<number, QueueState>>()
  readonly #totals = new Map<string, PortTotals>()

  /** The queue's current length in bytes (0 when it never held anything). */
  lengthBytes(port: string, trafficClass: number): number {
    return this.#queues.get(port)?.get(trafficClass)?.lengthBytes ?? 0
  }

  /** Schedules a burst. */
  addBurst(burst: Burst): void {
    this.bursts.push(burst)
  }

  /**
   * Advances from `fromS` to `toS` (simulated seconds). `steady(port)` gives a port's steady offers; `forwarding`
   * says whether it passes traffic. Returns, per port, the whole packets and bytes sent and dropped in the step, and
   * calls `onDrop` with each drop's time for the device's drop-event counters.
   */
  advance(
    fromS: number,
    toS: number,
    steady: ReadonlyMap<string, readonly EgressOffer[]>,
    forwarding: (port: string) => boolean,
    env: EgressEnvironment,
    onDrop: (port: string, trafficClass: number, packets: bigint, atS: number) => void,
  ): Map<string, EgressCounts> {
    const ports = new Set<string>([...steady.keys(), ...this.bursts.filter((b) => b.endS > fromS && b.startS < toS).map((b) => b.port)])
    for (const [port, queues] of this.#queues) if ([...queues.values()].some((q) => q.lengthBytes > EPS || q.episode)) ports.add(port)
    const out = new Map<string, EgressCounts>()
    for (const port of ports) {
      if (!forwarding(port)) continue
      out.set(port, this.#advancePort(port, fromS, toS, steady.get(port) ?? [], env, onDrop))
    }
    const live = this.bursts.filter((b) => b.endS > toS)
    this.bursts.splice(0, this.bursts.length, ...live)
    return out
  }

  #queue(port: string, trafficClass: number): QueueState {
    let perPort = this.#queues.get(port)
    if (!perPort) this.#queues.set(port, (perPort = new Map()))
    let q = perPort.get(trafficClass)
    if (!q) perPort.set(trafficClass, (q = { lengthBytes: 0, packetBytes: 1000, episode: undefined, droppedBytes: 0, droppedPackets: 0 }))
    return q
  }

  #advancePort(
    port: string,
    fromS: number,
    toS: number,
    steady: readonly EgressOffer[],
    env: EgressEnvironment,
    onDrop: (port: string, trafficClass: number, packets: bigint, atS: number) => void,
  ): EgressCounts {
    const totals = this.#totals.get(port) ?? { sentBytes: 0, sentPackets: 0 }
    this.#totals.set(port, totals)
    const before = { bytes: whole(totals.sentBytes), packets: whole(totals.sentPackets) }
    const dropBefore = new Map<number, { bytes: number; packets: number }>()
    const line = env.lineBytesPerSecond(port)
    const buffer = env.bufferBytes
    let t = fromS
    for (let segment = 0; t < toS - 1e-12 && segment < MAX_SEGMENTS; segment++) {
      const bursts = this.bursts.filter((b) => b.port === port && b.startS <= t + 1e-12 && b.endS > t + 1e-12)
      const offered = new Map<number, { rate: number; packets: number; ingress: string[] }>()
      const sources: Array<EgressOffer & { ingress?: string[] }> = [...steady, ...bursts]
      for (const o of sources) {
        const cur = offered.get(o.trafficClass) ?? { rate: 0, packets: 0, ingress: [] as string[] }
        cur.rate += o.bytesPerSecond
        cur.packets += o.bytesPerSecond / o.packetBytes
        if (o.ingress) cur.ingress = [...new Set([...cur.ingress, ...o.ingress])]
        offered.set(o.trafficClass, cur)
      }
      const classes = [...new Set([...offered.keys(), ...[...(this.#queues.get(port) ?? new Map<number, QueueState>())].filter(([, q]) => q.lengthBytes > EPS).map(([tc]) => tc)])].sort((a, b) => b - a)
      let boundary = toS
      for (const b of this.bursts) {
        if (b.port !== port) continue
        if (b.startS > t + 1e-12) boundary = Math.min(boundary, b.startS)
        if (b.endS > t + 1e-12) boundary = Math.min(boundary, b.endS)
      }
      let available = line
      const plan = classes.map((tc) => {
        const q = this.#queue(port, tc)
        const o = offered.get(tc)
        const rate = o?.rate ?? 0
        if (o && o.packets > 0) q.packetBytes = o.rate / o.packets
        const served = q.lengthBytes > EPS ? available : Math.min(rate, available)
        available -= served
        const full = q.lengthBytes >= buffer - EPS
        const growth = rate - served
        const net = full && growth > 0 ? 0 : growth
        const dropRate = full && growth > 0 ? growth : 0
        return { tc, q, served, net, dropRate, ingress: o?.ingress ?? [] }
      })
      let dt = boundary - t
      for (const p of plan) {
        const lanz = env.lanzThresholds(port, p.tc)
        const events: number[] = []
        if (p.net < 0) events.push(p.q.lengthBytes / -p.net)
        if (p.net > 0) events.push((buffer - p.q.lengthBytes) / p.net)
        if (lanz && p.net > 0 && !p.q.episode && p.q.lengthBytes < lanz.highBytes - EPS) events.push((lanz.highBytes - p.q.lengthBytes) / p.net)
        if (lanz && p.net < 0 && p.q.episode && p.q.lengthBytes > lanz.lowBytes + EPS) events.push((p.q.lengthBytes - lanz.lowBytes) / -p.net)
        for (const e of events) if (e > 1e-15) dt = Math.min(dt, e)
      }
      const end = t + dt
      for (const p of plan) {
        const { q } = p
        q.lengthBytes = Math.min(buffer, Math.max(0, q.lengthBytes + p.net * dt))
        if (q.lengthBytes < EPS) q.lengthBytes = 0
        if (buffer - q.lengthBytes < EPS) q.lengthBytes = buffer
        totals.sentBytes += p.served * dt
        totals.sentPackets += (p.served * dt) / q.packetBytes
        if (p.dropRate > 0) {
          if (!dropBefore.has(p.tc)) dropBefore.set(p.tc, { bytes: whole(q.droppedBytes), packets: whole(q.droppedPackets) })
          const packetsBefore = whole(q.droppedPackets)
          q.droppedBytes += p.dropRate * dt
          q.droppedPackets += (p.dropRate * dt) / q.packetBytes
          const added = whole(q.droppedPackets) - packetsBefore
          if (added > 0) onDrop(port, p.tc, BigInt(added), end)
        }
        this.#trackLanz(port, p.tc, q, env, end, p.net, p.ingress)
      }
      t = end
    }
    const dropped = new Map<number, { bytes: bigint; packets: bigint }>()
    for (const [tc, b] of dropBefore) {
      const q = this.#queue(port, tc)
      dropped.set(tc, { bytes: BigInt(whole(q.droppedBytes) - b.bytes), packets: BigInt(whole(q.droppedPackets) - b.packets) })
    }
    return {
      sentBytes: BigInt(whole(totals.sentBytes) - before.bytes),
      sentPackets: BigInt(whole(totals.sentPackets) - before.packets),
      dropped,
    }
  }

  #trackLanz(port: string, trafficClass: number, q: QueueState, env: EgressEnvironment, atS: number, net: number, ingress: string[]): void {
    const lanz = env.lanzThresholds(port, trafficClass)
    const open = q.episode
    if (open) {
      if (q.lengthBytes > open.peakBytes) {
        open.peakBytes = q.lengthBytes
        open.peakS = atS
      }
      if (ingress.length > 0) open.ingress = [...new Set([...open.ingress, ...ingress])]
      if (!lanz || (net <= 0 && q.lengthBytes <= lanz.lowBytes + EPS)) {
        open.endS = atS
        q.episode = undefined
      }
      return
    }
    if (lanz && net > 0 && q.lengthBytes >= lanz.highBytes - EPS) {
      const episode: LanzEpisode = { port, trafficClass, startS: atS, startBytes: q.lengthBytes, peakBytes: q.lengthBytes, peakS: atS, ingress: [...ingress] }
      q.episode = episode
      this.episodes.push(episode)
      if (this.episodes.length > MAX_EPISODES) this.episodes.splice(0, this.episodes.length - MAX_EPISODES)
    }
  }
}
