import { compareInterfaceNames } from '../../src/interface-names.js'
import type { CommandResult } from '../cli/command-grammar.js'
import { countersOf, type InterfaceView } from './show-interfaces.js'

function counterNames(view: InterfaceView): string[] {
  return Object.keys(view.running.interfaces)
    .filter((n) => n.startsWith('Ethernet') || n.startsWith('Port-Channel') || n.startsWith('Management'))
    .sort(compareInterfaceNames)
}

/** `show interfaces counters`. */
export function showCounters(view: InterfaceView): CommandResult {
  return {
    json: () => {
      const interfaces: Record<string, unknown> = {}
      for (const name of counterNames(view)) {
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

/** `show interfaces counters errors` (ANTA's seven fields). */
export function showCounterErrors(view: InterfaceView): CommandResult {
  return {
    json: () => {
      const interfaceErrorCounters: Record<string, unknown> = {}
      for (const name of counterNames(view)) {
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
}

/** `show interfaces counters discards`, with the totals EOS adds. */
export function showCounterDiscards(view: InterfaceView): CommandResult {
  return {
    json: () => {
      const interfaces: Record<string, unknown> = {}
      let inTotal = 0n
      let outTotal = 0n
      for (const name of counterNames(view)) {
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
}

function ethernetPorts(view: InterfaceView): string[] {
  return counterNames(view).filter((n) => n.startsWith('Ethernet'))
}

/** `show interfaces counters queue drops` (VOQ platforms): congestion drops appear as ingress VOQ drops toward the port. */
export function showQueueDrops(view: InterfaceView): CommandResult {
  return {
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
