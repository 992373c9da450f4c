import type { Change } from './changes.js'
import type { Intent } from './intents.js'
import type { Interface, SwitchportMode } from './model/interface.js'
import type { Lag, LagMode } from './model/lag.js'
import type { Vlan } from './model/vlan.js'
import type { DhcpRelay } from './model/dhcp-relay.js'
import { ValidationError } from './errors.js'
import { portChannelId } from './interface-names.js'
import type { L1Port } from './model/l1.js'
import type { Metawatch } from './model/metawatch.js'
import type { IpInterface } from './model/ip-interface.js'
import type { Dhcp6Server } from './model/dhcp-relay.js'

/** Reads the parts of device state that planning needs; only the parts the intents touch are read. */
export interface PlanStateSource {
  interfaces(): Promise<Interface[]>
  lags(): Promise<Lag[]>
  vlans(): Promise<Vlan[]>
  dhcpRelay(): Promise<DhcpRelay>
  l1Ports(): Promise<L1Port[]>
  metawatch(): Promise<Metawatch>
  /** Layer-3 state (addresses, VRF) of the routed interfaces. */
  ipInterfaces(): Promise<IpInterface[]>
}

interface PlannedInterface {
  mode: SwitchportMode | null
  lag: number | null
}

/**
 * Checks intents against the device's current state and resolves them into driver-ready changes. Intents are
 * checked in order against the state as the earlier intents leave it, so a transaction may create a VLAN and then
 * rename it, or create a port-channel and then add a member. Throws a {@link ValidationError} naming the first
 * problem; nothing has been sent to the device at that point except reads.
 */
export async function planChanges(intents: readonly Intent[], source: PlanStateSource): Promise<Change[]> {
  if (intents.some((i) => i.kind === 'config.replace') && intents.length > 1) {
    throw new ValidationError('replaceConfig: a replace must be the only change of its transaction', [{ path: [], message: 'a replace must be alone' }])
  }
  const touchesRelay6 = intents.some((i) => i.kind === 'dhcpRelay.setV6' || i.kind === 'dhcpRelay.clearV6')
  const touchesL3 = intents.some((i) => i.kind === 'l3.configure')
  const touchesInterfaces = touchesRelay6 || touchesL3 || intents.some((i) => i.kind.startsWith('lag.') || i.kind.startsWith('interface.') || i.kind === 'dhcpRelay.set' || i.kind === 'dhcpRelay.clear')
  const touchesLags = intents.some((i) => i.kind.startsWith('lag.'))
  const touchesVlans = intents.some((i) => i.kind.startsWith('vlan.'))
  const touchesGlobalRelay = intents.some((i) => i.kind === 'dhcpRelay.setGlobal' && i.servers !== undefined)
  const touchesL1 = intents.some((i) => i.kind.startsWith('l1.') || i.kind === 'taps.remove' || i.kind === 'metawatch.aggregate')
  const touchesMetawatch = intents.some((i) => i.kind === 'metawatch.timesource' || i.kind === 'metawatch.aggregate')
  const [interfaces, lags, vlans, relay, l1Ports, metawatch, ipInterfaces] = await Promise.all([
    touchesInterfaces ? source.interfaces() : undefined,
    touchesLags ? source.lags() : undefined,
    touchesVlans ? source.vlans() : undefined,
    touchesGlobalRelay || touchesRelay6 ? source.dhcpRelay() : undefined,
    touchesL1 ? source.l1Ports() : undefined,
    touchesMetawatch ? source.metawatch() : undefined,
    touchesL3 ? source.ipInterfaces() : undefined,
  ])
  const relay6 = new Map<string, Dhcp6Server[]>((relay?.ipv6Interfaces ?? []).map((i) => [i.interface, i.servers.map(toDhcp6Server)]))
  const l3State = new Map((ipInterfaces ?? []).map((i) => [i.interface, i]))
  const sources = new Map((l1Ports ?? []).map((p) => [p.name, p.source]))
  const setInTx = new Map<string, string | null>()
  let metawatchRunning = metawatch?.enabled ?? false

  const ifaces = new Map<string, PlannedInterface>()
  for (const i of interfaces ?? []) ifaces.set(i.name, { mode: i.mode, lag: i.lag === null ? null : (portChannelId(i.lag) ?? null) })
  const lagMembers = new Map<number, Map<string, LagMode>>()
  for (const lag of lags ?? []) lagMembers.set(lag.id, new Map(lag.members.map((m) => [m.interface, m.mode])))
  const vlanIds = new Set((vlans ?? []).map((v) => v.id))
  let globalServers = relay?.globalServers ?? []

  const fail = (message: string): never => {
    throw new ValidationError(message, [{ path: [], message }])
  }
  const requireEthernet = (name: string, what: string): PlannedInterface => {
    if (!name.startsWith('Ethernet')) fail(`${what}: ${name} is not an Ethernet port`)
    const iface = ifaces.get(name)
    if (!iface) return fail(`${what}: unknown interface ${name}; the device has no such port`)
    return iface
  }
  const requireLag = (id: number, what: string): Map<string, LagMode> =>
    lagMembers.get(id) ?? fail(`${what}: Port-Channel${id} does not exist`)
  const join = (name: string, id: number, what: string) => {
    const iface = requireEthernet(name, what)
    if (iface.lag !== null && iface.lag !== id) fail(`${what}: ${name} is already a member of Port-Channel${iface.lag}`)
    iface.lag = id
  }

  const requirePort = (name: string, what: string) => {
    if (!sources.has(name)) fail(`${what}: unknown port ${name}; the device has no such port`)
  }
  const setSource = (output: string, src: string | null, what: string, exclusive: boolean): Change => {
    requirePort(output, what)
    if (src !== null && src !== 'mac') requirePort(src, what)
    const earlier = setInTx.get(output)
    if (earlier !== undefined && earlier !== null && src !== null && earlier !== src) {
      fail(`${what}: one source per output: ${output} would take both ${earlier} and ${src}`)
    }
    const current = sources.get(output) ?? null
    if (exclusive && earlier === undefined && current !== null && current !== src) {
      fail(`${what}: ${output} already transmits ${current}'s traffic; remove that first (taps.remove or l1.clearSource)`)
    }
    setInTx.set(output, src)
    sources.set(output, src)
    return src === null ? { kind: 'l1.clearSource', output } : { kind: 'l1.setSource', output, source: src }
  }

  const changes: Change[] = []
  for (const intent of intents) {
    switch (intent.kind) {
      case 'vlan.create':
        if (vlanIds.has(intent.id)) fail(`vlans.create: VLAN ${intent.id} already exists (use vlans.update)`)
        vlanIds.add(intent.id)
        changes.push(intent)
        break
      case 'vlan.update':
        if (!vlanIds.has(intent.id)) fail(`vlans.update: VLAN ${intent.id} does not exist`)
        changes.push(intent)
        break
      case 'vlan.delete':
        if (!vlanIds.has(intent.id)) fail(`vlans.delete: VLAN ${intent.id} does not exist`)
        vlanIds.delete(intent.id)
        changes.push(intent)
        break
      case 'interface.configure': {
        const name = intent.interface
        const lagId = portChannelId(name)
        let iface = ifaces.get(name)
        if (!iface && lagId !== undefined && lagMembers.has(lagId)) iface = { mode: 'access', lag: null }
        if (!iface && name.startsWith('Vlan')) iface = { mode: null, lag: null }
        if (!iface) fail(`interfaces.configure: unknown interface ${name}`)
        const s = intent.settings
        const switching = s.mode !== undefined || s.accessVlan !== undefined || s.nativeVlan !== undefined || s.allowedVlans !== undefined
        if (switching && iface?.mode === null) fail(`interfaces.configure: ${name} cannot be a switchport`)
        if (iface && s.mode !== undefined) iface.mode = s.mode
        ifaces.set(name, iface as PlannedInterface)
        changes.push(intent)
        break
      }
      case 'lag.create': {
        if (lagMembers.has(intent.id)) fail(`lags.create: Port-Channel${intent.id} already exists (use lags.addMember)`)
        for (const m of intent.members) join(m, intent.id, 'lags.create')
        lagMembers.set(intent.id, new Map(intent.members.map((m) => [m, intent.mode])))
        changes.push(intent)
        break
      }
      case 'lag.update':
        requireLag(intent.id, 'lags.update')
        changes.push(intent)
        break
      case 'lag.addMember': {
        const members = requireLag(intent.id, 'lags.addMember')
        const mode = intent.mode ?? members.values().next().value ?? 'active'
        if (members.has(intent.interface)) fail(`lags.addMember: ${intent.interface} is already a member of Port-Channel${intent.id}`)
        join(intent.interface, intent.id, 'lags.addMember')
        members.set(intent.interface, mode)
        changes.push({ kind: 'lag.addMember', id: intent.id, interface: intent.interface, mode })
        break
      }
      case 'lag.removeMember': {
        const members = requireLag(intent.id, 'lags.removeMember')
        if (!members.has(intent.interface)) fail(`lags.removeMember: ${intent.interface} is not a member of Port-Channel${intent.id}`)
        members.delete(intent.interface)
        const iface = ifaces.get(intent.interface)
        if (iface) iface.lag = null
        changes.push(intent)
        break
      }
      case 'lag.delete': {
        const members = requireLag(intent.id, 'lags.delete')
        for (const m of members.keys()) {
          const iface = ifaces.get(m)
          if (iface) iface.lag = null
        }
        lagMembers.delete(intent.id)
        changes.push({ kind: 'lag.delete', id: intent.id, members: [...members.keys()] })
        break
      }
      case 'dhcpRelay.set':
      case 'dhcpRelay.clear': {
        const name = intent.interface
        const iface = ifaces.get(name)
        const routed = name.startsWith('Vlan') || (iface !== undefined && iface.mode === 'routed')
        if (!iface && !name.startsWith('Vlan')) fail(`dhcpRelay: unknown interface ${name}`)
        if (!routed) fail(`dhcpRelay: ${name} is a switchport; DHCP relay needs a routed interface or a Vlan SVI`)
        changes.push(intent)
        break
      }
      case 'dhcpRelay.setV6':
      case 'dhcpRelay.clearV6': {
        const name = intent.interface
        const iface = ifaces.get(name)
        if (!iface && !name.startsWith('Vlan')) fail(`dhcpRelay: unknown interface ${name}`)
        if (!(name.startsWith('Vlan') || iface?.mode === 'routed' || iface?.mode === null)) {
          fail(`dhcpRelay: ${name} is a switchport; DHCPv6 relay needs a routed interface or a Vlan SVI`)
        }
        const remove = relay6.get(name) ?? []
        if (intent.kind === 'dhcpRelay.setV6') {
          changes.push({ kind: 'dhcpRelay.setV6', interface: name, servers: intent.servers, remove })
          relay6.set(name, intent.servers)
        } else {
          changes.push({ kind: 'dhcpRelay.clearV6', interface: name, remove })
          relay6.delete(name)
        }
        break
      }
      case 'l3.configure': {
        const name = intent.interface
        const iface = ifaces.get(name)
        const routedKind = /^(Vlan|Loopback|Management)/.test(name)
        if (!iface && !name.startsWith('Vlan') && !name.startsWith('Loopback')) fail(`l3.configure: unknown interface ${name}`)
        if (!routedKind && iface && iface.mode !== 'routed' && iface.mode !== null) {
          fail(`l3.configure: ${name} is a switchport (${iface.mode}); make it routed first with interfaces.configure('${name}', { mode: 'routed' })`)
        }
        if (!iface) ifaces.set(name, { mode: null, lag: null })
        const current = l3State.get(name)
        const settings = { ...intent.settings }
        const currentVrf = current && current.vrf !== 'default' ? current.vrf : null
        if (settings.vrf !== undefined && settings.vrf !== currentVrf && current) {
          if (settings.ipv4 === undefined && current.ipv4.primary !== null) settings.ipv4 = { primary: current.ipv4.primary, secondary: current.ipv4.secondary }
          if (settings.ipv6 === undefined && current.ipv6.length > 0) settings.ipv6 = current.ipv6
        }
        const removeIpv6 = settings.ipv6 === undefined ? [] : (current?.ipv6 ?? []).filter((a) => !(settings.ipv6 ?? []).includes(a))
        l3State.set(name, {
          interface: name,
          vrf: settings.vrf === undefined ? (current?.vrf ?? 'default') : (settings.vrf ?? 'default'),
          ipv4: settings.ipv4 === undefined ? (current?.ipv4 ?? { primary: null, secondary: [] }) : (settings.ipv4 ?? { primary: null, secondary: [] }),
          ipv6: settings.ipv6 === undefined ? (current?.ipv6 ?? []) : (settings.ipv6 ?? []),
        })
        changes.push({ kind: 'l3.configure', interface: name, settings, removeIpv6 })
        break
      }
      case 'raw.lines':
      case 'config.replace':
        changes.push(intent)
        break
      case 'dhcpRelay.setGlobal': {
        const wanted = intent.servers
        const addServers = wanted === undefined ? [] : wanted.filter((s) => !globalServers.includes(s))
        const removeServers = wanted === undefined ? [] : globalServers.filter((s) => !wanted.includes(s))
        if (wanted !== undefined) globalServers = wanted
        changes.push({ kind: 'dhcpRelay.setGlobal', addServers, removeServers, ...(intent.option82 === undefined ? {} : { option82: intent.option82 }) })
        break
      }
      case 'l1.setSource':
        changes.push(setSource(intent.output, intent.source, { l1: 'l1.setSource', taps: 'taps.create', metawatch: 'metawatch.aggregate' }[intent.api], intent.exclusive))
        break
      case 'l1.clearSource':
        changes.push(setSource(intent.output, null, 'l1.clearSource', false))
        break
      case 'taps.remove': {
        requirePort(intent.source, 'taps.remove')
        const fed = [...sources].filter(([, s]) => s === intent.source).map(([o]) => o)
        const outputs = intent.outputs ?? fed
        for (const o of outputs) if (!fed.includes(o)) fail(`taps.remove: ${o} does not carry ${intent.source}'s traffic`)
        if (outputs.length === 0) fail(`taps.remove: nothing carries ${intent.source}'s traffic`)
        for (const o of outputs) changes.push(setSource(o, null, 'taps.remove', false))
        break
      }
      case 'lanz.configure':
        changes.push(intent)
        break
      case 'metawatch.enabled':
        metawatchRunning = intent.enabled
        changes.push(intent)
        break
      case 'metawatch.timesource':
        changes.push({ ...intent, restart: metawatchRunning })
        break
      case 'metawatch.aggregate': {
        const core = metawatch?.cores.find((c) => c.index === intent.core) ?? fail(`metawatch.aggregate: the device has no core ${intent.core}`)
        if (intent.inputs.length > core.inputs.length) fail(`metawatch.aggregate: core ${intent.core} has ${core.inputs.length} inputs`)
        core.inputs.forEach((input, i) => {
          const wanted = intent.inputs[i]
          if (wanted !== undefined) changes.push(setSource(input.appPort, wanted, 'metawatch.aggregate', false))
          else if ((sources.get(input.appPort) ?? null) !== null) changes.push(setSource(input.appPort, null, 'metawatch.aggregate', false))
        })
        for (const port of intent.deliverTo) changes.push(setSource(port, core.output.appPort, 'metawatch.aggregate', false))
        break
      }
    }
  }
  return changes
}

function toDhcp6Server(s: { address: string; vrf?: string | undefined; localInterface?: string | undefined }): Dhcp6Server {
  return { address: s.address, ...(s.vrf ? { vrf: s.vrf } : {}), ...(s.localInterface ? { localInterface: s.localInterface } : {}) }
}
