import type { PortCounters } from './traffic-model.js'

/** The load interval EOS averages interface rates over by default, in seconds (`load-interval`, 5:00). */
export const LOAD_INTERVAL_S = 300

/** Rates of one port, as EOS names them in `show interfaces counters rates`: bits and packets per second. */
export interface PortRates {
  inBps: number
  outBps: number
  inPps: number
  outPps: number
}

interface Totals {
  inBits: bigint
  outBits: bigint
  inPkts: bigint
  outPkts: bigint
}

function totals(c: PortCounters): Totals {
  return {
    inBits: c.inOctets * 8n,
    outBits: c.outOctets * 8n,
    inPkts: c.inUcastPkts + c.inMulticastPkts + c.inBroadcastPkts,
    outPkts: c.outUcastPkts + c.outMulticastPkts + c.outBroadcastPkts,
  }
}

/**
 * Interface rates measured from the counters on the simulated clock, the way EOS reports them: an exponentially
 * weighted average over the load interval (300 s), so a steady rate shows in full only after a few intervals and a
 * stopped one decays. Each step of the clock contributes its own average rate with weight `1 - e^(-step/300)`.
 * (EOS's exact weighting is not public: the decay over the load interval is [unconfirmed].)
 */
export class InterfaceRates {
  readonly #rates = new Map<string, PortRates>()
  #before = new Map<string, Totals>()

  /** Takes the counters before a step of the clock. */
  begin(counters: ReadonlyMap<string, PortCounters>): void {
    this.#before = new Map([...counters].map(([port, c]) => [port, totals(c)]))
  }

  /** Folds the step (`seconds` long, counters now as given) into each port's average. */
  end(counters: ReadonlyMap<string, PortCounters>, seconds: number): void {
    if (!(seconds > 0)) return
    const weight = 1 - Math.exp(-seconds / LOAD_INTERVAL_S)
    for (const [port, c] of counters) {
      const now = totals(c)
      const was = this.#before.get(port) ?? now
      const step = (a: bigint, b: bigint) => (a >= b ? Number(a - b) / seconds : 0)
      const sample: PortRates = { inBps: step(now.inBits, was.inBits), outBps: step(now.outBits, was.outBits), inPps: step(now.inPkts, was.inPkts), outPps: step(now.outPkts, was.outPkts) }
      const r = this.#rates.get(port) ?? { inBps: 0, outBps: 0, inPps: 0, outPps: 0 }
      for (const k of Object.keys(r) as Array<keyof PortRates>) r[k] += weight * (sample[k] - r[k])
      this.#rates.set(port, r)
    }
  }

  /** The rates of a port now (zero for a port that never carried traffic). */
  of(port: string): PortRates {
    const r = this.#rates.get(port)
    return r ? { ...r } : { inBps: 0, outBps: 0, inPps: 0, outPps: 0 }
  }
}
