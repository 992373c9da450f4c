import type { CounterWidths } from './driver.js'
import type { DropCounters, InterfaceCounters } from './model/counters.js'
import type { BufferCounters } from './model/buffers.js'
import type { CounterReading } from './counter-rates.js'

/** The counter reads a watch can sample. */
export type WatchedRead = 'drops' | 'interfaces' | 'buffers'

const widthOf = (widths: CounterWidths, counter: string): 32 | 64 => widths[counter] ?? 64

/** Discards per interface, and dropped packets and bytes per queue. */
export function readingsFromDrops(drops: DropCounters, widths: CounterWidths = {}): CounterReading[] {
  const out: CounterReading[] = []
  for (const i of drops.interfaces) {
    for (const counter of ['inDiscards', 'outDiscards'] as const) {
      out.push({ subject: { interface: i.interface }, counter, value: i[counter], width: widthOf(widths, counter) })
    }
  }
  for (const q of drops.queues) {
    const subject = { interface: q.interface, direction: q.direction, trafficClass: q.trafficClass }
    out.push({ subject, counter: 'droppedPackets', value: q.droppedPackets, width: widthOf(widths, 'droppedPackets') })
    if (q.droppedBytes !== undefined) out.push({ subject, counter: 'droppedBytes', value: q.droppedBytes, width: widthOf(widths, 'droppedBytes') })
  }
  return out
}

/** Every octet, packet, discard and error counter of every interface. */
export function readingsFromInterfaces(counters: readonly InterfaceCounters[], widths: CounterWidths = {}): CounterReading[] {
  const out: CounterReading[] = []
  for (const c of counters) {
    for (const [counter, value] of Object.entries(c)) {
      if (typeof value === 'bigint') out.push({ subject: { interface: c.interface }, counter, value, width: widthOf(widths, counter) })
    }
  }
  return out
}

/** The hardware drop counters (`dropCount` per chip and counter name). LANZ records are events, not counters. */
export function readingsFromBuffers(buffers: BufferCounters, widths: CounterWidths = {}): CounterReading[] {
  return buffers.hardwareDrops.map((d) => ({ subject: { chip: d.chip, name: d.name }, counter: 'dropCount', value: d.dropCount, width: widthOf(widths, 'dropCount') }))
}
