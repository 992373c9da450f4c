import { z } from 'zod'
import { formatPrefix, parsePrefix, prefixesOverlap, type IpPrefix } from '../ip-prefix.js'
import { VrfNameSchema } from './primitives.js'

function prefixSchema(family: 4 | 6) {
  const example = family === 4 ? '10.0.20.1/24' : '2001:db8:20::1/64'
  return z.string().transform((value, ctx) => {
    const p = parsePrefix(value)
    if (!p || p.family !== family) {
      ctx.addIssue({ code: 'custom', message: `must be an IPv${family} interface address with its prefix length, such as ${example}` })
      return z.NEVER
    }
    if (p.length === 0) {
      ctx.addIssue({ code: 'custom', message: `a /0 prefix cannot be an interface address` })
      return z.NEVER
    }
    return formatPrefix(p)
  })
}

/** An IPv4 interface address with its prefix length (`10.0.20.1/24`). */
export const Ipv4InterfaceAddressSchema = prefixSchema(4)
/** An IPv6 interface address with its prefix length (`2001:db8:20::1/64`), normalised to RFC 5952 as EOS prints it. */
export const Ipv6InterfaceAddressSchema = prefixSchema(6)

/** The layer-3 settings of one routed interface (SVI, routed port, Loopback, Management) as read from a device. */
export const IpInterfaceSchema = z.object({
  interface: z.string(),
  /** The VRF the interface routes in; `default` when none is configured. */
  vrf: z.string(),
  ipv4: z.object({
    /** The primary address, or `null` when none. */
    primary: z.string().nullable(),
    /** Secondary addresses, in configuration order. */
    secondary: z.array(z.string()),
  }),
  /** Configured global IPv6 addresses (link-local addresses are not listed). */
  ipv6: z.array(z.string()),
})
/** The layer-3 settings of one routed interface. */
export type IpInterface = z.infer<typeof IpInterfaceSchema>

const Ipv4SettingsSchema = z
  .strictObject({
    primary: Ipv4InterfaceAddressSchema,
    secondary: z.array(Ipv4InterfaceAddressSchema).max(64).optional(),
  })
  .refine((v) => noOverlap([v.primary, ...(v.secondary ?? [])]), { error: 'the primary and secondary addresses must not overlap each other' })

/**
 * Input of `l3.configure`: every field optional, at least one given. Each given field replaces what the interface
 * has: `ipv4` its primary and all secondaries (`null` removes IPv4), `ipv6` its address list (`[]` or `null`
 * removes them), `vrf` its VRF (`null` or `'default'`: the default VRF).
 */
export const L3ConfigureSchema = z
  .strictObject({
    vrf: VrfNameSchema.nullable().optional(),
    ipv4: Ipv4SettingsSchema.nullable().optional(),
    ipv6: z
      .array(Ipv6InterfaceAddressSchema)
      .max(64)
      .refine((list) => noOverlap(list), { error: 'two IPv6 addresses of the interface overlap' })
      .nullable()
      .optional(),
  })
  .refine((v) => v.vrf !== undefined || v.ipv4 !== undefined || v.ipv6 !== undefined, { error: 'give vrf, ipv4 or ipv6' })
/** Input of `l3.configure`. */
export type L3Configure = z.input<typeof L3ConfigureSchema>

function noOverlap(list: readonly string[]): boolean {
  const parsed = list.map((s) => parsePrefix(s)).filter((p): p is IpPrefix => p !== undefined)
  return parsed.every((a, i) => parsed.slice(i + 1).every((b) => !prefixesOverlap(a, b)))
}
