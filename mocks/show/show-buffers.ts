import type { CommandResult } from '../cli/command-grammar.js'
import type { InterfaceView } from './show-interfaces.js'
import type { LanzEpisode } from '../egress-queues.js'

/** The device clock of the mock in seconds since the epoch: its boot time plus the simulated time since. */
function deviceSeconds(view: InterfaceView, simS: number): number {
  return view.bootTime / 1000 + simS
}

interface LanzEntry {
  interface: string
  entryType: 'S' | 'U' | 'E'
  trafficClass: number
  queueLength: number
  duration: number
  durationUsecs: number
  entryTime: number
  entryTimeUsecs: number
  globalProtectionModeEnabled: boolean
  ingressPortSet: string[]
}

/**
 * LANZ records of the mock's congestion episodes, newest first: for each episode a start record (`S`, the queue at
 * the high threshold), then an end record (`E`: the peak and the whole duration) or, while the queue is still over
 * its low threshold, an update record (`U`: the peak and the duration so far). Lengths are in the platform's unit.
 */
function lanzEntries(view: InterfaceView, only: string | undefined): LanzEntry[] {
  const lanz = view.profile.lanz
  if (!lanz) return []
  const toUnit = (bytes: number) => Math.round(lanz.unit === 'bytes' ? bytes : Math.ceil(bytes / lanz.segmentBytes))
  const nowS = view.traffic.elapsedSeconds
  const entry = (e: LanzEpisode, type: 'S' | 'U' | 'E', lengthBytes: number, durationS: number): LanzEntry => {
    const startUs = Math.round(deviceSeconds(view, e.startS) * 1e6)
    const durationUsecs = Math.round(durationS * 1e6)
    return {
      interface: e.port,
      entryType: type,
      trafficClass: e.trafficClass,
      queueLength: toUnit(lengthBytes),
      duration: Math.floor(durationS),
      durationUsecs,
      entryTime: startUs / 1e6,
      entryTimeUsecs: startUs,
      globalProtectionModeEnabled: false,
      ingressPortSet: [...e.ingress],
    }
  }
  const out: LanzEntry[] = []
  for (const e of view.traffic.egress.episodes) {
    if (only !== undefined && e.port !== only) continue
    out.push(entry(e, 'S', e.startBytes, 0))
    out.push(e.endS === undefined ? entry(e, 'U', e.peakBytes, nowS - e.startS) : entry(e, 'E', e.peakBytes, e.endS - e.startS))
  }
  return out.reverse()
}

/** `show queue-monitor length [IF]` (LANZ), in the shape of the real Sand recording (goeapi fixture). */
export function showQueueMonitorLength(view: InterfaceView, only: string | undefined, lanzEnabled: boolean): CommandResult {
  const lanz = view.profile.lanz
  const entries = () => (lanzEnabled ? lanzEntries(view, only) : [])
  return {
    json: () => ({
      reportTime: deviceSeconds(view, view.traffic.elapsedSeconds),
      bytesPerTxmpSegment: lanz?.segmentBytes ?? 0,
      globalHitCount: entries().length,
      lanzEnabled,
      platformName: lanz?.platformName ?? '',
      entryList: entries(),
    }),
    text: () => {
      if (!lanzEnabled) return 'LANZ is disabled\n'
      const unit = lanz?.unit === 'bytes' ? 'bytes' : 'segments'
      const lines = [
        `Report generated at ${new Date(deviceSeconds(view, view.traffic.elapsedSeconds) * 1000).toISOString()}`,
        'S-Start, U-Update, E-End, TC-Traffic Class',
        `Type Time                        Intf     TC  Queue Length (${unit})  Duration (usecs)`,
        '---- --------------------------- -------- --- ----------------------- ----------------',
        ...entries().map(
          (e) => `${e.entryType.padEnd(4)} ${new Date(e.entryTimeUsecs / 1000).toISOString().padEnd(27)} ${e.interface.padEnd(8)} ${String(e.trafficClass).padEnd(3)} ${String(e.queueLength).padEnd(23)} ${e.durationUsecs}`,
        ),
      ]
      return `${lines.join('\n')}\n`
    },
  }
}

/** `show queue-monitor length status` (the shape ANTA's VerifyLANZ reads). */
export function showQueueMonitorStatus(lanzEnabled: boolean): CommandResult {
  return { json: () => ({ lanzEnabled }), text: () => `LANZ is ${lanzEnabled ? 'enabled' : 'disabled'}\n` }
}

/** `show hardware counter drop` (with totals) and `… drop rates` (without). */
export function showHardwareCounterDrop(view: InterfaceView, withTotals: boolean): CommandResult {
  const model = () => view.traffic.hardwareDrops?.render(view.traffic.elapsedSeconds, view.bootTime, withTotals) ?? { dropEvents: {} }
  return {
    json: model,
    text: () => {
      const m = model() as { totalAdverseDrops?: bigint; totalCongestionDrops?: bigint; totalPacketProcessorDrops?: bigint; dropEvents: Record<string, { dropEvent: Array<Record<string, unknown>> }> }
      const lines = withTotals
        ? ['Summary:', `Total Adverse (A) Drops: ${m.totalAdverseDrops ?? 0}`, `Total Congestion (C) Drops: ${m.totalCongestionDrops ?? 0}`, `Total Packet Processor (P) Drops: ${m.totalPacketProcessorDrops ?? 0}`, '']
        : []
      lines.push('Type  Chip      CounterName                : Count : First Occurrence    : Last Occurrence')
      for (const [chip, { dropEvent }] of Object.entries(m.dropEvents)) {
        for (const e of dropEvent) lines.push(`${String(e.counterType).charAt(0).padEnd(5)} ${chip.padEnd(9)} ${String(e.counterName).padEnd(26)} : ${e.dropCount} : ${e.initialEventTime} : ${e.lastEventTime}`)
      }
      return `${lines.join('\n')}\n`
    },
  }
}
