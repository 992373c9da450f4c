import { z } from 'zod'
import { InterfaceNameSchema, Ipv4AddressSchema, VrfNameSchema } from './primitives.js'

/** One DHCP server an interface relays to (`ip helper-address`). */
export const DhcpServerSchema = z.strictObject({
  address: Ipv4AddressSchema,
  vrf: VrfNameSchema.optional(),
  sourceInterface: InterfaceNameSchema.optional(),
})
/** One DHCP server an interface relays to. */
export type DhcpServer = z.output<typeof DhcpServerSchema>
/** One DHCP server, as a user writes it. */
export type DhcpServerInput = z.input<typeof DhcpServerSchema>

/** The list of servers given to `dhcpRelay.set`. */
export const DhcpServerListSchema = z
  .array(DhcpServerSchema)
  .min(1, { error: 'give at least one server (use dhcpRelay.clear to remove relay)' })
  .max(16, { error: 'at most 16 servers per interface' })
  .refine((list) => new Set(list.map((s) => `${s.address}|${s.vrf ?? ''}`)).size === list.length, {
    error: 'the same server is listed twice',
  })

/** DHCP relay configuration of a device. */
export const DhcpRelaySchema = z.object({
  /** Whether the device reports relay as active. */
  active: z.boolean(),
  /** Option 82 (relay agent information) insertion. */
  option82: z.boolean(),
  /** Default servers for every routed interface (`dhcp relay` / `server`). */
  globalServers: z.array(z.string()),
  interfaces: z.array(
    z.object({
      interface: z.string(),
      servers: z.array(z.object({ address: z.string(), vrf: z.string().optional(), sourceInterface: z.string().optional() })),
    }),
  ),
})
/** DHCP relay configuration of a device. */
export type DhcpRelay = z.infer<typeof DhcpRelaySchema>

/** Input of `dhcpRelay.setGlobal`. */
export const DhcpRelayGlobalSchema = z
  .strictObject({
    servers: z.array(Ipv4AddressSchema).max(16).optional(),
    option82: z.boolean().optional(),
  })
  .refine((v) => v.servers !== undefined || v.option82 !== undefined, { error: 'give servers or option82' })
/** Input of `dhcpRelay.setGlobal`. */
export type DhcpRelayGlobal = z.input<typeof DhcpRelayGlobalSchema>

