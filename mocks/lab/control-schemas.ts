import { z } from 'zod'

const NO_NEWLINE = /^[^\r\n]*$/

/** A regular expression given as text; it must compile. */
const Pattern = z
  .string()
  .min(1)
  .max(512)
  .refine((p) => {
    try {
      new RegExp(p)
      return true
    } catch {
      return false
    }
  }, 'not a valid regular expression')

/** One command rejection: lines matching `pattern` (a JavaScript regular expression, tested on the trimmed line) fail with `message`. */
export const RejectCommandSchema = z.strictObject({
  pattern: Pattern,
  ignoreCase: z.boolean().optional(),
  message: z.string().min(1).max(512).regex(NO_NEWLINE, 'one line').optional(),
})

/** Body of `PATCH /v1/devices/{name}/faults`: the knobs to change (others keep their value). */
export const FaultsPatchSchema = z.strictObject({
  latencyMs: z.int().min(0).max(600_000).optional(),
  dropConnections: z.boolean().optional(),
  rejectAuth: z.boolean().optional(),
  maxSessions: z.int().min(0).max(100_000).optional(),
  splitWrites: z.boolean().optional(),
  doubledEcho: z.boolean().optional(),
  forcePaging: z.boolean().optional(),
  /** Replaces the list of rejections set through the control API. */
  rejectCommands: z.array(RejectCommandSchema).max(100).optional(),
})

/** The traffic offered on one interface (rates in Mb/s). */
export const TrafficProfileSchema = z.strictObject({
  inMbps: z.number().min(0).max(1_000_000).optional(),
  outMbps: z.number().min(0).max(1_000_000).optional(),
  packetBytes: z.int().min(64).max(9216).optional(),
  outDropRatio: z.number().min(0).max(1).optional(),
  inErrorRatio: z.number().min(0).max(1).optional(),
  trafficClass: z.int().min(0).max(7).optional(),
})

const InterfaceName = z.string().regex(/^[A-Za-z][A-Za-z0-9/.-]{0,63}$/, 'an interface name')

/** Body of `PUT /v1/devices/{name}/traffic`: per interface a profile, or `null` to stop its traffic. */
export const TrafficBodySchema = z.strictObject({ interfaces: z.record(InterfaceName, TrafficProfileSchema.nullable()) })

/** The traffic a 7130 front port receives from the wire (`MockSwitch.offerTraffic`). */
export const MosOfferSchema = z.strictObject({
  gbps: z.number().min(0).max(400),
  frameBytes: z.int().min(64).max(9216).optional(),
})

/** Body of `PUT /v1/devices/{name}/traffic` on a 7130: per front port (`et1`, or `Et1`/`Ethernet1`) an offer, or `null` to stop it. */
export const MosTrafficBodySchema = z.strictObject({ interfaces: z.record(InterfaceName, MosOfferSchema.nullable()) })

/** Body of `POST /v1/devices/{name}/clock/advance`. */
export const AdvanceClockSchema = z.strictObject({ seconds: z.number().positive().max(86_400) })

/** Body of `POST /v1/devices/{name}/cli`: console lines run in one privileged session, in order. */
export const CliBodySchema = z.strictObject({
  commands: z.union([z.string(), z.array(z.string())]).transform((c) => (Array.isArray(c) ? c : [c])).pipe(z.array(z.string().min(1).max(4096).regex(NO_NEWLINE, 'one line per command')).min(1).max(1000)),
})

/** Body of `PUT /v1/devices/{name}/links/{port}`. */
export const LinkBodySchema = z.strictObject({ up: z.boolean() })

/** Query of `GET /v1/devices/{name}/log`. */
export const LogQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
})
