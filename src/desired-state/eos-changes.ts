import type { Change, InterfaceSettings, L3Settings } from '../changes.js'
import { formatVlanRanges, parseVlanRanges } from '../vlan-ranges.js'
import type { LagMode } from '../model/lag.js'
import {
  ALL_VLANS,
  canonicalInterface,
  defaultInterface,
  defaultVlanName,
  interfaceKind,
  type EosDeviceState,
  type InterfaceEntry,
  type LanzEntry,
  type ThresholdPair,
} from './device-state.js'

const PHASE_OF_KIND: Record<ReturnType<typeof interfaceKind>, number> = { ethernet: 0, management: 0, 'port-channel': 1, vlan: 2, loopback: 2, other: 2 }

/**
 * The changes that turn `current` into `target`, in dependency order: VLANs created and renamed; members released
 * and port-channels removed; Ethernet settings; port-channels created, joined and changed; port-channel settings;
 * SVIs and loopbacks (addresses before relays); DHCP relays; unused SVIs and loopbacks removed; VLANs removed; LANZ.
 * VLANs with nothing but their id are created and removed as one range line.
 */
export function eosChanges(current: EosDeviceState, target: EosDeviceState): Change[] {
  const out: Change[] = []
  const plain: number[] = []
  for (const [id, t] of target.vlans) {
    const s = current.vlans.get(id)
    if (!s) {
      if (t.name === null && t.state === 'active') plain.push(id)
      else out.push({ kind: 'vlan.create', id, ...(t.name === null ? {} : { name: t.name }), ...(t.state === 'active' ? {} : { state: t.state }) })
    } else if (s.name !== t.name || s.state !== t.state) {
      out.push({ kind: 'vlan.update', id, ...(s.name !== t.name ? { name: t.name ?? defaultVlanName(id) } : {}), ...(s.state !== t.state ? { state: t.state } : {}) })
    }
  }
  if (plain.length > 0) out.push({ kind: 'raw.lines', lines: [`vlan ${formatVlanRanges(plain)}`, '   state active'] })

  for (const [id, s] of current.lags) {
    const t = target.lags.get(id)
    if (!t) out.push({ kind: 'lag.delete', id, members: [...s.members.keys()] })
    else for (const [m, mode] of s.members) if (t.members.get(m) !== mode) out.push({ kind: 'lag.removeMember', id, interface: m })
  }
  const interfacePhase = (phase: number) => {
    for (const [name, t] of target.interfaces) {
      if (PHASE_OF_KIND[interfaceKind(name)] !== phase) continue
      out.push(...interfaceChanges(name, current.interfaces.get(name), t))
    }
  }
  interfacePhase(0)

  for (const [id, t] of target.lags) {
    const s = current.lags.get(id)
    const added = [...t.members].filter(([m, mode]) => s?.members.get(m) !== mode)
    if (!s) {
      const [first] = added
      if (first) {
        const mode: LagMode = first[1]
        const same = added.filter(([, m]) => m === mode).map(([m]) => m)
        out.push({ kind: 'lag.create', id, members: same, mode, ...(t.minLinks !== 0 ? { minLinks: t.minLinks } : {}) })
        for (const [m, other] of added) if (other !== mode) out.push({ kind: 'lag.addMember', id, interface: m, mode: other })
      }
      continue
    }
    for (const [m, mode] of added) out.push({ kind: 'lag.addMember', id, interface: m, mode })
    if (s.minLinks !== t.minLinks) out.push({ kind: 'lag.update', id, minLinks: t.minLinks })
  }
  interfacePhase(1)
  interfacePhase(2)

  const relayNames = [...new Set([...current.relay.v4.keys(), ...target.relay.v4.keys(), ...current.relay.v6.keys(), ...target.relay.v6.keys()])]
  for (const name of relayNames) {
    if (!target.interfaces.has(name)) continue
    const s4 = current.relay.v4.get(name) ?? []
    const t4 = target.relay.v4.get(name) ?? []
    if (!sameList(s4, t4)) out.push(t4.length > 0 ? { kind: 'dhcpRelay.set', interface: name, servers: t4 } : { kind: 'dhcpRelay.clear', interface: name })
    const s6 = current.relay.v6.get(name) ?? []
    const t6 = target.relay.v6.get(name) ?? []
    if (!sameList(s6, t6)) out.push(t6.length > 0 ? { kind: 'dhcpRelay.setV6', interface: name, servers: t6, remove: s6 } : { kind: 'dhcpRelay.clearV6', interface: name, remove: s6 })
  }
  const addServers = target.relay.servers.filter((x) => !current.relay.servers.includes(x))
  const removeServers = current.relay.servers.filter((x) => !target.relay.servers.includes(x))
  if (addServers.length + removeServers.length > 0 || current.relay.option82 !== target.relay.option82) {
    out.push({ kind: 'dhcpRelay.setGlobal', addServers, removeServers, ...(current.relay.option82 !== target.relay.option82 ? { option82: target.relay.option82 } : {}) })
  }

  for (const name of current.interfaces.keys()) {
    const kind = interfaceKind(name)
    if ((kind === 'vlan' || kind === 'loopback') && !target.interfaces.has(name)) out.push({ kind: 'raw.lines', lines: [`no interface ${name}`] })
  }
  const gone = [...current.vlans.keys()].filter((id) => id !== 1 && !target.vlans.has(id))
  if (gone.length > 0) out.push({ kind: 'raw.lines', lines: [`no vlan ${formatVlanRanges(gone)}`] })
  const lanz = lanzChange(current.lanz, target.lanz)
  if (lanz) out.push(lanz)
  return out
}

const samePair = (a: ThresholdPair | null | undefined, b: ThresholdPair | null | undefined): boolean => (a ?? null) === (b ?? null) || (!!a && !!b && a.high === b.high && a.low === b.low)

/** The one LANZ change that turns `s` into `t` (on/off, default thresholds, ports set and cleared), if any. */
function lanzChange(s: LanzEntry, t: LanzEntry): Extract<Change, { kind: 'lanz.configure' }> | undefined {
  const thresholds = [...t.thresholds].filter(([name, pair]) => !samePair(s.thresholds.get(name), pair)).map(([name, pair]) => ({ interface: name, ...pair }))
  const clearThresholds = [...s.thresholds.keys()].filter((name) => !t.thresholds.has(name))
  const enabled = s.enabled !== t.enabled
  const defaults = !samePair(s.defaultThresholds, t.defaultThresholds)
  if (!enabled && !defaults && thresholds.length + clearThresholds.length === 0) return undefined
  return {
    kind: 'lanz.configure',
    ...(enabled ? { enabled: t.enabled } : {}),
    ...(defaults ? { defaultThresholds: t.defaultThresholds ? { ...t.defaultThresholds } : null } : {}),
    thresholds,
    clearThresholds,
  }
}

function sameList<T extends object>(a: readonly T[], b: readonly T[]): boolean {
  const key = (list: readonly T[]) => list.map((x) => JSON.stringify(Object.entries(x).sort())).sort().join('\n')
  return key(a) === key(b)
}

/** The changes that take one interface from `before` (absent: not configured yet) to `after`. */
function interfaceChanges(name: string, before: InterfaceEntry | undefined, after: InterfaceEntry): Change[] {
  const s = canonicalInterface(before ?? defaultInterface(name))
  const t = canonicalInterface(after)
  const settings: InterfaceSettings = {}
  if (s.description !== t.description) settings.description = t.description
  if (s.enabled !== t.enabled) settings.enabled = t.enabled
  const switchport = (m: InterfaceEntry['mode']) => m === 'access' || m === 'trunk'
  if (switchport(t.mode)) {
    const fromRouted = !switchport(s.mode)
    if (s.mode !== t.mode) settings.mode = t.mode as 'access' | 'trunk'
    if (fromRouted || s.accessVlan !== t.accessVlan) settings.accessVlan = t.accessVlan
    if (fromRouted || s.nativeVlan !== t.nativeVlan) settings.nativeVlan = t.nativeVlan
    if (fromRouted || s.allowedVlans !== t.allowedVlans) {
      settings.allowedVlans = t.allowedVlans === ALL_VLANS ? 'all' : t.allowedVlans === 'none' ? 'none' : { replace: parseVlanRanges(t.allowedVlans) }
    }
  } else if (t.mode === 'routed' && s.mode !== 'routed') {
    settings.mode = 'routed'
  }
  const out: Change[] = []
  if (Object.keys(settings).length > 0) out.push({ kind: 'interface.configure', interface: name, settings })
  if (switchport(t.mode)) return out
  const l3: L3Settings = {}
  let removeIpv6: string[] = []
  if (s.vrf !== t.vrf) {
    l3.vrf = t.vrf === 'default' ? null : t.vrf
    if (t.ipv4) l3.ipv4 = t.ipv4
    if (t.ipv6.length > 0) l3.ipv6 = t.ipv6
  } else {
    if (JSON.stringify(s.ipv4) !== JSON.stringify(t.ipv4)) l3.ipv4 = t.ipv4
    if (JSON.stringify(s.ipv6) !== JSON.stringify(t.ipv6)) {
      l3.ipv6 = t.ipv6.length > 0 ? t.ipv6 : null
      removeIpv6 = s.ipv6.filter((a) => !t.ipv6.includes(a))
    }
  }
  if (Object.keys(l3).length > 0) out.push({ kind: 'l3.configure', interface: name, settings: l3, removeIpv6 })
  if (before === undefined && out.length === 0) out.push({ kind: 'interface.configure', interface: name, settings })
  return out
}
