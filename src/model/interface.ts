import { z } from 'zod'
import { DescriptionSchema, VlanIdSchema } from './primitives.js'

/** How an interface forwards: an access port, an 802.1Q trunk, or a routed (layer 3) port. */
export const SwitchportModeSchema = z.enum(['access', 'trunk', 'routed'])
/** How an interface forwards. */
export type SwitchportMode = z.infer<typeof SwitchportModeSchema>

/** Operational status of an interface. */
export const OperStatusSchema = z.enum(['up', 'down', 'notPresent', 'lowerLayerDown', 'dormant', 'testing', 'unknown'])
/** Operational status of an interface. */
export type OperStatus = z.infer<typeof OperStatusSchema>

/** An interface as read from a device. */
export const InterfaceSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** Administratively enabled (`no shutdown`). */
  enabled: z.boolean(),
  operStatus: OperStatusSchema,
  speedMbps: z.number(),
  /** `null` for interfaces that cannot be switchports (Management, Vlan, Loopback). */
  mode: SwitchportModeSchema.nullable(),
  accessVlan: z.number().nullable(),
  nativeVlan: z.number().nullable(),
  /** VLANs a trunk carries, expanded and sorted; empty for non-switchports. */
  allowedVlans: z.array(z.number()),
  /** The port-channel this interface is a member of, e.g. `Port-Channel10`, or `null`. */
  lag: z.string().nullable(),
})
/** An interface as read from a device. */
export type Interface = z.infer<typeof InterfaceSchema>

const VlanListSchema = z.array(VlanIdSchema).min(1, { error: 'give at least one VLAN' })

/** The allowed VLANs of a trunk: a full list (replace), `{ add }`, `{ remove }`, `'all'` or `'none'`. */
export const AllowedVlansChangeSchema = z.union([
  z.literal('all'),
  z.literal('none'),
  VlanListSchema,
  z.strictObject({ add: VlanListSchema }),
  z.strictObject({ remove: VlanListSchema }),
])
/** The allowed VLANs of a trunk. */
export type AllowedVlansChange = z.input<typeof AllowedVlansChangeSchema>

/** Input of `interfaces.configure`: every field optional, at least one given. */
export const InterfaceConfigureSchema = z
  .strictObject({
    description: DescriptionSchema.optional(),
    enabled: z.boolean().optional(),
    mode: SwitchportModeSchema.optional(),
    accessVlan: VlanIdSchema.optional(),
    nativeVlan: VlanIdSchema.optional(),
    allowedVlans: AllowedVlansChangeSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: 'give at least one setting to change' })
  .refine((v) => !(v.mode === 'routed' && (v.accessVlan ?? v.nativeVlan ?? v.allowedVlans) !== undefined), {
    error: 'a routed port has no access, native or allowed VLANs',
  })
/** Input of `interfaces.configure`. */
export type InterfaceConfigure = z.input<typeof InterfaceConfigureSchema>
