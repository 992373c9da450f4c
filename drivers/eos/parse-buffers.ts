import { z } from 'zod'
import type {
  HardwareDropCounter,
  HardwareDropTotals,
  HardwareDropType,
  LanzEntryType,
  LanzRecord,
  LanzReport,
  LanzThresholds,
} from '../../src/model/buffers.js'
import { compareInterfaceNames } from '../../src/interface-names.js'
import { JsonCount, parseOutput, toBigInt } from './eos-json.js'
import { matchingBlocks, type ConfigBlock } from './running-config-tree.js'

const LanzEntry = z.object({
  interface: z.string(),
  entryType: z.string(),
  trafficClass: JsonCount,
  queueLength: JsonCount,
  duration: JsonCount.optional(),
  durationUsecs: JsonCount.optional(),
  entryTime: JsonCount,
  entryTimeUsecs: JsonCount.optional(),
  ingressPortSet: z.array(z.string()).optional(),
})

const ShowQueueMonitorLength = z.object({
  reportTime: JsonCount,
  bytesPerTxmpSegment: JsonCount.optional(),
  lanzEnabled: z.boolean(),
  platformName: z.string().optional(),
  entryList: z.array(LanzEntry).optional(),
})

const ShowQueueMonitorStatus = z.object({ lanzEnabled: z.boolean() })

const DropEvent = z.object({
  counterName: z.string(),
  counterType: z.string(),
  counterId: JsonCount.optional(),
  dropCount: JsonCount,
  eventCount: JsonCount.optional(),
  initialEventTime: z.string().optional(),
  lastEventTime: z.string().optional(),
  dropInLastMinute: JsonCount.optional(),
  dropInLastTenMinute: JsonCount.optional(),
  dropInLastOneHour: JsonCount.optional(),
  dropInLastOneDay: JsonCount.optional(),
  dropInLastOneWeek: JsonCount.optional(),
})

const ShowHardwareCounterDrop = z.object({
  totalAdverseDrops: JsonCount.optional(),
  totalCongestionDrops: JsonCount.optional(),
  totalPacketProcessorDrops: JsonCount.optional(),
  dropEvents: z.record(z.string(), z.object({ dropEvent: z.array(DropEvent) })),
})

const ENTRY_TYPES: Readonly<Record<string, LanzEntryType>> = { S: 'start', U: 'update', E: 'end', P: 'polling' }
const DROP_TYPES: Readonly<Record<string, HardwareDropType>> = { Adverse: 'adverse', Congestion: 'congestion', PacketProcessor: 'packetProcessor' }

const num = (value: number | bigint): number => Number(value)

/**
 * Parses `show queue-monitor length` (LANZ). Sand (VOQ) platforms report queue lengths in bytes, the others in
 * segments of `bytesPerTxmpSegment` bytes; each record carries both, the one not measured derived from the other.
 * Times are the device's (`entryTimeUsecs`, else `entryTime` in seconds).
 */
export function parseQueueMonitorLength(output: unknown): LanzReport {
  const parsed = parseOutput(ShowQueueMonitorLength, output, 'show queue-monitor length')
  const platformName = parsed.platformName ?? ''
  const unit = /^sand$/i.test(platformName) ? 'bytes' : 'segments'
  const segmentBytes = parsed.bytesPerTxmpSegment === undefined ? 0 : num(parsed.bytesPerTxmpSegment)
  const records = (parsed.entryList ?? []).map((e): LanzRecord => {
    const length = num(e.queueLength)
    const timeUs = e.entryTimeUsecs !== undefined ? num(e.entryTimeUsecs) : Math.round(num(e.entryTime) * 1e6)
    const durationUs = e.durationUsecs !== undefined ? num(e.durationUsecs) : Math.round(num(e.duration ?? 0) * 1e6)
    return {
      interface: e.interface,
      trafficClass: num(e.trafficClass),
      entryType: ENTRY_TYPES[e.entryType] ?? 'other',
      queueLengthBytes: unit === 'bytes' ? length : length * segmentBytes,
      queueLengthSegments: unit === 'segments' ? length : segmentBytes > 0 ? Math.ceil(length / segmentBytes) : 0,
      durationUs,
      timeUs,
      time: new Date(Math.floor(timeUs / 1000)),
      ingressInterfaces: [...(e.ingressPortSet ?? [])].sort(compareInterfaceNames),
    }
  })
  return {
    enabled: parsed.lanzEnabled,
    platformName,
    unit,
    segmentBytes,
    reportTime: new Date(Math.round(num(parsed.reportTime) * 1000)),
    records,
  }
}

/** Parses `show queue-monitor length status`: whether LANZ is enabled. */
export function parseQueueMonitorStatus(output: unknown): boolean {
  return parseOutput(ShowQueueMonitorStatus, output, 'show queue-monitor length status').lanzEnabled
}

/**
 * Parses `show hardware counter drop` (and `… drop rates`, which has the same events without totals): every drop
 * counter of every chip, sorted by chip, type and name, and the device's totals where it gives them.
 */
export function parseHardwareDrops(output: unknown): { counters: HardwareDropCounter[]; totals?: HardwareDropTotals } {
  const parsed = parseOutput(ShowHardwareCounterDrop, output, 'show hardware counter drop')
  const counters: HardwareDropCounter[] = []
  for (const [chip, events] of Object.entries(parsed.dropEvents)) {
    for (const e of events.dropEvent) {
      const counter: HardwareDropCounter = {
        chip,
        type: DROP_TYPES[e.counterType] ?? 'other',
        typeName: e.counterType,
        name: e.counterName,
        dropCount: toBigInt(e.dropCount),
        recent: {},
      }
      if (e.counterId !== undefined) counter.id = num(e.counterId)
      if (e.eventCount !== undefined) counter.eventCount = num(e.eventCount)
      if (e.initialEventTime !== undefined) counter.firstEvent = e.initialEventTime
      if (e.lastEventTime !== undefined) counter.lastEvent = e.lastEventTime
      const windows = [
        ['lastMinute', e.dropInLastMinute],
        ['lastTenMinutes', e.dropInLastTenMinute],
        ['lastHour', e.dropInLastOneHour],
        ['lastDay', e.dropInLastOneDay],
        ['lastWeek', e.dropInLastOneWeek],
      ] as const
      for (const [key, value] of windows) if (value !== undefined) counter.recent[key] = toBigInt(value)
      counters.push(counter)
    }
  }
  counters.sort((a, b) => a.chip.localeCompare(b.chip, 'en', { numeric: true }) || a.typeName.localeCompare(b.typeName) || a.name.localeCompare(b.name))
  const { totalAdverseDrops: adverse, totalCongestionDrops: congestion, totalPacketProcessorDrops: packetProcessor } = parsed
  if (adverse === undefined && congestion === undefined && packetProcessor === undefined) return { counters }
  return { counters, totals: { adverse: toBigInt(adverse), congestion: toBigInt(congestion), packetProcessor: toBigInt(packetProcessor) } }
}

/**
 * LANZ thresholds per port from the running-config tree (`queue-monitor length thresholds <high> <low>` in an
 * interface block), sorted by port.
 */
export function parseLanzThresholds(tree: ConfigBlock): LanzThresholds[] {
  const out: LanzThresholds[] = []
  for (const { match, lines } of matchingBlocks(tree, /^interface (Ethernet\S+)$/)) {
    for (const line of lines) {
      const m = /^queue-monitor length thresholds (\d+) (\d+)$/.exec(line)
      if (m) out.push({ interface: match[1] as string, high: Number(m[1]), low: Number(m[2]) })
    }
  }
  return out.sort((a, b) => compareInterfaceNames(a.interface, b.interface))
}
