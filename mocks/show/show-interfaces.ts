import { compareInterfaceNames, shortInterfaceName } from '../../src/interface-names.js'
import type { CommandResult } from '../cli/command-grammar.js'
import type { DeviceConfig, InterfaceConfig } from '../device-config.js'
import { vlanName } from '../device-config.js'
import { forwardingModel, isOperUp, membersOf, type LiveView } from '../port-state.js'
import type { PlatformProfile } from '../platform-profiles.js'
import { zeroCounters, type PortCounters, type TrafficModel } from '../traffic-model.js'
import { LOAD_INTERVAL_S, type PortRates } from '../interface-rates.js'
import { interfaceText, type InterfaceEntry } from './show-interfaces-text.js'

/** Everything the interface show commands read. */
export interface InterfaceView extends LiveView {
  readonly profile: PlatformProfile
  readonly traffic: TrafficModel
  readonly systemMac: string
  readonly bootTime: number
}

function sortedNames(config: DeviceConfig, only?: string): string[] {
  const names = Object.keys(config.interfaces).sort(compareInterfaceNames)
  return only ? names.filter((n) => n === only) : names
}

/** Speed of an interface in Mb/s now (a port-channel: the sum of its up members). */
export function speedMbps(view: InterfaceView, name: string): number {
  if (name.startsWith('Ethernet')) return view.profile.portSpeedMbps
  if (name.startsWith('Management')) return 1000
  if (name.startsWith('Port-Channel')) {
    const id = Number(name.slice('Port-Channel'.length))
    return membersOf(view.running, id).filter((m) => isOperUp(view, m)).length * view.profile.portSpeedMbps
  }
  return 0
}

/** Counters of an interface: a port's own, or the sum over a port-channel's members. */
export function countersOf(view: InterfaceView, name: string): PortCounters | undefined {
  if (name.startsWith('Port-Channel')) {
    const sum = zeroCounters()
    for (const m of membersOf(view.running, Number(name.slice('Port-Channel'.length)))) {
      const c = view.traffic.counters.get(m)
      if (c) for (const k of Object.keys(sum) as Array<keyof PortCounters>) sum[k] += c[k]
    }
    return sum
  }
  return view.traffic.counters.get(name)
}

/** Rates of an interface now: a port's own, or the sum over a port-channel's members; `undefined` without counters. */
export function ratesOf(view: InterfaceView, name: string): PortRates | undefined {
  if (name.startsWith('Port-Channel')) {
    const sum: PortRates = { inBps: 0, outBps: 0, inPps: 0, outPps: 0 }
    for (const m of membersOf(view.running, Number(name.slice('Port-Channel'.length)))) {
      const r = view.traffic.rates.of(m)
      for (const k of Object.keys(sum) as Array<keyof PortRates>) sum[k] += r[k]
    }
    return sum
  }
  return view.traffic.counters.has(name) ? view.traffic.rates.of(name) : undefined
}

function hardwareOf(name: string): string {
  if (name.startsWith('Ethernet') || name.startsWith('Management')) return 'ethernet'
  if (name.startsWith('Port-Channel')) return 'portChannel'
  if (name.startsWith('Vlan')) return 'vlan'
  return 'loopback'
}

function statusOf(view: InterfaceView, name: string, iface: InterfaceConfig): 'connected' | 'notconnect' | 'disabled' {
  if (iface.shutdown) return 'disabled'
  return isOperUp(view, name) ? 'connected' : 'notconnect'
}

function macOf(view: InterfaceView, name: string): string {
  const n = Number(/\d+/.exec(name)?.[0] ?? 0)
  const base = view.systemMac.split(':').slice(0, 4).join(':')
  return `${base}:${(n >> 8).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`
}

/** The `show interfaces` JSON entry of one interface. */
function interfaceEntry(view: InterfaceView, name: string): InterfaceEntry & Record<string, unknown> {
  const iface = view.running.interfaces[name] as InterfaceConfig
  const up = isOperUp(view, name)
  const hardware = hardwareOf(name)
  const model = hardware === 'vlan' || hardware === 'loopback' ? 'routed' : forwardingModel(iface)
  const entry: InterfaceEntry & Record<string, unknown> = {
    name,
    description: iface.description ?? '',
    interfaceStatus: statusOf(view, name, iface),
    lineProtocolStatus: up ? 'up' : iface.shutdown || hardware !== 'portChannel' ? 'down' : 'lowerLayerDown',
    hardware,
    forwardingModel: model,
    mtu: hardware === 'loopback' ? 65535 : (hardware === 'ethernet' || hardware === 'portChannel') && model !== 'routed' ? 9214 : 1500,
    bandwidth: speedMbps(view, name) * 1_000_000,
    physicalAddress: macOf(view, name),
    lastStatusChangeTimestamp: view.bootTime / 1000,
    interfaceAddress: iface.ipAddress
      ? [{ primaryIp: { address: iface.ipAddress.split('/')[0] as string, maskLen: Number(iface.ipAddress.split('/')[1]) }, secondaryIps: {}, secondaryIpsOrderedList: [], broadcastAddress: '255.255.255.255', dhcp: false }]
      : [],
  }
  if (hardware === 'ethernet') {
    // A routed port answers with the system MAC; its own stays the burned-in one (ntc-templates' raw recordings).
    const own = entry.physicalAddress
    if (model === 'routed' && name.startsWith('Ethernet')) entry.physicalAddress = view.systemMac
    Object.assign(entry, { duplex: 'duplexFull', autoNegotiate: 'off', burnedInAddress: own, loopbackMode: 'loopbackNone' })
  }
  if (iface.channelGroup) entry.interfaceMembership = `Member of Port-Channel${iface.channelGroup.id}`
  if (hardware === 'portChannel') {
    const members: Record<string, { duplex: string; bandwidth: number }> = {}
    for (const m of membersOf(view.running, Number(name.slice(12))).sort(compareInterfaceNames)) members[m] = { duplex: 'duplexFull', bandwidth: view.profile.portSpeedMbps * 1_000_000 }
    Object.assign(entry, { memberInterfaces: members, fallbackEnabled: false, fallbackEnabledType: 'fallbackNone' })
  }
  const c = countersOf(view, name)
  const r = ratesOf(view, name)
  if (c && r) {
    entry.interfaceStatistics = { updateInterval: LOAD_INTERVAL_S, inBitsRate: r.inBps, outBitsRate: r.outBps, inPktsRate: r.inPps, outPktsRate: r.outPps }
    const lastClearS = view.traffic.lastClearS
    entry.interfaceCounters = {
      inOctets: c.inOctets,
      inUcastPkts: c.inUcastPkts,
      inMulticastPkts: c.inMulticastPkts,
      inBroadcastPkts: c.inBroadcastPkts,
      inDiscards: c.inDiscards,
      inTotalPkts: c.inUcastPkts + c.inMulticastPkts + c.inBroadcastPkts,
      totalInErrors: c.inErrors,
      outOctets: c.outOctets,
      outUcastPkts: c.outUcastPkts,
      outMulticastPkts: c.outMulticastPkts,
      outBroadcastPkts: c.outBroadcastPkts,
      outDiscards: c.outDiscards,
      totalOutErrors: c.outErrors,
      linkStatusChanges: 1,
      counterRefreshTime: Date.now() / 1000,
      ...(lastClearS === undefined ? {} : { lastClear: view.bootTime / 1000 + lastClearS }),
      inputErrorsDetail: { runtFrames: 0, giantFrames: 0, fcsErrors: c.inErrors, alignmentErrors: 0, symbolErrors: 0, rxPause: 0 },
      outputErrorsDetail: { collisions: 0, lateCollisions: 0, deferredTransmissions: 0, txPause: 0 },
    }
  }
  return entry
}

/**
 * `show interfaces [IF]`: JSON shaped like the napalm recording, text printed from the same entries (see
 * {@link interfaceText}). Times in the text run on the device's simulated clock: the status last changed at boot.
 */
export function showInterfaces(view: InterfaceView, only?: string): CommandResult {
  const entries = () => sortedNames(view.running, only).map((name) => interfaceEntry(view, name))
  return {
    json: () => ({ interfaces: Object.fromEntries(entries().map((e) => [e.name, e])) }),
    text: () => {
      const now = view.traffic.elapsedSeconds
      const lastClear = view.traffic.lastClearS
      return entries()
        .map((e) => interfaceText(e, { adminDown: view.running.interfaces[e.name]?.shutdown === true, sinceChangeS: now, sinceClearS: lastClear === undefined ? undefined : now - lastClear }))
        .join('')
    },
  }
}

/**
 * One `show interfaces switchport` block as text, printed from its JSON entry. Layout: fake-switches' EOS emulation
 * (internap/fake-switches, its `show interfaces switchport` tests), whose lines match a real block quoted in a public
 * controller's docs; the `Switchport: Disabled` block of a routed port is [unconfirmed].
 */
function switchportText(name: string, sp: { enabled: boolean; switchportInfo: Record<string, unknown> }): string {
  const i = sp.switchportInfo
  if (!sp.enabled) return `Name: ${shortInterfaceName(name)}\nSwitchport: Disabled\n\n`
  const mode = i.mode === 'access' ? 'static access' : String(i.mode)
  return [
    `Name: ${shortInterfaceName(name)}`,
    'Switchport: Enabled',
    `Administrative Mode: ${mode}`,
    `Operational Mode: ${mode}`,
    `MAC Address Learning: ${i.macLearning ? 'enabled' : 'disabled'}`,
    `Dot1q ethertype/TPID: ${String(i.tpid)} (${i.tpidStatus ? 'active' : 'inactive'})`,
    'Dot1q Vlan Tag Required (Administrative/Operational): No/No',
    `Access Mode VLAN: ${String(i.accessVlanId)} (${String(i.accessVlanName)})`,
    `Trunking Native Mode VLAN: ${String(i.trunkingNativeVlanId)} (${String(i.trunkingNativeVlanName)})`,
    'Administrative Native VLAN tagging: disabled',
    `Trunking VLANs Enabled: ${String(i.trunkAllowedVlans) === '' ? 'NONE' : String(i.trunkAllowedVlans)}`,
    `Static Trunk Groups:${(i.staticTrunkGroups as string[]).map((g) => ` ${g}`).join('')}`,
    'Dynamic Trunk Groups:',
    'Source interface filtering: enabled',
    '',
    '',
  ].join('\n')
}

/** `show interfaces [IF] switchport`: JSON shaped like the goeapi recording; text from the same entries. */
export function showInterfacesSwitchport(view: InterfaceView, only?: string): CommandResult {
  const model = () => {
    const switchports: Record<string, { enabled: boolean; switchportInfo: Record<string, unknown> }> = {}
    for (const name of sortedNames(view.running, only)) {
      if (!name.startsWith('Ethernet') && !name.startsWith('Port-Channel')) continue
      const i = view.running.interfaces[name] as InterfaceConfig
      const access = view.running.vlans[i.accessVlan]
      const native = view.running.vlans[i.nativeVlan]
      switchports[name] = {
        enabled: i.switchport,
        switchportInfo: {
          mode: i.mode,
          accessVlanId: i.accessVlan,
          accessVlanName: access ? vlanName(i.accessVlan, access) : 'inactive',
          trunkingNativeVlanId: i.nativeVlan,
          trunkingNativeVlanName: native ? vlanName(i.nativeVlan, native) : 'inactive',
          trunkAllowedVlans: i.allowedVlans === '1-4094' ? 'ALL' : i.allowedVlans,
          staticTrunkGroups: [],
          dynamicTrunkGroups: [],
          macLearning: true,
          tpid: '0x8100',
          tpidStatus: true,
        },
      }
    }
    return { switchports }
  }
  return {
    json: model,
    text: () => {
      const blocks = Object.entries(model().switchports).map(([name, sp]) => switchportText(name, sp))
      // The whole-device form starts with the default mode (fake-switches); the per-interface form does not.
      return only === undefined ? `Default switchport mode: access\n\n${blocks.join('')}` : blocks.join('')
    },
  }
}

/** `show interfaces [IF] status`: JSON as in the pyntc recording, text as ntc-templates parses it. */
export function showInterfacesStatus(view: InterfaceView, only?: string): CommandResult {
  const rows = () =>
    sortedNames(view.running, only)
      .filter((n) => !n.startsWith('Loopback'))
      .map((name) => {
        const i = view.running.interfaces[name] as InterfaceConfig
        const model = name.startsWith('Vlan') ? 'routed' : forwardingModel(i)
        const vlan = i.channelGroup ? `in Po${i.channelGroup.id}` : model === 'routed' ? 'routed' : i.mode === 'trunk' ? 'trunk' : String(i.accessVlan)
        return { name, i, model, vlan, status: statusOf(view, name, i), speed: speedMbps(view, name) }
      })
  return {
    json: () => {
      const interfaceStatuses: Record<string, unknown> = {}
      for (const r of rows()) {
        const vlanInformation: Record<string, unknown> = { interfaceForwardingModel: r.model }
        if (r.model === 'bridged') {
          vlanInformation.interfaceMode = r.i.mode === 'trunk' ? 'trunk' : 'bridged'
          if (r.i.mode === 'access') vlanInformation.vlanId = r.i.accessVlan
        } else if (r.model === 'dataLink') vlanInformation.vlanExplanation = r.vlan
        interfaceStatuses[r.name] = {
          description: r.i.description ?? '',
          linkStatus: r.status,
          lineProtocolStatus: isOperUp(view, r.name) ? 'up' : 'down',
          bandwidth: r.speed * 1_000_000,
          duplex: 'duplexFull',
          interfaceType: r.name.startsWith('Ethernet') ? view.profile.portType : r.name.startsWith('Management') ? '10/100/1000' : 'N/A',
          autoNegotiateActive: false,
          autoNegotigateActive: false,
          vlanInformation,
        }
      }
      return { interfaceStatuses }
    },
    text: () => {
      const out = ['Port       Name        Status       Vlan     Duplex Speed  Type            Flags Encapsulation']
      for (const r of rows()) {
        const speed = r.speed >= 1000 ? `${r.speed / 1000}G` : r.speed > 0 ? `${r.speed}M` : 'unconf'
        out.push(
          `${shortInterfaceName(r.name).padEnd(10)} ${(r.i.description ?? '').slice(0, 11).padEnd(11)} ${r.status.padEnd(12)} ${r.vlan.padEnd(8)} full   ${speed.padEnd(6)} ${r.name.startsWith('Ethernet') ? view.profile.portType : 'N/A'}`.trimEnd(),
        )
      }
      return `${out.join('\n')}\n`
    },
  }
}
