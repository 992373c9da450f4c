import { z } from 'zod'
import { normaliseInterfaceName } from '../interface-names.js'

/** An 802.1Q VLAN id usable on a switch: an integer from 1 to 4094. */
export const VlanIdSchema = z
  .number({ error: 'a VLAN id must be a number' })
  .int({ error: 'a VLAN id must be an integer' })
  .min(1, { error: 'a VLAN id must be between 1 and 4094' })
  .max(4094, { error: 'a VLAN id must be between 1 and 4094 (4095 is reserved)' })

/** A VLAN name: 1-32 printable ASCII characters, no spaces or control characters (EOS keeps it as one token). */
export const VlanNameSchema = z
  .string()
  .min(1, { error: 'a VLAN name must not be empty' })
  .max(32, { error: 'a VLAN name is at most 32 characters' })
  .regex(/^[\x21-\x7e]+$/, { error: 'a VLAN name may hold printable ASCII only: no spaces, newlines or control characters' })

/** A free-text description: at most 240 printable characters, no newlines or control characters. */
export const DescriptionSchema = z
  .string()
  .max(240, { error: 'a description is at most 240 characters' })
  .regex(/^[\x20-\x7e]*$/, { error: 'a description may hold printable ASCII only: no newlines or control characters' })
  .refine((s) => s === s.trim(), { error: 'a description must not start or end with spaces' })

/** An interface name in any common spelling (`Et1`, `ethernet1`, `Po10`, `Vl10`, `Ma1`), normalised to EOS's form. */
export const InterfaceNameSchema = z.string().transform((value, ctx) => {
  const name = normaliseInterfaceName(value)
  if (name === undefined) {
    ctx.addIssue({ code: 'custom', message: `'${printable(value)}' is not an interface name (e.g. Ethernet1, Po10, Vlan10)` })
    return z.NEVER
  }
  return name
})

/** A port-channel number, 1-2000 as on EOS. */
export const LagIdSchema = z
  .number({ error: 'a port-channel id must be a number' })
  .int({ error: 'a port-channel id must be an integer' })
  .min(1, { error: 'a port-channel id must be between 1 and 2000' })
  .max(2000, { error: 'a port-channel id must be between 1 and 2000' })

/** A dotted-quad IPv4 address. */
export const Ipv4AddressSchema = z.ipv4({ error: 'must be an IPv4 address such as 10.0.0.5' })

/** A VRF name: letters, digits, `_`, `-` and `.`, 1-100 characters. */
export const VrfNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: 'a VRF name may hold letters, digits, _ - and . only' })

/** Shows control characters of untrusted input as escapes, so an error message stays on one line. */
export function printable(value: string): string {
  return JSON.stringify(value).slice(1, -1)
}
