/** One hardware drop counter of a chip, as the mock keeps it. */
interface DropCounterState {
  chip: string
  type: 'Adverse' | 'Congestion' | 'PacketProcessor'
  name: string
  id: number
  count: bigint
  events: number
  firstS: number
  lastS: number
  /** Drops per whole simulated second, oldest first, kept for a week (the longest window EOS reports). */
  seconds: Array<[second: number, packets: bigint]>
}

const WEEK_S = 7 * 24 * 3600
const WINDOWS = [
  ['dropInLastMinute', 60],
  ['dropInLastTenMinute', 600],
  ['dropInLastOneHour', 3600],
  ['dropInLastOneDay', 86_400],
  ['dropInLastOneWeek', WEEK_S],
] as const

/** `2024-01-09 16:49:12`, the way EOS prints drop event times (UTC here). */
function eventTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')
}

/**
 * The hardware drop counters of a Sand (VOQ) mock, in the shape of `show hardware counter drop`: congestion drops of
 * the egress queues are counted on the chip as a `Congestion` counter. Its name (`VoqCongestionDrops`) is the mock's
 * own: the public recordings show adverse and packet-processor counter names only. A new event starts when drops
 * resume after a quiet second; the recent-window counts come from per-second buckets on the simulated clock.
 */
export class HardwareDropCounters {
  readonly #counters = new Map<string, DropCounterState>()

  constructor(readonly chip: string) {}

  /** Counts `packets` congestion drops at simulated second `atS`. */
  recordCongestion(packets: bigint, atS: number): void {
    this.#record('Congestion', 'VoqCongestionDrops', 39, packets, atS)
  }

  /** The JSON model of `show hardware counter drop` (`withTotals`) or `… drop rates` (no totals). */
  render(nowS: number, bootTimeMs: number, withTotals: boolean): Record<string, unknown> {
    const dropEvent = [...this.#counters.values()].map((c) => {
      const windows: Record<string, bigint> = {}
      for (const [key, span] of WINDOWS) windows[key] = c.seconds.filter(([s]) => s > nowS - span).reduce((sum, [, n]) => sum + n, 0n)
      return {
        counterName: c.name,
        counterType: c.type,
        counterId: c.id,
        dropCount: c.count,
        eventCount: c.events,
        initialEventTime: eventTime(bootTimeMs + c.firstS * 1000),
        lastEventTime: eventTime(bootTimeMs + c.lastS * 1000),
        ...windows,
      }
    })
    const dropEvents = dropEvent.length > 0 ? { [this.chip]: { dropEvent } } : {}
    if (!withTotals) return { dropEvents }
    const total = (type: DropCounterState['type']) => [...this.#counters.values()].filter((c) => c.type === type).reduce((s, c) => s + c.count, 0n)
    return { totalAdverseDrops: total('Adverse'), totalCongestionDrops: total('Congestion'), totalPacketProcessorDrops: total('PacketProcessor'), dropEvents }
  }

  #record(type: DropCounterState['type'], name: string, id: number, packets: bigint, atS: number): void {
    if (packets <= 0n) return
    const key = `${type}|${name}`
    let c = this.#counters.get(key)
    if (!c) this.#counters.set(key, (c = { chip: this.chip, type, name, id, count: 0n, events: 0, firstS: atS, lastS: -Infinity, seconds: [] }))
    if (atS - c.lastS > 1) c.events++
    c.count += packets
    c.lastS = atS
    const second = Math.floor(atS)
    const last = c.seconds.at(-1)
    if (last && last[0] === second) last[1] += packets
    else c.seconds.push([second, packets])
    while ((c.seconds[0]?.[0] ?? Infinity) <= atS - WEEK_S) c.seconds.shift()
  }
}
