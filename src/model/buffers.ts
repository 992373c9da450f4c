import { z } from 'zod'
import { InterfaceNameSchema } from './primitives.js'

/** What a LANZ record measured: Sand (VOQ) platforms report queue length in bytes, the others in buffer segments. */
export const LanzUnitSchema = z.enum(['bytes', 'segments'])
/** What a LANZ record measured. */
export type LanzUnit = z.infer<typeof LanzUnitSchema>

/** A LANZ record's type: congestion `start`, `update` and `end` records, or a `polling` record (Sand platforms). */
export const LanzEntryTypeSchema = z.enum(['start', 'update', 'end', 'polling', 'other'])
/** A LANZ record's type. */
export type LanzEntryType = z.infer<typeof LanzEntryTypeSchema>

/** One LANZ congestion record: how long a queue stayed over its threshold and how full it got. */
export const LanzRecordSchema = z.object({
  interface: z.string(),
  trafficClass: z.number(),
  entryType: LanzEntryTypeSchema,
  /** The highest queue length in the record, in bytes (exact when `unit` is `bytes`, else segments × segment size). */
  queueLengthBytes: z.number(),
  /** The same in segments (exact when `unit` is `segments`, else bytes ÷ segment size, rounded up). */
  queueLengthSegments: z.number(),
  /** How long the queue stayed congested, in microseconds. */
  durationUs: z.number(),
  /** When the record starts, as the device's clock says (microseconds since the Unix epoch). */
  timeUs: z.number(),
  /** The same as a Date (millisecond precision). */
  time: z.date(),
  /** Interfaces whose traffic fed the queue, where the platform reports them (Sand). */
  ingressInterfaces: z.array(z.string()),
})
/** One LANZ congestion record. */
export type LanzRecord = z.infer<typeof LanzRecordSchema>

/** LANZ as the device reports it now. */
export const LanzReportSchema = z.object({
  enabled: z.boolean(),
  /** The device's platform family as LANZ names it, e.g. `Sand`. */
  platformName: z.string(),
  unit: LanzUnitSchema,
  /** Size of one buffer segment in bytes. */
  segmentBytes: z.number(),
  /** When the device produced the report (its own clock). */
  reportTime: z.date(),
  /** Newest first, as the device lists them. */
  records: z.array(LanzRecordSchema),
})
/** LANZ as the device reports it now. */
export type LanzReport = z.infer<typeof LanzReportSchema>

/** The class of a hardware drop counter: adverse (errors), congestion, or packet-processor drops. */
export const HardwareDropTypeSchema = z.enum(['adverse', 'congestion', 'packetProcessor', 'other'])
/** The class of a hardware drop counter. */
export type HardwareDropType = z.infer<typeof HardwareDropTypeSchema>

/** Drops counted by the device in recent windows, where it reports them. */
export const RecentDropsSchema = z.object({
  lastMinute: z.bigint().optional(),
  lastTenMinutes: z.bigint().optional(),
  lastHour: z.bigint().optional(),
  lastDay: z.bigint().optional(),
  lastWeek: z.bigint().optional(),
})
/** Drops counted by the device in recent windows. */
export type RecentDrops = z.infer<typeof RecentDropsSchema>

/** One hardware drop counter of one chip (`show hardware counter drop`, Sand platforms). */
export const HardwareDropCounterSchema = z.object({
  /** The chip, e.g. `Jericho0` or `Fap0`. */
  chip: z.string(),
  type: HardwareDropTypeSchema,
  /** The counter type as the device names it (`Adverse`, `Congestion`, `PacketProcessor`, …). */
  typeName: z.string(),
  /** The counter's name, e.g. `dropVoqInMcastEmptyMcid`. */
  name: z.string(),
  id: z.number().optional(),
  dropCount: z.bigint(),
  eventCount: z.number().optional(),
  /** First and last drop event in the device's local time, as it prints them (`2024-01-09 16:49:12`). */
  firstEvent: z.string().optional(),
  lastEvent: z.string().optional(),
  recent: RecentDropsSchema,
})
/** One hardware drop counter of one chip. */
export type HardwareDropCounter = z.infer<typeof HardwareDropCounterSchema>

/** Which buffer observations this device has: LANZ (on, off, or absent) and hardware drop counters. */
export const BufferSourceSchema = z.object({
  lanz: z.enum(['enabled', 'disabled', 'unsupported']),
  hardwareDrops: z.enum(['supported', 'unsupported']),
})
/** Which buffer observations this device has. */
export type BufferSource = z.infer<typeof BufferSourceSchema>

/** Totals of the hardware drop counters by type, as the device sums them. */
export const HardwareDropTotalsSchema = z.object({ adverse: z.bigint(), congestion: z.bigint(), packetProcessor: z.bigint() })
/** Totals of the hardware drop counters by type. */
export type HardwareDropTotals = z.infer<typeof HardwareDropTotalsSchema>

/** Congestion and hardware drops: what `counters.buffers()` returns. */
export const BufferCountersSchema = z.object({
  source: BufferSourceSchema,
  /** Present when the platform has LANZ (its records are empty while LANZ is disabled). */
  lanz: LanzReportSchema.optional(),
  /** Empty when the platform has no hardware drop counters (see `source.hardwareDrops`). */
  hardwareDrops: z.array(HardwareDropCounterSchema),
  hardwareDropTotals: HardwareDropTotalsSchema.optional(),
})
/** Congestion and hardware drops. */
export type BufferCounters = z.infer<typeof BufferCountersSchema>

const Threshold = z
  .number({ error: 'a LANZ threshold must be a number' })
  .int({ error: 'a LANZ threshold must be an integer' })
  .min(1, { error: 'a LANZ threshold is at least 1' })
  .max(4_294_967_295, { error: 'a LANZ threshold is at most 4294967295' })

const EthernetName = InterfaceNameSchema.refine((name) => name.startsWith('Ethernet'), { error: 'LANZ thresholds apply to Ethernet ports only' })

/** A port LANZ thresholds can be set on: an Ethernet port (`Et1` is read as `Ethernet1`). */
export const LanzPortSchema = EthernetName

/** A pair of LANZ thresholds, in the platform's LANZ unit: a record starts above `high` and ends below `low`. */
export const LanzThresholdPairSchema = z
  .strictObject({
    high: Threshold.meta({ description: 'A congestion record starts when a queue grows above this (bytes on Sand platforms, buffer segments on others)' }),
    low: Threshold.meta({ description: 'The record ends when the queue shrinks below this; at most high' }),
  })
  .refine((t) => t.low <= t.high, { error: 'the low threshold must not exceed the high threshold', path: ['low'] })
/** A pair of LANZ thresholds. */
export type LanzThresholdPair = z.output<typeof LanzThresholdPairSchema>

/** LANZ thresholds of one port: a record starts above `high` and ends below `low` (the platform's LANZ unit). */
export const LanzThresholdsSchema = z
  .object({ interface: EthernetName, high: Threshold, low: Threshold })
  .strict()
  .refine((t) => t.low <= t.high, { error: 'the low threshold must not exceed the high threshold' })
/** LANZ thresholds of one port. */
export type LanzThresholds = z.output<typeof LanzThresholdsSchema>

/**
 * What `lanz.configure()` accepts: LANZ on or off, the default thresholds (`null` returns them to the platform's),
 * thresholds to set per port, ports to return to the defaults.
 */
export const LanzConfigureSchema = z
  .object({
    enabled: z.boolean().optional(),
    defaultThresholds: LanzThresholdPairSchema.nullable().optional(),
    thresholds: z.array(LanzThresholdsSchema).optional(),
    clearThresholds: z.array(EthernetName).optional(),
  })
  .strict()
  .refine((c) => c.enabled !== undefined || c.defaultThresholds !== undefined || (c.thresholds?.length ?? 0) + (c.clearThresholds?.length ?? 0) > 0, {
    error: 'give enabled, defaultThresholds, thresholds or clearThresholds',
  })
  .refine(
    (c) => {
      const names = [...(c.thresholds ?? []).map((t) => t.interface), ...(c.clearThresholds ?? [])]
      return new Set(names).size === names.length
    },
    { error: 'a port is listed twice' },
  )
/** What `lanz.configure()` accepts. */
export type LanzConfigure = z.input<typeof LanzConfigureSchema>

/** LANZ configuration as the device holds it. */
export interface LanzConfig {
  enabled: boolean
  /** Thresholds configured per port (ports not listed use the platform defaults). */
  thresholds: LanzThresholds[]
}
