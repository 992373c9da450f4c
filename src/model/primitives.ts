import { z } from 'zod'
import { normaliseInterfaceName } from '../interface-names.js'

/** An 802.1Q VLAN id usable on a switch: an integer from 1 to 4094. */
export const VlanIdSchema = z
  .number({ error: 'a VLAN id must be a number' })
  .int({ error: 'a VLAN id must be an integer' })
  .min(1, { error: 'a VLAN id must be between 1 and 4094 (0 and 4095 are reserved by 802.1Q)' })
  .max(4094, { error: 'a VLAN id must be between 1 and 4094 (0 and 4095 are reserved by 802.1Q)' })

/**
 * Characters the EOS CLI interprets inside a line instead of storing them: `|` starts an output pipe (`name a|json`
 * would be stored as `a`), `?` asks for help on a terminal. Free text holding them is refused on every driver.
 */
export const CLI_SPECIAL_CHARACTERS = /[|?]/

/** A VLAN name: 1-32 printable ASCII characters, no spaces or control characters (EOS keeps it as one token). */
export const VlanNameSchema = z
  .string()
  .min(1, { error: 'a VLAN name must not be empty' })
  .max(32, { error: 'a VLAN name is at most 32 characters' })
  .regex(/^[\x21-\x7e]+$/, { error: 'a VLAN name may hold printable ASCII only: no spaces, newlines or control characters' })
  .refine((s) => !CLI_SPECIAL_CHARACTERS.test(s), { error: cliSafeMessage('a VLAN name') })

/** A free-text description: at most 240 printable characters, no newlines or control characters, no `|` or `?`. */
export const DescriptionSchema = z
  .string()
  .max(240, { error: 'a description is at most 240 characters' })
  .regex(/^[\x20-\x7e]*$/, { error: 'a description may hold printable ASCII only: no newlines or control characters' })
  .refine((s) => s === s.trim(), { error: 'a description must not start or end with spaces' })
  .refine((s) => !CLI_SPECIAL_CHARACTERS.test(s), { error: cliSafeMessage('a description') })

function cliSafeMessage(what: string): string {
  return `${what} must not contain '|' (the CLI takes it as an output pipe) or '?' (the CLI takes it as a help request)`
}

/** An interface name in any common spelling (`Et1`, `ethernet1`, `Po10`, `Vl10`, `Ma1`), normalised to EOS's form. */
export const InterfaceNameSchema = z.string().transform((value, ctx) => {
  const name = typeof value === 'string' && value.length <= 64 ? normaliseInterfaceName(value) : undefined
  if (name === undefined) {
    ctx.addIssue({ code: 'custom', message: `'${printable(String(value))}' is not an interface name (e.g. Ethernet1, Po10, Vlan10)` })
    return z.NEVER
  }
  const svi = /^Vlan(\d+)$/.exec(name)
  if (svi && !(Number(svi[1]) >= 1 && Number(svi[1]) <= 4094)) {
    ctx.addIssue({ code: 'custom', message: `${printable(value)}: an SVI exists only for VLANs 1-4094` })
    return z.NEVER
  }
  const lag = /^Port-Channel(\d+)$/.exec(name)
  if (lag && !(Number(lag[1]) >= 1 && Number(lag[1]) <= 2000)) {
    ctx.addIssue({ code: 'custom', message: `${printable(value)}: a port-channel number is 1-2000` })
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

/** Shows control characters of untrusted input as escapes and cuts it to 200 characters, so an error message stays short and on one line. */
export function printable(value: string): string {
  const escaped = JSON.stringify(value).slice(1, -1)
  return escaped.length <= 200 ? escaped : `${escaped.slice(0, 200)}… (${escaped.length - 200} more characters)`
}
