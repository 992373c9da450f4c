import { z } from 'zod'
import { MosPortSchema } from './l1.js'

/** MetaWatch time sources (MOS `timesource`). */
export const TimesourceSchema = z.enum(['auto', 'freerun', 'pps', 'ptp', 'system'])
/** MetaWatch time source. */
export type Timesource = z.infer<typeof TimesourceSchema>

/** MetaWatch timestamp clock sources (MOS `ts-clock source`). */
export const TsClockSourceSchema = z.enum(['auto', 'crystal', 'module', 'onboard'])
/** MetaWatch timestamp clock source. */
export type TsClockSource = z.infer<typeof TsClockSourceSchema>

/** One aggregation core: up to 12 timestamped inputs merged onto one output app port. */
export const AggregationCoreSchema = z.object({
  index: z.number(),
  inputs: z.array(z.object({ appPort: z.string(), source: z.string().nullable() })),
  output: z.object({ appPort: z.string(), deliveredTo: z.array(z.string()) }),
})
/** One aggregation core. */
export type AggregationCore = z.infer<typeof AggregationCoreSchema>

/** MetaWatch settings and aggregation groups. */
export const MetawatchSchema = z.object({
  enabled: z.boolean(),
  timesource: TimesourceSchema,
  tsClockSource: TsClockSourceSchema,
  cores: z.array(AggregationCoreSchema),
})
/** MetaWatch settings and aggregation groups. */
export type Metawatch = z.infer<typeof MetawatchSchema>

/** Input of `metawatch.setTimesource`. */
export const TimesourceChangeSchema = z
  .strictObject({ timesource: TimesourceSchema.optional(), tsClockSource: TsClockSourceSchema.optional() })
  .refine((v) => v.timesource !== undefined || v.tsClockSource !== undefined, { error: 'give timesource or tsClockSource' })
/** Input of `metawatch.setTimesource`. */
export type TimesourceChange = z.input<typeof TimesourceChangeSchema>

/** Input of `metawatch.aggregate`: which front-panel ports feed a core, and where its output goes. */
export const AggregateSchema = z.strictObject({
  core: z.number().int().min(0, { error: 'cores are numbered 0-3' }).max(3, { error: 'cores are numbered 0-3' }),
  inputs: z.array(MosPortSchema).min(1).max(12, { error: 'a core has 12 inputs' }),
  deliverTo: z.array(MosPortSchema).max(8).optional(),
})
/** Input of `metawatch.aggregate`. */
export type Aggregate = z.input<typeof AggregateSchema>

/** Counters of one port on MOS (`show interfaces counters` and `… errors`). */
export const MosPortCountersSchema = z.object({
  port: z.string(),
  rxOctets: z.bigint(),
  txOctets: z.bigint(),
  rxUcastPkts: z.bigint(),
  txUcastPkts: z.bigint(),
  rxMcastPkts: z.bigint(),
  txMcastPkts: z.bigint(),
  rxBcastPkts: z.bigint(),
  txBcastPkts: z.bigint(),
  fcsErrors: z.bigint(),
  alignErrors: z.bigint(),
  runts: z.bigint(),
  giants: z.bigint(),
  rxErrors: z.bigint(),
  txErrors: z.bigint(),
})
/** Counters of one port on MOS. */
export type MosPortCounters = z.infer<typeof MosPortCountersSchema>

/** Counters of one aggregation core, including frames dropped because its buffer overflowed. */
export const CoreCountersSchema = z.object({
  core: z.number(),
  framesIn: z.bigint(),
  framesOut: z.bigint(),
  bytesIn: z.bigint(),
  bytesOut: z.bigint(),
  overflowDropFrames: z.bigint(),
  overflowDropBytes: z.bigint(),
  bufferBytesUsed: z.bigint(),
  bufferHighWaterBytes: z.bigint(),
})
/** Counters of one aggregation core. */
export type CoreCounters = z.infer<typeof CoreCountersSchema>

/** MetaWatch counters: per port, and per core where the device reports them. */
export interface MetawatchCounters {
  ports: MosPortCounters[]
  cores: CoreCounters[]
}

/** MetaWatch synchronisation status (`show metawatch status`). */
export interface SyncStatus {
  running: boolean
  /** `Sync Status : …` */
  syncStatus: string
  windows: Array<{ label: string; samples: number; minNs: number; maxNs: number; averageNs: number; stdDevNs: number }>
}
