import { compareInterfaceNames } from '../interface-names.js'
import { compareMosPorts } from '../model/l1.js'
import { parseVlanRanges } from '../vlan-ranges.js'
import type { DesiredCore, DesiredInterface, DesiredLag, DesiredLanz, DesiredRelayInterface, DesiredState, DesiredVlan, SectionName } from './document-schema.js'
import { ALL_VLANS, interfaceKind, isDefaultInterface, isEmptyLanz, isPhysical, sortedMap, type DeviceState, type EosDeviceState, type InterfaceEntry, type MosDeviceState } from './device-state.js'

/**
 * The document that describes a device's state (Ansible's `gathered`): every section `overridden`, settings at
 * their defaults left out, ports and port-channels with nothing configured and VLAN 1 at its defaults not listed
 * (port-channels themselves are listed in `lags`). Applying it to the
 * device it came from changes nothing. Without `sections`, `lanz` is there only when LANZ has something configured
 * (a running-config does not tell whether the platform has LANZ; a `lanz` section is refused where it has none).
 */
export function documentOfState(state: DeviceState, sections?: readonly SectionName[]): DesiredState {
  const want = (s: SectionName) => sections === undefined || sections.includes(s)
  if (state.platform === 'mos') return mosDocument(state, want)
  const doc: DesiredState = { platform: 'eos' }
  if (want('vlans')) doc.vlans = { state: 'overridden', config: vlansOf(state) }
  if (want('interfaces')) {
    doc.interfaces = {
      state: 'overridden',
      config: [...sortedMap(state.interfaces, compareInterfaceNames)]
        .filter(([name, e]) => !((isPhysical(name) || interfaceKind(name) === 'port-channel') && isDefaultInterface(name, e)))
        .map(([name, e]) => interfaceItem(name, e)),
    }
  }
  if (want('lags')) doc.lags = { state: 'overridden', config: lagsOf(state) }
  if (want('dhcpRelay')) doc.dhcpRelay = { state: 'overridden', config: relayOf(state) }
  if (sections === undefined ? !isEmptyLanz(state.lanz) : sections.includes('lanz')) doc.lanz = { state: 'overridden', config: lanzOf(state) }
  return doc
}

function lanzOf(state: EosDeviceState): DesiredLanz {
  const { enabled, defaultThresholds, thresholds } = state.lanz
  const interfaces = [...sortedMap(thresholds, compareInterfaceNames)].map(([name, t]) => ({ name, thresholds: { high: t.high, low: t.low } }))
  return {
    ...(enabled ? { enabled: true } : {}),
    ...(defaultThresholds ? { defaultThresholds: { ...defaultThresholds } } : {}),
    ...(interfaces.length > 0 ? { interfaces } : {}),
  }
}

function vlansOf(state: EosDeviceState): DesiredVlan[] {
  const out: DesiredVlan[] = []
  for (const [id, v] of sortedMap(state.vlans, (a, b) => a - b)) {
    if (id === 1 && v.name === null && v.state === 'active') continue
    out.push({ id, ...(v.name === null ? {} : { name: v.name }), ...(v.state === 'active' ? {} : { state: v.state }) })
  }
  return out
}

/** The document form of one interface's settings: only what differs from the defaults. */
export function interfaceItem(name: string, e: InterfaceEntry): DesiredInterface {
  const item: DesiredInterface = { name }
  if (e.description !== '') item.description = e.description
  if (!e.enabled) item.enabled = false
  if (e.mode !== null && e.mode !== 'access') item.mode = e.mode
  if (e.mode === 'access' || e.mode === 'trunk') {
    if (e.accessVlan !== 1) item.accessVlan = e.accessVlan
    if (e.nativeVlan !== 1) item.nativeVlan = e.nativeVlan
    if (e.allowedVlans !== ALL_VLANS) item.allowedVlans = e.allowedVlans === 'none' ? 'none' : e.allowedVlans.includes('-') || e.allowedVlans.includes(',') ? e.allowedVlans : parseVlanRanges(e.allowedVlans)
  } else {
    if (e.vrf !== 'default') item.vrf = e.vrf
    if (e.ipv4) item.ipv4 = e.ipv4.secondary.length === 0 ? e.ipv4.primary : { primary: e.ipv4.primary, secondary: [...e.ipv4.secondary] }
    if (e.ipv6.length > 0) item.ipv6 = [...e.ipv6]
  }
  return item
}

function lagsOf(state: EosDeviceState): DesiredLag[] {
  return [...sortedMap(state.lags, (a, b) => a - b)].map(([id, lag]) => {
    const modes = new Set(lag.members.values())
    const item: DesiredLag = { id }
    if (lag.members.size > 0) {
      const [only] = [...modes]
      if (modes.size === 1 && only !== undefined) {
        item.members = [...lag.members.keys()]
        if (only !== 'active') item.mode = only
      } else {
        item.members = [...lag.members].map(([m, mode]) => ({ interface: m, mode }))
      }
    }
    if (lag.minLinks !== 0) item.minLinks = lag.minLinks
    return item
  })
}

function relayOf(state: EosDeviceState): NonNullable<NonNullable<DesiredState['dhcpRelay']>['config']> {
  const names = [...new Set([...state.relay.v4.keys(), ...state.relay.v6.keys()])].sort(compareInterfaceNames)
  const interfaces: DesiredRelayInterface[] = names.map((name) => {
    const byAddress = (a: { address: string; vrf?: string | undefined }, b: { address: string; vrf?: string | undefined }) => `${a.address}|${a.vrf ?? ''}`.localeCompare(`${b.address}|${b.vrf ?? ''}`)
    const v4 = [...(state.relay.v4.get(name) ?? [])].sort(byAddress)
    const v6 = [...(state.relay.v6.get(name) ?? [])].sort(byAddress)
    return {
      name,
      ...(v4.length > 0 ? { servers: v4.map((s) => (s.vrf === undefined && s.sourceInterface === undefined ? s.address : { ...s })) } : {}),
      ...(v6.length > 0 ? { servers6: v6.map((s) => (s.vrf === undefined && s.localInterface === undefined ? s.address : { ...s })) } : {}),
    }
  })
  return {
    ...(state.relay.option82 ? { option82: true } : {}),
    ...(state.relay.servers.length > 0 ? { servers: [...state.relay.servers].sort() } : {}),
    ...(interfaces.length > 0 ? { interfaces } : {}),
  }
}

function mosDocument(state: MosDeviceState, want: (s: SectionName) => boolean): DesiredState {
  const doc: DesiredState = { platform: 'mos' }
  const coreOutputs = new Set(state.cores.map((c) => c.output))
  if (want('l1')) {
    doc.l1 = {
      state: 'overridden',
      config: [...sortedMap(state.sources, compareMosPorts)]
        .filter(([out, src]) => out.startsWith('et') && src !== null && !coreOutputs.has(src))
        .map(([output, source]) => ({ output, source: source as string })),
    }
  }
  if (want('metawatch')) {
    const cores: DesiredCore[] = state.cores
      .map((c) => {
        const inputs: string[] = []
        for (const ap of c.inputs) {
          const src = state.sources.get(ap) ?? null
          if (src === null) break
          inputs.push(src)
        }
        const deliverTo = [...sortedMap(state.sources, compareMosPorts)].filter(([, s]) => s === c.output).map(([p]) => p)
        return { index: c.index, ...(inputs.length > 0 ? { inputs } : {}), ...(deliverTo.length > 0 ? { deliverTo } : {}) }
      })
      .filter((c) => c.inputs !== undefined || c.deliverTo !== undefined)
    const mw = state.metawatch
    doc.metawatch = {
      state: 'overridden',
      config: {
        ...(mw.enabled ? { enabled: true } : {}),
        ...(mw.timesource !== 'auto' ? { timesource: mw.timesource } : {}),
        ...(mw.tsClockSource !== 'auto' ? { tsClockSource: mw.tsClockSource } : {}),
        ...(cores.length > 0 ? { cores } : {}),
      },
    }
  }
  return doc
}
