/**
 * Normalises the many spellings of an interface name to the one EOS prints in its JSON models.
 */

const CANONICAL = ['Ethernet', 'Port-Channel', 'Vlan', 'Management', 'Loopback', 'Application'] as const
const ALIASES: Readonly<Record<string, string>> = { eth: 'Ethernet', portchannel: 'Port-Channel', mgmt: 'Management' }

/**
 * Returns the canonical EOS name of an interface, or `undefined` when `name` is not a recognisable interface name.
 * Like EOS, any prefix of a type name is accepted (`e1`, `Eth1`, `port-c10`), plus `mgmt` and `portchannel`.
 * @example
 * normaliseInterfaceName('Et1')          // 'Ethernet1'
 * normaliseInterfaceName('po10')         // 'Port-Channel10'
 * normaliseInterfaceName('ethernet49/1') // 'Ethernet49/1'
 * normaliseInterfaceName('Vl10')         // 'Vlan10'
 */
export function normaliseInterfaceName(name: string): string | undefined {
  const match = /^\s*([A-Za-z-]+)\s*(\d+(?:\/\d+){0,2}(?:\.\d+)?)\s*$/.exec(name)
  if (!match) return undefined
  const [, prefix = '', number = ''] = match
  const lower = prefix.toLowerCase()
  const canonical = ALIASES[lower] ?? CANONICAL.find((c) => c.toLowerCase().startsWith(lower))
  return canonical === undefined ? undefined : `${canonical}${number}`
}

/** The short form EOS uses in text tables: `Ethernet1` → `Et1`, `Port-Channel10` → `Po10`. */
export function shortInterfaceName(name: string): string {
  return name
    .replace(/^Ethernet/, 'Et')
    .replace(/^Port-Channel/, 'Po')
    .replace(/^Management/, 'Ma')
    .replace(/^Loopback/, 'Lo')
    .replace(/^Vlan/, 'Vl')
}

/** The number of a `Port-Channel<N>` name, or `undefined`. */
export function portChannelId(name: string): number | undefined {
  const match = /^Port-Channel(\d+)$/.exec(name)
  return match ? Number(match[1]) : undefined
}

/**
 * Orders interface names the way EOS does: by type, then numerically by each number in the name
 * (`Ethernet2` before `Ethernet10`, `Ethernet49/1` before `Ethernet50/1`).
 */
export function compareInterfaceNames(a: string, b: string): number {
  const pa = /^([A-Za-z-]+)(.*)$/.exec(a)
  const pb = /^([A-Za-z-]+)(.*)$/.exec(b)
  const ta = pa?.[1] ?? a
  const tb = pb?.[1] ?? b
  if (ta !== tb) return ta < tb ? -1 : 1
  const na = (pa?.[2] ?? '').split(/[/.]/).map(Number)
  const nb = (pb?.[2] ?? '').split(/[/.]/).map(Number)
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1)
    if (d !== 0) return d
  }
  return 0
}
