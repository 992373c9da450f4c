import type { InterfaceConfig } from './device-config.js'

/** The IPv6 lines of an interface block, as EOS prints them after the IPv4 ones: addresses, then DHCPv6 relay. */
export function l3ExtraLines(i: InterfaceConfig): string[] {
  return [
    ...(i.ipv6Addresses ?? []).map((a) => `ipv6 address ${a}`),
    ...(i.helpers6 ?? []).map((h) => `ipv6 dhcp relay destination ${h.address}${h.vrf ? ` vrf ${h.vrf}` : ''}${h.localInterface ? ` local-interface ${h.localInterface}` : ''}`),
  ]
}
