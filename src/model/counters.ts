import { z } from 'zod'

const Count = z.bigint()

/** Traffic and error counters of one interface, as 64-bit values. */
export const InterfaceCountersSchema = z.object({
  interface: z.string(),
  inOctets: Count,
  outOctets: Count,
  inUcastPkts: Count,
  outUcastPkts: Count,
  inMulticastPkts: Count,
  outMulticastPkts: Count,
  inBroadcastPkts: Count,
  outBroadcastPkts: Count,
  inDiscards: Count,
  outDiscards: Count,
  inErrors: Count,
  outErrors: Count,
})
/** Traffic and error counters of one interface. */
export type InterfaceCounters = z.infer<typeof InterfaceCountersSchema>

/** Drops of one queue (traffic class) of one interface. */
export const QueueDropsSchema = z.object({
  interface: z.string(),
  /** `ingress`: VOQ drops at the ingress chip; `egress`: egress-queue drops. */
  direction: z.enum(['ingress', 'egress']),
  trafficClass: z.number(),
  droppedPackets: Count,
  droppedBytes: Count.optional(),
})
/** Drops of one queue of one interface. */
export type QueueDrops = z.infer<typeof QueueDropsSchema>

/** Where the queue drops came from: VOQ platforms, egress-queue platforms, or none (the platform has no queue counters). */
export const QueueDropSourceSchema = z.enum(['voq', 'egress-queue', 'none'])
/** Where the queue drops came from. */
export type QueueDropSource = z.infer<typeof QueueDropSourceSchema>

/** Discards per interface and drops per queue. */
export const DropCountersSchema = z.object({
  interfaces: z.array(z.object({ interface: z.string(), inDiscards: Count, outDiscards: Count })),
  queues: z.array(QueueDropsSchema),
  queueSource: QueueDropSourceSchema,
})
/** Discards per interface and drops per queue. */
export type DropCounters = z.infer<typeof DropCountersSchema>
