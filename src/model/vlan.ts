import { z } from 'zod'
import { VlanIdSchema, VlanNameSchema } from './primitives.js'

/** The administrative state of a VLAN. */
export const VlanStateSchema = z.enum(['active', 'suspend'])
/** `active` forwards traffic; `suspend` keeps the VLAN but stops forwarding. */
export type VlanState = z.infer<typeof VlanStateSchema>

/** A VLAN as read from a device. */
export const VlanSchema = z.object({
  id: VlanIdSchema,
  name: z.string(),
  state: VlanStateSchema,
  /** Interfaces operationally carrying the VLAN, sorted. */
  interfaces: z.array(z.string()),
  /** True for VLANs the switch made itself (MLAG, EVPN). */
  dynamic: z.boolean(),
})
/** A VLAN as read from a device. */
export type Vlan = z.infer<typeof VlanSchema>

/** Input of `vlans.create`. */
export const VlanCreateSchema = z.strictObject({
  id: VlanIdSchema,
  name: VlanNameSchema.optional(),
  state: VlanStateSchema.optional(),
})
/** Input of `vlans.create`. */
export type VlanCreate = z.input<typeof VlanCreateSchema>

/** Input of `vlans.update`. */
export const VlanUpdateSchema = z
  .strictObject({ name: VlanNameSchema.optional(), state: VlanStateSchema.optional() })
  .refine((v) => v.name !== undefined || v.state !== undefined, { error: 'give at least one of name or state' })
/** Input of `vlans.update`. */
export type VlanUpdate = z.input<typeof VlanUpdateSchema>
