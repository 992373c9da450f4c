import { z } from 'zod'
import { InterfaceNameSchema, Ipv4AddressSchema, VrfNameSchema } from './primitives.js'
import { formatIpv6, parseIpv6 } from '../ip-prefix.js'
import { relayServerListSchema } from './relay-server-list.js'

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
export const DhcpServerListSchema = relayServerListSchema(DhcpServerSchema, 'dhcpRelay.clear to remove relay')

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
  /** DHCPv6 relay per interface (`ipv6 dhcp relay destination`), sorted by interface. */
  ipv6Interfaces: z.array(
    z.object({
      interface: z.string(),
      servers: z.array(z.object({ address: z.string(), vrf: z.string().optional(), localInterface: z.string().optional() })),
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


/** An IPv6 address, normalised to RFC 5952 (lower case, compressed) as EOS prints it. */
export const Ipv6AddressSchema = z.string().transform((value, ctx) => {
  const v = parseIpv6(value)
  if (v === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be an IPv6 address such as 2001:db8::5' })
    return z.NEVER
  }
  return formatIpv6(v)
})

/**
 * One DHCPv6 server an interface relays to: `ipv6 dhcp relay destination ADDRESS [vrf V] [local-interface IF]`
 * (reference: EOS manual and AVD templates; `local-interface` picks the interface whose address sources the relayed
 * packets).
 */
export const Dhcp6ServerSchema = z.strictObject({
  address: Ipv6AddressSchema,
  vrf: VrfNameSchema.optional(),
  localInterface: InterfaceNameSchema.optional(),
})
/** One DHCPv6 server an interface relays to. */
export type Dhcp6Server = z.output<typeof Dhcp6ServerSchema>
/** One DHCPv6 server, as a user writes it. */
export type Dhcp6ServerInput = z.input<typeof Dhcp6ServerSchema>

/** The list of servers given to `dhcpRelay.setV6`. */
export const Dhcp6ServerListSchema = relayServerListSchema(Dhcp6ServerSchema, 'dhcpRelay.clearV6 to remove DHCPv6 relay')
