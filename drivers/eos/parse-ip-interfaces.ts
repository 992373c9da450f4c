import { z } from 'zod'
import type { IpInterface } from '../../src/model/ip-interface.js'
import { compareInterfaceNames } from '../../src/interface-names.js'
import { formatPrefix, parsePrefix } from '../../src/ip-prefix.js'
import { parseOutput } from './eos-json.js'

const Ip = z.object({ address: z.string(), maskLen: z.number() })
const Address = z.object({ primaryIp: Ip.optional(), secondaryIpsOrderedList: z.array(Ip).optional() })

const ShowIpInterface = z.object({
  interfaces: z.record(
    z.string(),
    z.object({
      vrf: z.string().optional(),
      interfaceAddress: z.union([Address, z.array(Address)]).optional(),
    }),
  ),
})

const ShowIpv6Interface = z.object({
  interfaces: z.record(
    z.string(),
    z.object({
      addresses: z.array(z.object({ address: z.string(), subnet: z.string() })).optional(),
    }),
  ),
})

/** The message EOS answers `show ipv6 interface` with when no interface has IPv6 (as NAPALM handles it). */
export const NO_IPV6_INTERFACES = /No IPv6 configured interfaces/i

function prefix(address: string, length: number): string | null {
  const p = parsePrefix(`${address}/${length}`)
  if (!p || (p.family === 4 && p.value === 0n)) return null
  return formatPrefix(p)
}

/**
 * Builds the layer-3 view from `show ip interface` (VRF, primary and ordered secondary IPv4 addresses: the shape
 * NAPALM records in `test/eos/mocked_data/test_get_interfaces_ip`) and `show ipv6 interface` (`addresses`, each
 * with its `subnet`; link-local addresses left out). A primary of 0.0.0.0 means none. `showIpv6` may be
 * `undefined` when the device has no IPv6 interface.
 */
export function parseIpInterfaces(showIp: unknown, showIpv6?: unknown): IpInterface[] {
  const v4 = parseOutput(ShowIpInterface, showIp, 'show ip interface').interfaces
  const v6 = showIpv6 === undefined ? {} : parseOutput(ShowIpv6Interface, showIpv6, 'show ipv6 interface').interfaces
  const out = new Map<string, IpInterface>()
  for (const [name, i] of Object.entries(v4)) {
    const raw = i.interfaceAddress
    const address = Array.isArray(raw) ? raw[0] : raw
    const primary = address?.primaryIp ? prefix(address.primaryIp.address, address.primaryIp.maskLen) : null
    const secondary = (address?.secondaryIpsOrderedList ?? []).map((s) => prefix(s.address, s.maskLen)).filter((s): s is string => s !== null)
    out.set(name, { interface: name, vrf: i.vrf ?? 'default', ipv4: { primary, secondary }, ipv6: [] })
  }
  for (const [name, i] of Object.entries(v6)) {
    const addresses = (i.addresses ?? [])
      .map((a) => prefix(a.address, Number(a.subnet.split('/')[1] ?? 128)))
      .filter((a): a is string => a !== null)
    const entry = out.get(name) ?? { interface: name, vrf: 'default', ipv4: { primary: null, secondary: [] }, ipv6: [] }
    entry.ipv6 = addresses
    out.set(name, entry)
  }
  return [...out.values()].sort((a, b) => compareInterfaceNames(a.interface, b.interface))
}
