import type { MosConfig } from './mos-config.js'
import { CORES_7130_48L } from './mos-config.js'
import type { Transmission, WireFeed } from '../traffic-model.js'

/** Traffic offered to a 7130 front port (what it receives from the wire). */
export interface MosOffer {
  /** Received rate in Gb/s. */
  gbps: number
  /** Frame size in bytes (default 1000). */
  frameBytes?: number
}

/** Byte and frame counts, as bigints. */
interface Count {
  octets: bigint
  frames: bigint
}

/** Counters of one aggregation core on the simulated clock. */
export interface CoreState {
  bytesIn: number
  bytesOut: number
  framesIn: number
  framesOut: number
  dropBytes: number
  dropFrames: number
  buffer: number
  highWater: number
}

/**
 * The traffic of a mock 7130 on a simulated clock: rates offered on front ports travel along the L1 sources (a
 * port transmits what its source receives; taps copy it), app input ports feed their core, and each core's output
 * carries the sum of its inputs up to the output's line rate. The excess first fills the core's buffer; once it is
 * full, the excess is dropped (overflow drops). Deterministic: the same offers and steps give the same counters.
 */
export class MosTraffic {
  readonly rx = new Map<string, Count>()
  readonly tx = new Map<string, Count>()
  readonly cores = new Map<number, CoreState>(CORES_7130_48L.map((c) => [c.index, { bytesIn: 0, bytesOut: 0, framesIn: 0, framesOut: 0, dropBytes: 0, dropFrames: 0, buffer: 0, highWater: 0 }]))
  readonly #offers = new Map<string, MosOffer>()
  /** In a lab: per linked front port, what the other end of its cable sends; received on top of the port's offer. */
  readonly wires = new Map<string, WireFeed>()

  constructor(
    /** Line rate of a core's output, Gb/s. */
    readonly outputGbps: number,
    /** Buffer of each core, bytes. */
    readonly bufferBytes: number,
  ) {}

  /** The traffic offered now, by front port. */
  offers(): ReadonlyMap<string, MosOffer> {
    return new Map(this.#offers)
  }

  offer(port: string, offer: MosOffer | undefined): void {
    if (offer === undefined) this.#offers.delete(port)
    else this.#offers.set(port, offer)
  }

  /** What each front port receives now (its offer plus what its cable brings), bytes per second and mean frame size. */
  #rxRates(seconds: number, config: MosConfig, linkUp: (port: string) => boolean, only?: ReadonlySet<string>): Map<string, { bps: number; frame: number }> {
    const rates = new Map<string, { bps: number; frame: number }>()
    for (const port of new Set([...this.#offers.keys(), ...this.wires.keys()])) {
      if (only && !only.has(port)) continue
      if (config.ports[port]?.shutdown || !linkUp(port)) continue
      const o = this.#offers.get(port)
      const wire = this.wires.get(port)?.peek(seconds)
      const offered = o ? { bps: (o.gbps * 1e9) / 8, frame: o.frameBytes ?? 1000 } : undefined
      if (!wire || !(wire.packets > 0)) {
        if (offered) rates.set(port, offered)
        continue
      }
      const bps = (offered?.bps ?? 0) + wire.octets / seconds
      const fps = (offered ? offered.bps / offered.frame : 0) + wire.packets / seconds
      rates.set(port, { bps, frame: bps / fps })
    }
    return rates
  }

  /**
   * What a front port sends in `seconds` at the steady rate, rounded as its tx counters are (all frames unicast):
   * what its L1 source receives, or its core's output up to the output's line rate (a core's buffer draining is not
   * part of it). `undefined` when it sends nothing (shut down, link down, no source, nothing received there).
   */
  steadyTransmit(port: string, seconds: number, config: MosConfig, linkUp: (port: string) => boolean): Transmission | undefined {
    const p = config.ports[port]
    if (!p || p.shutdown || !p.source || !linkUp(port)) return undefined
    const core = CORES_7130_48L.find((c) => c.output === p.source)
    const needed = new Set(core ? core.inputs.flatMap((ap) => config.ports[ap]?.source ?? []) : [p.source])
    const rx = this.#rxRates(seconds, config, linkUp, needed)
    let r = rx.get(p.source)
    if (!r && core) {
      const { bps, fps } = coreInput(core.inputs, config, rx)
      if (fps > 0) r = { bps: Math.min(bps, (this.outputGbps * 1e9) / 8), frame: bps / fps }
    }
    if (!r) return undefined
    const bytes = r.bps * seconds
    const frames = Math.round(bytes / r.frame)
    return frames > 0 ? { packets: frames, octets: Math.round(bytes), multicastOneIn100: false } : undefined
  }

  /**
   * Advances the clock by `seconds` in one step (rates are constant between calls). Traffic offered on a port is
   * received only while the port is not shut down and its link is up (`linkUp`, default: every link up).
   */
  advance(seconds: number, config: MosConfig, linkUp: (port: string) => boolean = () => true): void {
    const rxRate = this.#rxRates(seconds, config, linkUp)
    const coreOut = new Map<string, { bps: number; frame: number }>()
    for (const core of CORES_7130_48L) {
      const state = this.cores.get(core.index) as CoreState
      const { bps: inBps, fps: inFps } = coreInput(core.inputs, config, rxRate)
      const frame = inFps > 0 ? inBps / inFps : 1000
      const lineBps = (this.outputGbps * 1e9) / 8
      const excess = inBps - lineBps
      let outBytes: number
      if (excess > 0) {
        const room = this.bufferBytes - state.buffer
        const fillTime = room / excess
        if (seconds <= fillTime) {
          state.buffer += excess * seconds
        } else {
          state.buffer = this.bufferBytes
          const dropped = excess * (seconds - fillTime)
          state.dropBytes += dropped
          state.dropFrames += dropped / frame
        }
        outBytes = lineBps * seconds
      } else {
        const drained = Math.min(state.buffer, -excess * seconds)
        state.buffer -= drained
        outBytes = inBps * seconds + drained
      }
      state.highWater = Math.max(state.highWater, state.buffer)
      state.bytesIn += inBps * seconds
      state.framesIn += inFps * seconds
      state.bytesOut += outBytes
      state.framesOut += outBytes / frame
      if (outBytes > 0) coreOut.set(core.output, { bps: outBytes / seconds, frame })
    }
    const add = (map: Map<string, Count>, port: string, bytes: number, frame: number) => {
      const c = map.get(port) ?? { octets: 0n, frames: 0n }
      c.octets += BigInt(Math.round(bytes))
      c.frames += BigInt(Math.round(bytes / frame))
      map.set(port, c)
    }
    for (const [port, r] of rxRate) add(this.rx, port, r.bps * seconds, r.frame)
    for (const [port, p] of Object.entries(config.ports)) {
      if (p.shutdown || !p.source || !(port.startsWith('et') || port.startsWith('ma'))) continue
      const r = rxRate.get(p.source) ?? coreOut.get(p.source)
      if (r) add(this.tx, port, r.bps * seconds, r.frame)
    }
  }
}

/** What a MetaWatch core's inputs receive together: bits per second and frames per second, from their sources' rates. */
function coreInput(inputs: readonly string[], config: MosConfig, rx: ReadonlyMap<string, { bps: number; frame: number }>): { bps: number; fps: number } {
  let bps = 0
  let fps = 0
  for (const ap of inputs) {
    const src = config.ports[ap]?.source
    const r = src ? rx.get(src) : undefined
    if (!r) continue
    bps += r.bps
    fps += r.bps / r.frame
  }
  return { bps, fps }
}
