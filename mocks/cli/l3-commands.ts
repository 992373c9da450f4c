import { command, NO_OUTPUT, type CommandSpec } from './command-grammar.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'
import { cleanConfig, type DeviceConfig, type Helper6Address, type InterfaceConfig } from '../device-config.js'
import { eachInterface } from './each-interface.js'
import { formatNetwork, parsePrefix, prefixesOverlap, type IpPrefix } from '../../src/ip-prefix.js'

type S = CliSession

function routedOnly(name: string, iface: InterfaceConfig): void {
  if (iface.switchport && !name.startsWith('Vlan')) throw new CliError(`Interface ${name} is a switchport; configure 'no switchport' first`, 1000)
}

/** Every address of an interface, IPv4 and IPv6. */
export function addressesOf(iface: InterfaceConfig): string[] {
  return [...(iface.ipAddress ? [iface.ipAddress] : []), ...(iface.secondaryAddresses ?? []), ...(iface.ipv6Addresses ?? [])]
}

/**
 * Refuses an address EOS refuses: a host prefix (/32, /128) outside a Loopback ("Prefix length must be less than
 * 32", as cEOS answers in ansible/ansible#61747), or a subnet that overlaps one on another interface of the same VRF.
 * The overlap message starts as EOS's does ("% Subnet <prefix> overlaps", the pattern ansible's EOS terminal plugin
 * matches since ansible/ansible#40187); the rest of its wording is this mock's.
 */
function checkAddress(config: DeviceConfig, name: string, iface: InterfaceConfig, text: string): IpPrefix {
  const p = parsePrefix(text) as IpPrefix
  const max = p.family === 4 ? 32 : 128
  if (p.length >= max && !name.startsWith('Loopback')) throw new CliError(`Prefix length must be less than ${max}`, 1000)
  for (const [other, o] of Object.entries(config.interfaces)) {
    if (other === name || (o.vrf ?? 'default') !== (iface.vrf ?? 'default')) continue
    for (const existing of addressesOf(o)) {
      const q = parsePrefix(existing)
      if (q && prefixesOverlap(p, q)) {
        throw new CliError(`Subnet ${formatNetwork(p)} overlaps with existing subnet ${formatNetwork(q)} of interface ${other}`, 1000)
      }
    }
  }
  return p
}

function destinationOf(a: Record<string, unknown>): Helper6Address {
  return { address: a.address as string, ...(a.vrf ? { vrf: a.vrf as string } : {}), ...(a.local ? { localInterface: a.local as string } : {}) }
}

/** Layer-3 interface commands: addresses (primary, secondary, IPv6), VRF membership and DHCPv6 relay. */
export const L3_INTERFACE_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('ip address <prefix:prefix>', (s, a) =>
    eachInterface(s, (i, name, config) => {
      routedOnly(name, i)
      const p = checkAddress(config, name, i, a.prefix as string)
      if ((i.secondaryAddresses ?? []).some((x) => prefixesOverlap(p, parsePrefix(x) as IpPrefix))) {
        throw new CliError(`Subnet ${formatNetwork(p)} overlaps with a secondary address of interface ${name}`, 1000)
      }
      i.ipAddress = a.prefix as string
    }),
  ),
  command<S>('ip address <prefix:prefix> secondary', (s, a) =>
    eachInterface(s, (i, name, config) => {
      routedOnly(name, i)
      if (!i.ipAddress) throw new CliError('Secondary address cannot be configured before a primary address', 1000)
      const p = checkAddress(config, name, i, a.prefix as string)
      for (const own of addressesOf(i).filter((x) => !x.includes(':'))) {
        if (own !== a.prefix && prefixesOverlap(p, parsePrefix(own) as IpPrefix)) {
          throw new CliError(`Subnet ${formatNetwork(p)} overlaps with address ${own} of interface ${name}`, 1000)
        }
      }
      i.secondaryAddresses = [...(i.secondaryAddresses ?? []).filter((x) => x !== a.prefix), a.prefix as string]
    }),
  ),
  command<S>('no ip address', (s) =>
    eachInterface(s, (i) => {
      delete i.ipAddress
      delete i.secondaryAddresses
    }),
  ),
  command<S>('no ip address <prefix:prefix>', (s, a) =>
    eachInterface(s, (i) => {
      if (i.ipAddress !== a.prefix) throw new CliError(`Address ${a.prefix} is not the primary address of this interface`, 1000)
      if ((i.secondaryAddresses ?? []).length > 0) throw new CliError('Primary address cannot be removed while secondary addresses are configured', 1000)
      delete i.ipAddress
    }),
  ),
  command<S>('no ip address <prefix:prefix> secondary', (s, a) =>
    eachInterface(s, (i) => {
      i.secondaryAddresses = (i.secondaryAddresses ?? []).filter((x) => x !== a.prefix)
      if (i.secondaryAddresses.length === 0) delete i.secondaryAddresses
    }),
  ),
  command<S>('ipv6 address <prefix:prefix6>', (s, a) =>
    eachInterface(s, (i, name, config) => {
      routedOnly(name, i)
      checkAddress(config, name, i, a.prefix as string)
      i.ipv6Addresses = [...(i.ipv6Addresses ?? []).filter((x) => x !== a.prefix), a.prefix as string]
    }),
  ),
  command<S>('no ipv6 address', (s) => eachInterface(s, (i) => delete i.ipv6Addresses)),
  command<S>('no ipv6 address <prefix:prefix6>', (s, a) =>
    eachInterface(s, (i) => {
      i.ipv6Addresses = (i.ipv6Addresses ?? []).filter((x) => x !== a.prefix)
      if (i.ipv6Addresses.length === 0) delete i.ipv6Addresses
    }),
  ),
  command<S>('vrf <name:word>', (s, a) =>
    eachInterface(s, (i, name) => {
      routedOnly(name, i)
      const vrf = a.name === 'default' ? undefined : (a.name as string)
      if (vrf === i.vrf) return
      delete i.ipAddress
      delete i.secondaryAddresses
      delete i.ipv6Addresses
      if (vrf === undefined) delete i.vrf
      else i.vrf = vrf
    }),
  ),
  command<S>('no vrf', (s) =>
    eachInterface(s, (i) => {
      if (i.vrf === undefined) return
      delete i.vrf
      delete i.ipAddress
      delete i.secondaryAddresses
      delete i.ipv6Addresses
    }),
  ),
  command<S>('ipv6 dhcp relay destination <address:ipv6> [vrf <vrf:word>] [local-interface <local:iface>]', (s, a) =>
    eachInterface(s, (i) => {
      const d = destinationOf(a)
      i.helpers6 = [...(i.helpers6 ?? []).filter((h) => !(h.address === d.address && h.vrf === d.vrf)), d]
    }),
  ),
  command<S>('no ipv6 dhcp relay destination <address:ipv6> [vrf <vrf:word>] [local-interface <local:iface>]', (s, a) =>
    eachInterface(s, (i) => {
      i.helpers6 = (i.helpers6 ?? []).filter((h) => !(h.address === a.address && h.vrf === a.vrf))
      if (i.helpers6.length === 0) delete i.helpers6
    }),
  ),
].flat()

/** Global configuration commands of this feature set: `rollback clean-config` (inside a configure session only). */
export const L3_CONFIG_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('rollback clean-config', (s) => {
    if (s.sessionName === undefined) throw new CliError('rollback clean-config is only available in a configuration session', 1000)
    const session = s.host.sessions.get(s.sessionName)
    if (!session || session.state !== 'pending') throw new CliError(`Session ${s.sessionName} is no longer pending`, 1000)
    session.config = cleanConfig(session.config)
    return NO_OUTPUT
  }),
].flat()
