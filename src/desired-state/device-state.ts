import type { VlanState } from '../model/vlan.js'
import type { LagMode } from '../model/lag.js'
import type { Dhcp6Server, DhcpServer } from '../model/dhcp-relay.js'
import type { Timesource, TsClockSource } from '../model/metawatch.js'
import { compareInterfaceNames } from '../interface-names.js'
import { compareMosPorts } from '../model/l1.js'

/** A VLAN in canonical form: `name: null` is the default name (`VLAN0010`). */
export interface VlanEntry {
  name: string | null
  state: VlanState
}

/** An interface in canonical form: every field set; VLAN fields at defaults unless a switchport, addresses empty unless routed. */
export interface InterfaceEntry {
  description: string
  enabled: boolean
  /** `null` for interfaces that cannot be switchports (Vlan, Loopback, Management). */
  mode: 'access' | 'trunk' | 'routed' | null
  accessVlan: number
  nativeVlan: number
  /** Canonical range text: `1-4094` for all, `none` for none. */
  allowedVlans: string
  vrf: string
  ipv4: { primary: string; secondary: string[] } | null
  ipv6: string[]
}

/** A port-channel in canonical form. */
export interface LagEntry {
  /** Member → LACP mode, in interface order. */
  members: Map<string, LagMode>
  minLinks: number
}

/** DHCP relay in canonical form. */
export interface RelayEntry {
  option82: boolean
  servers: string[]
  /** Interface → IPv4 helpers (only interfaces that have some). */
  v4: Map<string, DhcpServer[]>
  /** Interface → DHCPv6 destinations (only interfaces that have some). */
  v6: Map<string, Dhcp6Server[]>
}

/** A pair of LANZ thresholds (the platform's LANZ unit). */
export interface ThresholdPair {
  high: number
  low: number
}

/** LANZ configuration in canonical form. */
export interface LanzEntry {
  /** `queue-monitor length` (EOS's default, printing no line, is off). */
  enabled: boolean
  /** `queue-monitor length default thresholds`; `null`: the platform's own. */
  defaultThresholds: ThresholdPair | null
  /** Ethernet port → its own thresholds (only ports that have some), in interface order. */
  thresholds: Map<string, ThresholdPair>
}

/** The configuration state of an EOS switch that desired-state documents describe. */
export interface EosDeviceState {
  platform: 'eos'
  vlans: Map<number, VlanEntry>
  interfaces: Map<string, InterfaceEntry>
  lags: Map<number, LagEntry>
  relay: RelayEntry
  lanz: LanzEntry
}

/** One MetaWatch aggregation core as laid out on the device. */
export interface CoreLayout {
  index: number
  /** The core's input app ports, in input order. */
  inputs: string[]
  /** The app port carrying the core's merged output. */
  output: string
}

/** The configuration state of a 7130 that desired-state documents describe. */
export interface MosDeviceState {
  platform: 'mos'
  /** Every port → the port whose received traffic it transmits (`mac`), or `null`. */
  sources: Map<string, string | null>
  metawatch: { enabled: boolean; timesource: Timesource; tsClockSource: TsClockSource }
  cores: CoreLayout[]
}

/** What a device's configuration is, as far as desired-state documents describe it. */
export type DeviceState = EosDeviceState | MosDeviceState

/** Every VLAN id. */
export const ALL_VLANS = '1-4094'

/** The interface kinds: physical ports always exist; logical interfaces exist when configured. */
export function interfaceKind(name: string): 'ethernet' | 'port-channel' | 'management' | 'vlan' | 'loopback' | 'other' {
  if (name.startsWith('Ethernet')) return 'ethernet'
  if (name.startsWith('Port-Channel')) return 'port-channel'
  if (name.startsWith('Management')) return 'management'
  if (name.startsWith('Vlan')) return 'vlan'
  if (name.startsWith('Loopback')) return 'loopback'
  return 'other'
}

/** True for interfaces that exist whatever the configuration (they are reset, never removed). */
export function isPhysical(name: string): boolean {
  const kind = interfaceKind(name)
  return kind === 'ethernet' || kind === 'management'
}

/** An interface's settings with nothing configured. */
export function defaultInterface(name: string): InterfaceEntry {
  const kind = interfaceKind(name)
  return {
    description: '',
    enabled: true,
    mode: kind === 'ethernet' || kind === 'port-channel' ? 'access' : null,
    accessVlan: 1,
    nativeVlan: 1,
    allowedVlans: ALL_VLANS,
    vrf: 'default',
    ipv4: null,
    ipv6: [],
  }
}

/**
 * Brings an interface's settings into canonical form: VLAN fields only on switchports, addresses only on routed
 * ones, secondary and IPv6 addresses sorted (their order carries no meaning).
 */
export function canonicalInterface(entry: InterfaceEntry): InterfaceEntry {
  const switchport = entry.mode === 'access' || entry.mode === 'trunk'
  return {
    description: entry.description,
    enabled: entry.enabled,
    mode: entry.mode,
    accessVlan: switchport ? entry.accessVlan : 1,
    nativeVlan: switchport ? entry.nativeVlan : 1,
    allowedVlans: switchport ? entry.allowedVlans : ALL_VLANS,
    vrf: switchport ? 'default' : entry.vrf,
    ipv4: switchport || entry.ipv4 === null ? null : { primary: entry.ipv4.primary, secondary: [...new Set(entry.ipv4.secondary)].sort() },
    ipv6: switchport ? [] : [...new Set(entry.ipv6)].sort(),
  }
}

/** True when two interface entries are the same configuration. */
export function sameInterface(a: InterfaceEntry, b: InterfaceEntry): boolean {
  return JSON.stringify(canonicalInterface(a)) === JSON.stringify(canonicalInterface(b))
}

/** True when an interface has nothing configured. */
export function isDefaultInterface(name: string, entry: InterfaceEntry): boolean {
  return sameInterface(defaultInterface(name), entry)
}

/** The default name EOS gives a VLAN. */
export function defaultVlanName(id: number): string {
  return id === 1 ? 'default' : `VLAN${String(id).padStart(4, '0')}`
}

/** An empty EOS state: VLAN 1 only, no interfaces, no relay, LANZ off. */
export function emptyEosState(): EosDeviceState {
  return {
    platform: 'eos',
    vlans: new Map([[1, { name: null, state: 'active' }]]),
    interfaces: new Map(),
    lags: new Map(),
    relay: { option82: false, servers: [], v4: new Map(), v6: new Map() },
    lanz: emptyLanz(),
  }
}

/** LANZ with nothing configured: off, the platform's thresholds everywhere. */
export function emptyLanz(): LanzEntry {
  return { enabled: false, defaultThresholds: null, thresholds: new Map() }
}

/** True when LANZ has nothing configured. */
export function isEmptyLanz(lanz: LanzEntry): boolean {
  return !lanz.enabled && lanz.defaultThresholds === null && lanz.thresholds.size === 0
}

/** A deep copy of a state. */
export function cloneState<S extends DeviceState>(state: S): S {
  return structuredClone(state)
}

/** Sorts a map by key with the given order. */
export function sortedMap<K, V>(map: Map<K, V>, compare: (a: K, b: K) => number): Map<K, V> {
  return new Map([...map.entries()].sort(([a], [b]) => compare(a, b)))
}

/** A stable JSON form of a state (maps as sorted entry lists), for fingerprints and comparisons. */
export function canonicalStateJson(state: DeviceState): string {
  if (state.platform === 'eos') {
    return JSON.stringify({
      platform: 'eos',
      vlans: [...sortedMap(state.vlans, (a, b) => a - b)],
      interfaces: [...sortedMap(state.interfaces, compareInterfaceNames)].map(([n, e]) => [n, canonicalInterface(e)]),
      lags: [...sortedMap(state.lags, (a, b) => a - b)].map(([id, l]) => [id, [...sortedMap(l.members, compareInterfaceNames)], l.minLinks]),
      relay: {
        option82: state.relay.option82,
        servers: [...state.relay.servers].sort(),
        v4: [...sortedMap(state.relay.v4, compareInterfaceNames)],
        v6: [...sortedMap(state.relay.v6, compareInterfaceNames)],
      },
      lanz: {
        enabled: state.lanz.enabled,
        defaultThresholds: state.lanz.defaultThresholds,
        thresholds: [...sortedMap(state.lanz.thresholds, compareInterfaceNames)],
      },
    })
  }
  return JSON.stringify({
    platform: 'mos',
    sources: [...sortedMap(state.sources, compareMosPorts)],
    metawatch: state.metawatch,
    cores: state.cores,
  })
}

const apRange = (from: number, count: number) => Array.from({ length: count }, (_, i) => `ap${from + i}`)

/**
 * A 7130-48L with nothing configured: no L1 sources, MetaWatch stopped, and the aggregation cores laid out as
 * MetaWatch lays them out on that model (ap45-56 core 0, ap33-44 core 1, ap1-12 core 2, ap13-24 core 3, outputs
 * ap57-60). Used where no device tells the layout (`rendered`).
 */
export function emptyMosState(): MosDeviceState {
  return {
    platform: 'mos',
    sources: new Map(),
    metawatch: { enabled: false, timesource: 'auto', tsClockSource: 'auto' },
    cores: [
      { index: 0, inputs: apRange(45, 12), output: 'ap57' },
      { index: 1, inputs: apRange(33, 12), output: 'ap58' },
      { index: 2, inputs: apRange(1, 12), output: 'ap59' },
      { index: 3, inputs: apRange(13, 12), output: 'ap60' },
    ],
  }
}
