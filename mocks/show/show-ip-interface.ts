import { compareInterfaceNames } from '../../src/interface-names.js'
import { formatNetwork, parsePrefix, type IpPrefix } from '../../src/ip-prefix.js'
import { CliError } from '../cli/cli-error.js'
import type { CommandResult } from '../cli/command-grammar.js'
import type { InterfaceConfig } from '../device-config.js'
import { isOperUp } from '../port-state.js'
import type { InterfaceView } from './show-interfaces.js'

/** Interfaces that route: SVIs, Loopbacks, Management and routed (`no switchport`) ports. */
export function routedInterfaces(view: InterfaceView): Array<[string, InterfaceConfig]> {
  return Object.entries(view.running.interfaces)
    .filter(([name, i]) => !i.switchport || /^(Vlan|Loopback|Management)/.test(name))
    .filter(([, i]) => !i.channelGroup)
    .sort(([a], [b]) => compareInterfaceNames(a, b))
}

function status(view: InterfaceView, name: string, i: InterfaceConfig) {
  const up = isOperUp(view, name)
  return { interfaceStatus: i.shutdown ? 'disabled' : up ? 'connected' : 'notconnect', lineProtocolStatus: up ? 'up' : 'down', enabled: !i.shutdown }
}

function ip(text: string): { address: string; maskLen: number } {
  const [address = '', len = '0'] = text.split('/')
  return { address, maskLen: Number(len) }
}

/**
 * `show ip interface`: every routed interface with its VRF and IPv4 addresses, in the shape NAPALM recorded
 * (test/eos/mocked_data/test_get_interfaces_ip): `interfaceAddress.primaryIp`, `secondaryIpsOrderedList`, 0.0.0.0/0
 * for an interface without an address.
 */
export function showIpInterface(view: InterfaceView): CommandResult {
  const entries = () => routedInterfaces(view)
  return {
    json: () => {
      const interfaces: Record<string, unknown> = {}
      for (const [name, i] of entries()) {
        const secondary = (i.secondaryAddresses ?? []).map(ip)
        interfaces[name] = {
          name,
          description: i.description ?? '',
          ...status(view, name, i),
          mtu: name.startsWith('Loopback') ? 65535 : 1500,
          vrf: i.vrf ?? 'default',
          urpf: 'disable',
          proxyArp: false,
          localProxyArp: false,
          interfaceAddress: {
            primaryIp: i.ipAddress ? ip(i.ipAddress) : { address: '0.0.0.0', maskLen: 0 },
            secondaryIps: Object.fromEntries(secondary.map((s) => [s.address, s])),
            secondaryIpsOrderedList: secondary,
            virtualIp: { address: '0.0.0.0', maskLen: 0 },
            broadcastAddress: '255.255.255.255',
          },
        }
      }
      return { interfaces }
    },
    text: () =>
      entries()
        .map(([name, i]) => {
          const st = status(view, name, i)
          const out = [`${name} is ${st.enabled ? 'up' : 'administratively down'}, line protocol is ${st.lineProtocolStatus} (${st.interfaceStatus})`]
          out.push(i.ipAddress ? `  Internet address is ${i.ipAddress}` : '  No Internet protocol address assigned')
          for (const s of i.secondaryAddresses ?? []) out.push(`  Secondary address is ${s}`)
          out.push(`  VPN Routing/Forwarding "${i.vrf ?? 'default'}"`)
          return `${out.join('\n')}\n`
        })
        .join(''),
  }
}

function linkLocal(view: InterfaceView, name: string): string {
  const mac = view.systemMac.split(':').map((h) => Number.parseInt(h, 16))
  const n = Number(/\d+/.exec(name)?.[0] ?? 0)
  const hex = (a: number, b: number) => ((a << 8) | b).toString(16)
  return `fe80::${hex((mac[0] ?? 0) ^ 2, mac[1] ?? 0)}:${hex(mac[2] ?? 0, 0xff)}:${hex(0xfe, (n >> 8) & 255)}:${hex(n & 255, mac[5] ?? 0)}`
}

/**
 * `show ipv6 interface`: interfaces with IPv6 addresses, each with its link-local address and its `addresses`
 * (`address` and `subnet`), the fields NAPALM's `get_interfaces_ip` reads. Without any, EOS refuses the command
 * with "No IPv6 configured interfaces" (which NAPALM catches).
 */
export function showIpv6Interface(view: InterfaceView): CommandResult {
  const entries = () => routedInterfaces(view).filter(([, i]) => (i.ipv6Addresses ?? []).length > 0)
  const check = () => {
    if (entries().length === 0) throw new CliError('No IPv6 configured interfaces', 1000)
  }
  check()
  return {
    json: () => {
      const interfaces: Record<string, unknown> = {}
      for (const [name, i] of entries()) {
        const ll = linkLocal(view, name)
        interfaces[name] = {
          name,
          description: i.description ?? '',
          ...status(view, name, i),
          mtu: 1500,
          state: isOperUp(view, name) ? 'up' : 'down',
          linkLocal: { address: ll, subnet: 'fe80::/64', active: true, dadfailed: false },
          addresses: (i.ipv6Addresses ?? []).map((a) => ({ address: a.split('/')[0], subnet: formatNetwork(parsePrefix(a) as IpPrefix), active: true, dadfailed: false })),
        }
      }
      return { interfaces }
    },
    text: () =>
      entries()
        .map(([name, i]) => {
          const out = [`${name} is ${i.shutdown ? 'administratively down' : 'up'}, line protocol is ${isOperUp(view, name) ? 'up' : 'down'}`]
          out.push(`  IPv6 is enabled, link-local is ${linkLocal(view, name)}/64`, '  Global unicast address(es):')
          for (const a of i.ipv6Addresses ?? []) out.push(`    ${a.split('/')[0]}, subnet is ${formatNetwork(parsePrefix(a) as IpPrefix)}`)
          return `${out.join('\n')}\n`
        })
        .join(''),
  }
}
