import { command, NO_OUTPUT, type CommandArgs, type CommandSpec } from './command-grammar.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'
import { defaultInterface, type DeviceConfig, type InterfaceConfig } from '../device-config.js'
import { formatVlanRanges, parseVlanRanges } from '../../src/vlan-ranges.js'
import { L3_CONFIG_COMMANDS, L3_INTERFACE_COMMANDS } from './l3-commands.js'
import { eachInterface } from './each-interface.js'
import { LANZ_CONFIG_COMMANDS, LANZ_INTERFACE_COMMANDS } from './lanz-commands.js'

type S = CliSession

function done(): typeof NO_OUTPUT {
  return NO_OUTPUT
}

function vlanIdArg(a: CommandArgs, key: string, token: number): number {
  const id = a[key] as number
  if (id < 1 || id > 4094) throw new CliError(`Invalid input (at token ${token}: '${id}')`)
  return id
}


function eachVlan(s: S, edit: (vlan: { name?: string; state: 'active' | 'suspend' }) => void): typeof NO_OUTPUT {
  if (s.mode.kind !== 'vlan') throw new CliError('Not in VLAN configuration mode', 1000)
  const config = s.target()
  for (const id of s.mode.ids) {
    const vlan = config.vlans[id]
    if (vlan) edit(vlan)
  }
  return NO_OUTPUT
}

function switchportOnly(name: string, iface: InterfaceConfig): void {
  if (!(name.startsWith('Ethernet') || name.startsWith('Port-Channel'))) throw new CliError("Invalid input (at token 0: 'switchport')")
  if (!iface.switchport) throw new CliError(`Interface ${name} is not a switched port; configure 'switchport' first`, 1000)
}

function editAllowed(iface: InterfaceConfig, change: (current: Set<number>) => Set<number>): void {
  iface.allowedVlans = formatVlanRanges(change(new Set(parseVlanRanges(iface.allowedVlans))))
}

function openInterface(s: S, name: string): typeof NO_OUTPUT {
  const config = s.target()
  if (!config.interfaces[name]) {
    if (name.startsWith('Ethernet') || name.startsWith('Management')) throw new CliError(`Interface ${name} does not exist on this device`, 1002)
    if (name.startsWith('Vlan')) {
      const id = Number(name.slice(4))
      if (id < 1 || id > 4094) throw new CliError(`Invalid input (at token 1: '${name}')`)
    }
    config.interfaces[name] = defaultInterface(name.startsWith('Port-Channel') ? 'switchport' : 'routed')
  }
  s.mode = { kind: 'if', names: [name] }
  return NO_OUTPUT
}

function removeInterface(s: S, name: string): typeof NO_OUTPUT {
  const config = s.target()
  if (name.startsWith('Ethernet') || name.startsWith('Management')) throw new CliError('Removal of physical interfaces is not permitted', 1000)
  if (name.startsWith('Port-Channel')) {
    const id = Number(name.slice('Port-Channel'.length))
    for (const iface of Object.values(config.interfaces)) if (iface.channelGroup?.id === id) delete iface.channelGroup
  }
  delete config.interfaces[name]
  return NO_OUTPUT
}

const modeExits = [
  command<S>('exit', (s) => {
    s.mode = { kind: 'config' }
    return done()
  }),
  command<S>('end', (s) => {
    s.leaveConfig()
    return done()
  }),
].flat()

/** Global configuration mode. */
export const CONFIG_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('hostname <name:word>', (s, a) => {
    s.target().hostname = a.name as string
    return done()
  }),
  command<S>('vlan <ids:vlans>', (s, a) => {
    const config = s.target()
    const ids = a.ids as number[]
    for (const id of ids) config.vlans[id] ??= { state: 'active' }
    s.mode = { kind: 'vlan', ids }
    return done()
  }),
  command<S>('no vlan <ids:vlans>', (s, a) => {
    const config = s.target()
    const ids = a.ids as number[]
    if (ids.includes(1)) throw new CliError('The default VLAN 1 cannot be deleted', 1000)
    for (const id of ids) delete config.vlans[id]
    return done()
  }),
  command<S>('default vlan <ids:vlans>', (s, a) => {
    const config = s.target()
    for (const id of a.ids as number[]) if (config.vlans[id]) config.vlans[id] = { state: 'active' }
    return done()
  }),
  command<S>('interface <name:iface>', (s, a) => openInterface(s, a.name as string)),
  command<S>('no interface <name:iface>', (s, a) => removeInterface(s, a.name as string)),
  command<S>('dhcp relay', (s) => {
    s.mode = { kind: 'dhcp-relay' }
    return done()
  }),
  command<S>('no dhcp relay', (s) => {
    s.target().dhcpRelay.servers = []
    return done()
  }),
  command<S>('ip dhcp relay information option', (s) => {
    s.target().dhcpRelay.option82 = true
    return done()
  }),
  command<S>('no ip dhcp relay information option', (s) => {
    s.target().dhcpRelay.option82 = false
    return done()
  }),
  command<S>('exit', (s) => {
    s.leaveConfig()
    return done()
  }),
  command<S>('end', (s) => {
    s.leaveConfig()
    return done()
  }),
  LANZ_CONFIG_COMMANDS,
  command<S>('commit', (s) => {
    const name = requireSession(s)
    s.host.sessions.commit(name)
    s.leaveConfig()
    return done()
  }),
  command<S>('commit timer <t:time>', (s, a) => {
    const name = requireSession(s)
    const [h = 0, m = 0, sec = 0] = String(a.t).split(':').map(Number)
    const seconds = h * 3600 + m * 60 + sec
    if (seconds < 1) throw new CliError("Invalid input (at token 2: '00:00:00')")
    s.host.sessions.commit(name, seconds)
    s.leaveConfig()
    return done()
  }),
  command<S>('abort', (s) => {
    const name = requireSession(s)
    s.host.sessions.abort(name)
    s.leaveConfig()
    return done()
  }),
  L3_CONFIG_COMMANDS,
].flat()

function requireSession(s: S): string {
  if (s.sessionName === undefined) throw new CliError('Not in a configuration session', 1000)
  return s.sessionName
}

/** VLAN configuration mode. */
export const VLAN_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('name <name:word>', (s, a) => {
    const name = a.name as string
    if (name.length > 32) throw new CliError(`Invalid input (at token 1: '${name}')`)
    return eachVlan(s, (v) => (v.name = name))
  }),
  command<S>('no name', (s) => eachVlan(s, (v) => delete v.name)),
  command<S>('default name', (s) => eachVlan(s, (v) => delete v.name)),
  command<S>('state <state:active|suspend>', (s, a) => eachVlan(s, (v) => (v.state = a.state as 'active' | 'suspend'))),
  command<S>('no state', (s) => eachVlan(s, (v) => (v.state = 'active'))),
  modeExits,
].flat()

/** Interface configuration mode. */
export const INTERFACE_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('description <text:rest>', (s, a) => eachInterface(s, (i) => (i.description = a.text as string))),
  command<S>('no description', (s) => eachInterface(s, (i) => delete i.description)),
  command<S>('shutdown', (s) => eachInterface(s, (i) => (i.shutdown = true))),
  command<S>('no shutdown', (s) => eachInterface(s, (i) => (i.shutdown = false))),
  command<S>('switchport', (s) =>
    eachInterface(s, (i, name) => {
      if (!(name.startsWith('Ethernet') || name.startsWith('Port-Channel'))) throw new CliError("Invalid input (at token 0: 'switchport')")
      i.switchport = true
      delete i.ipAddress
      delete i.secondaryAddresses
      delete i.ipv6Addresses
      delete i.vrf
    }),
  ),
  command<S>('no switchport', (s) =>
    eachInterface(s, (i, name) => {
      if (!(name.startsWith('Ethernet') || name.startsWith('Port-Channel'))) throw new CliError("Invalid input (at token 0: 'no')")
      i.switchport = false
    }),
  ),
  command<S>('switchport mode <mode:access|trunk>', (s, a) =>
    eachInterface(s, (i, name) => {
      switchportOnly(name, i)
      i.mode = a.mode as 'access' | 'trunk'
    }),
  ),
  command<S>('no switchport mode', (s) => eachInterface(s, (i) => (i.mode = 'access'))),
  command<S>('switchport access vlan <id:int>', (s, a) =>
    eachInterface(s, (i, name) => {
      switchportOnly(name, i)
      i.accessVlan = vlanIdArg(a, 'id', 3)
    }),
  ),
  command<S>('no switchport access vlan', (s) => eachInterface(s, (i) => (i.accessVlan = 1))),
  command<S>('switchport trunk native vlan <id:int>', (s, a) =>
    eachInterface(s, (i, name) => {
      switchportOnly(name, i)
      i.nativeVlan = vlanIdArg(a, 'id', 4)
    }),
  ),
  command<S>('no switchport trunk native vlan', (s) => eachInterface(s, (i) => (i.nativeVlan = 1))),
  command<S>('switchport trunk allowed vlan <ids:vlans>', (s, a) =>
    eachInterface(s, (i, name) => {
      switchportOnly(name, i)
      editAllowed(i, () => new Set(a.ids as number[]))
    }),
  ),
  command<S>('switchport trunk allowed vlan add <ids:vlans>', (s, a) =>
    eachInterface(s, (i, name) => {
      switchportOnly(name, i)
      editAllowed(i, (cur) => new Set([...cur, ...(a.ids as number[])]))
    }),
  ),
  command<S>('switchport trunk allowed vlan remove <ids:vlans>', (s, a) =>
    eachInterface(s, (i, name) => {
      switchportOnly(name, i)
      const drop = new Set(a.ids as number[])
      editAllowed(i, (cur) => new Set([...cur].filter((v) => !drop.has(v))))
    }),
  ),
  command<S>('switchport trunk allowed vlan except <ids:vlans>', (s, a) =>
    eachInterface(s, (i, name) => {
      switchportOnly(name, i)
      const drop = new Set(a.ids as number[])
      editAllowed(i, () => new Set(parseVlanRanges('1-4094').filter((v) => !drop.has(v))))
    }),
  ),
  command<S>('switchport trunk allowed vlan all', (s) => eachInterface(s, (i) => (i.allowedVlans = '1-4094'))),
  command<S>('switchport trunk allowed vlan none', (s) => eachInterface(s, (i) => (i.allowedVlans = 'none'))),
  command<S>('no switchport trunk allowed vlan', (s) => eachInterface(s, (i) => (i.allowedVlans = '1-4094'))),
  command<S>('channel-group <id:int> mode <mode:active|passive|on>', (s, a) =>
    eachInterface(s, (i, name, config) => {
      if (!name.startsWith('Ethernet')) throw new CliError("Invalid input (at token 0: 'channel-group')")
      const id = a.id as number
      if (id < 1 || id > 2000) throw new CliError(`Invalid input (at token 1: '${id}')`)
      config.interfaces[`Port-Channel${id}`] ??= defaultInterface('switchport')
      i.channelGroup = { id, mode: a.mode as 'active' | 'passive' | 'on' }
    }),
  ),
  command<S>('no channel-group', (s) => eachInterface(s, (i) => delete i.channelGroup)),
  command<S>('port-channel min-links <n:int>', (s, a) =>
    eachInterface(s, (i, name) => {
      if (!name.startsWith('Port-Channel')) throw new CliError("Invalid input (at token 0: 'port-channel')")
      i.minLinks = a.n as number
    }),
  ),
  command<S>('no port-channel min-links', (s) => eachInterface(s, (i) => delete i.minLinks)),
  L3_INTERFACE_COMMANDS,
  command<S>('ip helper-address <address:ipv4> [vrf <vrf:word>] [source-interface <src:iface>]', (s, a) =>
    eachInterface(s, (i) => {
      const helper = { address: a.address as string, ...(a.vrf ? { vrf: a.vrf as string } : {}), ...(a.src ? { sourceInterface: a.src as string } : {}) }
      i.helpers = [...i.helpers.filter((h) => !(h.address === helper.address && h.vrf === helper.vrf)), helper]
    }),
  ),
  command<S>('no ip helper-address', (s) => eachInterface(s, (i) => (i.helpers = []))),
  LANZ_INTERFACE_COMMANDS,
  command<S>('no ip helper-address <address:ipv4> [vrf <vrf:word>]', (s, a) =>
    eachInterface(s, (i) => (i.helpers = i.helpers.filter((h) => !(h.address === a.address && h.vrf === a.vrf))))),
  modeExits,
].flat()

/** `dhcp relay` configuration mode. */
export const DHCP_RELAY_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('server <address:ipv4>', (s, a) => {
    const relay = s.target().dhcpRelay
    if (!relay.servers.includes(a.address as string)) relay.servers.push(a.address as string)
    return done()
  }),
  command<S>('no server <address:ipv4>', (s, a) => {
    const relay = s.target().dhcpRelay
    relay.servers = relay.servers.filter((x) => x !== a.address)
    return done()
  }),
  modeExits,
].flat()
