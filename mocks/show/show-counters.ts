import { compareInterfaceNames, shortInterfaceName } from '../../src/interface-names.js'
import type { CommandResult } from '../cli/command-grammar.js'
import { countersOf, type InterfaceView } from './show-interfaces.js'

// Text layouts of the counter tables: the column sets follow the project's eAPI notes (ANTA's models and texts:
// `Port FCS Align Symbol Rx Runts Giants Tx`, `Port InDiscards OutDiscards` with a `Totals` row) and the In/Out
// tables of `show interfaces counters`; column widths are the mock's own [unconfirmed]: no public EOS capture of these
// three tables was found.

function counterNames(view: InterfaceView, only?: string): string[] {
  return Object.keys(view.running.interfaces)
    .filter((n) => n.startsWith('Ethernet') || n.startsWith('Port-Channel') || n.startsWith('Management'))
    .filter((n) => only === undefined || n === only)
    .sort(compareInterfaceNames)
}

/** Rows of a right-aligned counter table under a header, the port column left-aligned. */
function table(header: Array<string | bigint | number>, rows: Array<Array<string | bigint | number>>, widths: number[]): string[] {
  const line = (cells: Array<string | bigint | number>) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[0] ?? 10) : String(c).padStart(widths[i] ?? 12))).join(' ')
  return [line(header), ...rows.map(line)]
}

/** `show interfaces [IF] counters`: the In table, a blank line, the Out table. */
export function showCounters(view: InterfaceView, only?: string): CommandResult {
  const rows = () => counterNames(view, only).flatMap((name) => {
    const c = countersOf(view, name)
    return c ? [{ name, c }] : []
  })
  const widths = [10, 18, 14, 14, 14]
  return {
    text: () => {
      const r = rows()
      return `${[
        ...table(['Port', 'InOctets', 'InUcastPkts', 'InMcastPkts', 'InBcastPkts'], r.map(({ name, c }) => [shortInterfaceName(name), c.inOctets, c.inUcastPkts, c.inMulticastPkts, c.inBroadcastPkts]), widths),
        '',
        ...table(['Port', 'OutOctets', 'OutUcastPkts', 'OutMcastPkts', 'OutBcastPkts'], r.map(({ name, c }) => [shortInterfaceName(name), c.outOctets, c.outUcastPkts, c.outMulticastPkts, c.outBroadcastPkts]), widths),
      ].join('\n')}\n`
    },
    json: () => {
      const interfaces: Record<string, unknown> = {}
      for (const name of counterNames(view, only)) {
        const c = countersOf(view, name)
        if (!c) continue
        interfaces[name] = {
          inOctets: c.inOctets,
          inUcastPkts: c.inUcastPkts,
          inMulticastPkts: c.inMulticastPkts,
          inBroadcastPkts: c.inBroadcastPkts,
          inDiscards: c.inDiscards,
          outOctets: c.outOctets,
          outUcastPkts: c.outUcastPkts,
          outMulticastPkts: c.outMulticastPkts,
          outBroadcastPkts: c.outBroadcastPkts,
          outDiscards: c.outDiscards,
        }
      }
      return { interfaces }
    },
  }
}

/** `show interfaces [IF] counters errors` (ANTA's seven fields). */
export function showCounterErrors(view: InterfaceView, only?: string): CommandResult {
  const result: CommandResult = {
    text: () => {
      const model = (result.json as () => { interfaceErrorCounters: Record<string, Record<string, bigint | number>> })().interfaceErrorCounters
      const keys = ['fcsErrors', 'alignmentErrors', 'symbolErrors', 'inErrors', 'frameTooShorts', 'frameTooLongs', 'outErrors']
      const rows = Object.entries(model).map(([name, e]) => [shortInterfaceName(name), ...keys.map((k) => e[k] ?? 0)])
      return `${table(['Port', 'FCS', 'Align', 'Symbol', 'Rx', 'Runts', 'Giants', 'Tx'], rows, [10, 12, 10, 10, 12, 10, 10, 12]).join('\n')}\n`
    },
    json: () => {
      const interfaceErrorCounters: Record<string, unknown> = {}
      for (const name of counterNames(view, only)) {
        const c = countersOf(view, name)
        if (!c) continue
        interfaceErrorCounters[name] = {
          fcsErrors: c.inErrors,
          alignmentErrors: 0,
          symbolErrors: 0,
          inErrors: c.inErrors,
          frameTooShorts: 0,
          frameTooLongs: 0,
          outErrors: c.outErrors,
        }
      }
      return { interfaceErrorCounters }
    },
  }
  return result
}

/** `show interfaces [IF] counters discards`, with the totals EOS adds. */
export function showCounterDiscards(view: InterfaceView, only?: string): CommandResult {
  const result: CommandResult = {
    text: () => {
      const m = (result.json as () => { interfaces: Record<string, { inDiscards: bigint; outDiscards: bigint }>; inDiscardsTotal: bigint; outDiscardsTotal: bigint })()
      const widths = [10, 16, 16]
      const dashes = widths.map((w) => '-'.repeat(w)).join(' ')
      const rows = Object.entries(m.interfaces).map(([name, d]) => [shortInterfaceName(name), d.inDiscards, d.outDiscards])
      const [head = '', ...body] = table(['Port', 'InDiscards', 'OutDiscards'], rows, widths)
      const [totals = ''] = table(['Totals', m.inDiscardsTotal, m.outDiscardsTotal], [], widths)
      return `${[head, dashes, ...body, dashes, totals].join('\n')}\n`
    },
    json: () => {
      const interfaces: Record<string, unknown> = {}
      let inTotal = 0n
      let outTotal = 0n
      for (const name of counterNames(view, only)) {
        const c = countersOf(view, name)
        if (!c) continue
        interfaces[name] = { inDiscards: c.inDiscards, outDiscards: c.outDiscards }
        if (!name.startsWith('Port-Channel')) {
          inTotal += c.inDiscards
          outTotal += c.outDiscards
        }
      }
      return { interfaces, inDiscardsTotal: inTotal, outDiscardsTotal: outTotal }
    },
  }
  return result
}

function ethernetPorts(view: InterfaceView): string[] {
  return counterNames(view).filter((n) => n.startsWith('Ethernet'))
}

/**
 * Text of the queue drop commands: one row per port and traffic class that dropped, then the total. The layout is the
 * mock's own [unconfirmed]: no public EOS capture of these tables was found.
 */
function queueDropText(view: InterfaceView, counter: (q: { droppedPackets: bigint; droppedBytes: bigint }) => string): string {
  const out = ['Port       TC  Dropped packets  Dropped bytes', '---------- --- ---------------- ---------------']
  for (const name of ethernetPorts(view)) {
    for (let tc = 0; tc < 8; tc++) {
      const q = view.traffic.queue(name, tc)
      if (q.droppedPackets > 0n) out.push(`${shortInterfaceName(name).padEnd(10)} ${String(tc).padStart(3)} ${counter(q)}`)
    }
  }
  return `${out.join('\n')}\n`
}

/** `show interfaces counters queue drops` (VOQ platforms): congestion drops appear as ingress VOQ drops toward the port. */
export function showQueueDrops(view: InterfaceView): CommandResult {
  return {
    text: () => queueDropText(view, (q) => `${String(q.droppedPackets).padStart(16)} ${'-'.padStart(15)}`),
    json: () => {
      const interfaces: Record<string, unknown> = {}
      for (const name of ethernetPorts(view)) {
        const trafficClasses: Record<string, unknown> = {}
        for (let tc = 0; tc < 8; tc++) {
          const q = view.traffic.queue(name, tc)
          trafficClasses[`TC${tc}`] = {
            ingressVoqCounters: { countersSum: { droppedPackets: q.droppedPackets } },
            egressQueueCounters: { countersSum: { droppedPackets: 0 } },
          }
        }
        interfaces[name] = { trafficClasses }
      }
      return { interfaces }
    },
  }
}

/** `show interfaces counters queue detail` (egress-queue platforms): unicast drops at DP0, multicast zero. */
export function showQueueDetail(view: InterfaceView): CommandResult {
  return {
    text: () => queueDropText(view, (q) => `${String(q.droppedPackets).padStart(16)} ${String(q.droppedBytes).padStart(15)}`),
    json: () => {
      const interfaces: Record<string, unknown> = {}
      for (const name of ethernetPorts(view)) {
        const ucast: Record<string, unknown> = {}
        const mcast: Record<string, unknown> = {}
        for (let tc = 0; tc < 8; tc++) {
          const q = view.traffic.queue(name, tc)
          ucast[`TC${tc}`] = { dropPrecedences: { DP0: { droppedPackets: q.droppedPackets, droppedBytes: q.droppedBytes } } }
          mcast[`TC${tc}`] = { dropPrecedences: { DP0: { droppedPackets: 0, droppedBytes: 0 } } }
        }
        interfaces[name] = { ucastQueues: { trafficClasses: ucast }, mcastQueues: { trafficClasses: mcast } }
      }
      return { egressQueueCounters: { interfaces } }
    },
  }
}
