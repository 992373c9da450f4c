import { z } from 'zod'
import type { DropCounters, QueueDrops } from '../../src/model/counters.js'
import { compareInterfaceNames } from '../../src/interface-names.js'
import { JsonCount, parseOutput, toBigInt } from './eos-json.js'

const ShowDiscards = z.object({
  interfaces: z.record(z.string(), z.object({ inDiscards: JsonCount, outDiscards: JsonCount })),
})

const DropSum = z.object({ countersSum: z.object({ droppedPackets: JsonCount, droppedBytes: JsonCount.optional() }) })
const ShowQueueDrops = z.object({
  interfaces: z.record(
    z.string(),
    z.object({
      trafficClasses: z.record(z.string(), z.object({ ingressVoqCounters: DropSum.optional(), egressQueueCounters: DropSum.optional() })),
    }),
  ),
})

const DpCounters = z.object({ droppedPackets: JsonCount, droppedBytes: JsonCount.optional() })
const QueueSide = z.object({
  trafficClasses: z.record(z.string(), z.object({ dropPrecedences: z.record(z.string(), DpCounters) })),
})
const ShowQueueDetail = z.object({
  egressQueueCounters: z.object({
    interfaces: z.record(z.string(), z.object({ ucastQueues: QueueSide.optional(), mcastQueues: QueueSide.optional() })),
  }),
})

/** `TC3` → 3. */
function trafficClassNumber(key: string): number {
  return Number(key.replace(/^TC/i, ''))
}

function sortQueues(queues: QueueDrops[]): QueueDrops[] {
  return queues.sort(
    (a, b) => compareInterfaceNames(a.interface, b.interface) || a.direction.localeCompare(b.direction) || a.trafficClass - b.trafficClass,
  )
}

/** Parses EOS `show interfaces counters discards`. */
export function parseDiscards(output: unknown): DropCounters['interfaces'] {
  const parsed = parseOutput(ShowDiscards, output, 'show interfaces counters discards').interfaces
  return Object.entries(parsed)
    .map(([name, d]) => ({ interface: name, inDiscards: toBigInt(d.inDiscards), outDiscards: toBigInt(d.outDiscards) }))
    .sort((a, b) => compareInterfaceNames(a.interface, b.interface))
}

/** Parses `show interfaces counters queue drops` (VOQ platforms): ingress VOQ and egress queue drops per traffic class. */
export function parseVoqDrops(output: unknown): QueueDrops[] {
  const parsed = parseOutput(ShowQueueDrops, output, 'show interfaces counters queue drops').interfaces
  const queues: QueueDrops[] = []
  for (const [name, i] of Object.entries(parsed)) {
    for (const [tc, c] of Object.entries(i.trafficClasses)) {
      for (const [direction, side] of [['ingress', c.ingressVoqCounters], ['egress', c.egressQueueCounters]] as const) {
        if (!side) continue
        const q: QueueDrops = { interface: name, direction, trafficClass: trafficClassNumber(tc), droppedPackets: toBigInt(side.countersSum.droppedPackets) }
        if (side.countersSum.droppedBytes !== undefined) q.droppedBytes = toBigInt(side.countersSum.droppedBytes)
        queues.push(q)
      }
    }
  }
  return sortQueues(queues)
}

/** Parses `show interfaces counters queue detail` (egress-queue platforms): unicast + multicast drops summed over drop precedences. */
export function parseEgressQueueDrops(output: unknown): QueueDrops[] {
  const parsed = parseOutput(ShowQueueDetail, output, 'show interfaces counters queue detail').egressQueueCounters.interfaces
  const queues: QueueDrops[] = []
  for (const [name, i] of Object.entries(parsed)) {
    const byTc = new Map<number, { packets: bigint; bytes: bigint | undefined }>()
    for (const side of [i.ucastQueues, i.mcastQueues]) {
      for (const [tc, c] of Object.entries(side?.trafficClasses ?? {})) {
        const acc = byTc.get(trafficClassNumber(tc)) ?? { packets: 0n, bytes: undefined }
        for (const dp of Object.values(c.dropPrecedences)) {
          acc.packets += toBigInt(dp.droppedPackets)
          if (dp.droppedBytes !== undefined) acc.bytes = (acc.bytes ?? 0n) + toBigInt(dp.droppedBytes)
        }
        byTc.set(trafficClassNumber(tc), acc)
      }
    }
    for (const [tc, acc] of byTc) {
      const q: QueueDrops = { interface: name, direction: 'egress', trafficClass: tc, droppedPackets: acc.packets }
      if (acc.bytes !== undefined) q.droppedBytes = acc.bytes
      queues.push(q)
    }
  }
  return sortQueues(queues)
}

/**
 * True when an EOS error text means "this platform has no such counters" rather than a failure
 * (the strings ANTA treats as unsupported-platform errors).
 */
export function isUnsupportedPlatformError(message: unknown): boolean {
  if (typeof message !== 'string') return false
  return (
    /not supported on this hardware platform/i.test(message) ||
    /Incomplete command \(at token \d+: '(drops|detail)'\)/.test(message) ||
    /Invalid input \(at token \d+: '(trident|fap|sand|drops|detail|queue)'\)/.test(message)
  )
}
