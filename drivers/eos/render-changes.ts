import type { Change, InterfaceSettings, L3Settings } from '../../src/changes.js'
import type { Dhcp6Server } from '../../src/model/dhcp-relay.js'
import { renderRawLines } from './render-raw-lines.js'
import { formatVlanRanges } from '../../src/vlan-ranges.js'
import { UnsupportedError } from '../../src/errors.js'
import { renderLanzChange } from './render-lanz.js'

/**
 * Renders validated changes into EOS configuration lines, in order. Every mode block is closed with `exit`, so the
 * lines run unchanged in a configure session over eAPI (which is strict about leaving sub-modes) and over SSH.
 *
 * @example
 * renderChanges([{ kind: 'vlan.create', id: 10, name: 'users' }])
 * // ['vlan 10', 'name users', 'exit']
 */
export function renderChanges(changes: readonly Change[]): string[] {
  return changes.flatMap(renderChange)
}

function block(header: string, body: string[]): string[] {
  return [header, ...body, 'exit']
}

function renderChange(change: Change): string[] {
  switch (change.kind) {
    case 'vlan.create':
    case 'vlan.update': {
      const body: string[] = []
      if (change.name !== undefined) body.push(`name ${change.name}`)
      if (change.state !== undefined) body.push(`state ${change.state}`)
      return block(`vlan ${change.id}`, body)
    }
    case 'vlan.delete':
      return [`no vlan ${change.id}`]
    case 'interface.configure':
      return block(`interface ${change.interface}`, renderInterfaceSettings(change.settings))
    case 'lag.create': {
      const lines = change.members.flatMap((m) => block(`interface ${m}`, [`channel-group ${change.id} mode ${change.mode}`]))
      if (change.minLinks !== undefined) lines.push(...block(`interface Port-Channel${change.id}`, [`port-channel min-links ${change.minLinks}`]))
      return lines
    }
    case 'lag.update':
      return block(`interface Port-Channel${change.id}`, [`port-channel min-links ${change.minLinks}`])
    case 'lag.addMember':
      return block(`interface ${change.interface}`, [`channel-group ${change.id} mode ${change.mode}`])
    case 'lag.removeMember':
      return block(`interface ${change.interface}`, ['no channel-group'])
    case 'lag.delete':
      return [...change.members.flatMap((m) => block(`interface ${m}`, ['no channel-group'])), `no interface Port-Channel${change.id}`]
    case 'dhcpRelay.set':
      return block(`interface ${change.interface}`, [
        'no ip helper-address',
        ...change.servers.map(
          (s) => `ip helper-address ${s.address}${s.vrf ? ` vrf ${s.vrf}` : ''}${s.sourceInterface ? ` source-interface ${s.sourceInterface}` : ''}`,
        ),
      ])
    case 'dhcpRelay.clear':
      return block(`interface ${change.interface}`, ['no ip helper-address'])
    case 'dhcpRelay.setGlobal': {
      const lines: string[] = []
      if (change.addServers.length + change.removeServers.length > 0) {
        lines.push(...block('dhcp relay', [...change.removeServers.map((s) => `no server ${s}`), ...change.addServers.map((s) => `server ${s}`)]))
      }
      if (change.option82 !== undefined) lines.push(`${change.option82 ? '' : 'no '}ip dhcp relay information option`)
      return lines
    }
    case 'raw.lines':
      return renderRawLines(change.lines)
    case 'config.replace':
      return ['rollback clean-config', ...renderRawLines(change.lines)]
    case 'l3.configure':
      return block(`interface ${change.interface}`, renderL3Settings(change.settings, change.removeIpv6))
    case 'dhcpRelay.setV6':
      return block(`interface ${change.interface}`, [...change.remove.map((s) => `no ${destination6(s)}`), ...change.servers.map(destination6)])
    case 'dhcpRelay.clearV6':
      return block(`interface ${change.interface}`, change.remove.map((s) => `no ${destination6(s)}`))
    case 'lanz.configure':
      return renderLanzChange(change)
    default:
      throw new UnsupportedError({ driver: 'eos', feature: change.kind, reason: 'EOS switches have no 7130 L1 crosspoint or MetaWatch' })
  }
}

function renderInterfaceSettings(s: InterfaceSettings): string[] {
  const lines: string[] = []
  if (s.description !== undefined) lines.push(s.description === '' ? 'no description' : `description ${s.description}`)
  if (s.enabled !== undefined) lines.push(s.enabled ? 'no shutdown' : 'shutdown')
  if (s.mode === 'routed') lines.push('no switchport')
  else if (s.mode !== undefined) lines.push('switchport', `switchport mode ${s.mode}`)
  if (s.accessVlan !== undefined) lines.push(`switchport access vlan ${s.accessVlan}`)
  if (s.nativeVlan !== undefined) lines.push(`switchport trunk native vlan ${s.nativeVlan}`)
  const allowed = s.allowedVlans
  if (allowed === 'all' || allowed === 'none') lines.push(`switchport trunk allowed vlan ${allowed}`)
  else if (allowed && 'replace' in allowed) lines.push(`switchport trunk allowed vlan ${formatVlanRanges(allowed.replace)}`)
  else if (allowed && 'add' in allowed) lines.push(`switchport trunk allowed vlan add ${formatVlanRanges(allowed.add)}`)
  else if (allowed && 'remove' in allowed) lines.push(`switchport trunk allowed vlan remove ${formatVlanRanges(allowed.remove)}`)
  return lines
}

function destination6(s: Dhcp6Server): string {
  return `ipv6 dhcp relay destination ${s.address}${s.vrf ? ` vrf ${s.vrf}` : ''}${s.localInterface ? ` local-interface ${s.localInterface}` : ''}`
}

/** The VRF first (EOS drops an interface's addresses when its VRF changes), then IPv4, then IPv6. */
function renderL3Settings(s: L3Settings, removeIpv6: readonly string[]): string[] {
  const lines: string[] = []
  if (s.vrf !== undefined) lines.push(s.vrf === null ? 'no vrf' : `vrf ${s.vrf}`)
  if (s.ipv4 !== undefined) {
    lines.push('no ip address')
    if (s.ipv4) lines.push(`ip address ${s.ipv4.primary}`, ...s.ipv4.secondary.map((a) => `ip address ${a} secondary`))
  }
  lines.push(...removeIpv6.map((a) => `no ipv6 address ${a}`))
  if (s.ipv6) lines.push(...s.ipv6.map((a) => `ipv6 address ${a}`))
  return lines
}
