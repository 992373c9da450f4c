import { z } from 'zod'
import { InterfaceNameSchema, LagIdSchema } from './primitives.js'

/** LACP mode of a member: `active`/`passive` negotiate LACP, `on` is a static bundle. */
export const LagModeSchema = z.enum(['active', 'passive', 'on'])
/** LACP mode of a member. */
export type LagMode = z.infer<typeof LagModeSchema>

/** Whether a member forwards in the bundle. */
export const LagMemberStatusSchema = z.enum(['bundled', 'inactive'])
/** Whether a member forwards in the bundle. */
export type LagMemberStatus = z.infer<typeof LagMemberStatusSchema>

/** A member of a port-channel. */
export const LagMemberSchema = z.object({
  interface: z.string(),
  mode: LagModeSchema,
  status: LagMemberStatusSchema,
  /** Why an inactive member is not bundled, as the device says it. */
  reason: z.string().optional(),
})
/** A member of a port-channel. */
export type LagMember = z.infer<typeof LagMemberSchema>

/** A port-channel (link aggregation group). */
export const LagSchema = z.object({
  id: z.number(),
  name: z.string(),
  members: z.array(LagMemberSchema),
  /** `port-channel min-links`; `null` when the driver cannot read it (SNMP has no object for it). */
  minLinks: z.number().nullable(),
})
/** A port-channel. */
export type Lag = z.infer<typeof LagSchema>

/** Input of `lags.create`. */
export const LagCreateSchema = z.strictObject({
  id: LagIdSchema,
  members: z.array(InterfaceNameSchema).min(1, { error: 'a port-channel needs at least one member' }),
  mode: LagModeSchema.default('active'),
  minLinks: z.number().int().min(0).max(32).optional(),
})
/** Input of `lags.create`. */
export type LagCreate = z.input<typeof LagCreateSchema>

/** Input of `lags.update`. */
export const LagUpdateSchema = z.strictObject({ minLinks: z.number().int().min(0).max(32) })
/** Input of `lags.update`. */
export type LagUpdate = z.input<typeof LagUpdateSchema>
