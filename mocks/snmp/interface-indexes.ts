/**
 * How the mock numbers interfaces for SNMP, after EOS's scheme: Ethernet N → N (Ethernet49/1 → 49001),
 * Management N → 999000+N, Port-Channel N → 1000000+N, Loopback N → 5000000+N. SVIs use 2000+VLAN, which is this
 * mock's own choice (EOS's value is not confirmed in the sources read).
 */
export function ifIndexOf(name: string): number | undefined {
  const m = /^(Ethernet|Management|Port-Channel|Loopback|Vlan)(\d+)(?:\/(\d+))?$/.exec(name)
  if (!m) return undefined
  const n = Number(m[2])
  const sub = m[3] === undefined ? undefined : Number(m[3])
  switch (m[1]) {
    case 'Ethernet':
      return sub === undefined ? n : n * 1000 + sub
    case 'Management':
      return 999_000 + n
    case 'Port-Channel':
      return 1_000_000 + n
    case 'Loopback':
      return 5_000_000 + n
    default:
      return 2000 + n
  }
}
