import { compareInterfaceNames } from '../interface-names.js'
import { compareMosPorts } from '../model/l1.js'
import { defaultVlanName, type DeviceState, type EosDeviceState, type InterfaceEntry, type MosDeviceState } from './device-state.js'

/** A field's value as a plan shows it. */
export type FieldValue = string | number | boolean | null | string[]

/** One field that changes, with its value before and after. */
export interface FieldChange {
  field: string
  before: FieldValue
  after: FieldValue
}

/** What a plan does to one resource (VLANs, interfaces, …): items added, changed field by field, and removed. */
export interface ResourceDiff {
  /** `vlans`, `interfaces`, `lags`, `dhcpRelay`, `lanz`, `l1` (every L1 output, whichever section set it) or `metawatch`. */
  resource: 'vlans' | 'interfaces' | 'lags' | 'dhcpRelay' | 'lanz' | 'l1' | 'metawatch'
  added: Array<{ key: string; after: Record<string, FieldValue> }>
  changed: Array<{ key: string; fields: FieldChange[] }>
  removed: Array<{ key: string; before: Record<string, FieldValue> }>
}

type View = Map<string, Record<string, FieldValue>>

function interfaceView(e: InterfaceEntry): Record<string, FieldValue> {
  const v: Record<string, FieldValue> = { description: e.description, enabled: e.enabled }
  if (e.mode !== null) v.mode = e.mode
  if (e.mode === 'access' || e.mode === 'trunk') {
    v.accessVlan = e.accessVlan
    v.nativeVlan = e.nativeVlan
    v.allowedVlans = e.allowedVlans === '1-4094' ? 'all' : e.allowedVlans
  } else {
    v.vrf = e.vrf
    v.ipv4 = e.ipv4 ? [e.ipv4.primary, ...e.ipv4.secondary.map((a) => `${a} secondary`)] : null
    v.ipv6 = e.ipv6
  }
  return v
}

/** LANZ as a plan shows it: `global` (on/off and default thresholds, `null`: the platform's) and one key per port with thresholds. */
function lanzView(s: EosDeviceState): View {
  const d = s.lanz.defaultThresholds
  const view: View = new Map([['global', { enabled: s.lanz.enabled, defaultHigh: d ? d.high : null, defaultLow: d ? d.low : null }]])
  for (const [port, t] of [...s.lanz.thresholds].sort(([a], [b]) => compareInterfaceNames(a, b))) view.set(port, { high: t.high, low: t.low })
  return view
}

function eosViews(s: EosDeviceState): Record<'vlans' | 'interfaces' | 'lags' | 'dhcpRelay' | 'lanz', View> {
  const serverText = (x: { address: string; vrf?: string | undefined; sourceInterface?: string | undefined; localInterface?: string | undefined }) =>
    [x.address, x.vrf ? `vrf ${x.vrf}` : '', x.sourceInterface ? `source ${x.sourceInterface}` : '', x.localInterface ? `local ${x.localInterface}` : ''].filter(Boolean).join(' ')
  const relay: View = new Map([['global', { option82: s.relay.option82, servers: [...s.relay.servers].sort() }]])
  for (const name of [...new Set([...s.relay.v4.keys(), ...s.relay.v6.keys()])].sort(compareInterfaceNames)) {
    relay.set(name, { servers: (s.relay.v4.get(name) ?? []).map(serverText).sort(), servers6: (s.relay.v6.get(name) ?? []).map(serverText).sort() })
  }
  return {
    vlans: new Map([...s.vlans].sort(([a], [b]) => a - b).map(([id, v]) => [String(id), { name: v.name ?? defaultVlanName(id), state: v.state }])),
    interfaces: new Map([...s.interfaces].sort(([a], [b]) => compareInterfaceNames(a, b)).map(([n, e]) => [n, interfaceView(e)])),
    lags: new Map(
      [...s.lags].sort(([a], [b]) => a - b).map(([id, l]) => [`Port-Channel${id}`, { members: [...l.members].map(([m, mode]) => `${m} (${mode})`), minLinks: l.minLinks }]),
    ),
    dhcpRelay: relay,
    lanz: lanzView(s),
  }
}

function mosViews(s: MosDeviceState): Record<'l1' | 'metawatch', View> {
  const l1: View = new Map()
  for (const [port, source] of [...s.sources].sort(([a], [b]) => compareMosPorts(a, b))) if (source !== null) l1.set(port, { source })
  const metawatch: View = new Map([['app', { enabled: s.metawatch.enabled, timesource: s.metawatch.timesource, tsClockSource: s.metawatch.tsClockSource }]])
  return { l1, metawatch }
}

function same(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

function diffView(resource: ResourceDiff['resource'], before: View, after: View): ResourceDiff {
  const diff: ResourceDiff = { resource, added: [], changed: [], removed: [] }
  for (const [key, b] of before) {
    const a = after.get(key)
    if (!a) {
      diff.removed.push({ key, before: b })
      continue
    }
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])]
      .filter((f) => !same(b[f], a[f]))
      .map((f) => ({ field: f, before: b[f] ?? null, after: a[f] ?? null }))
    if (fields.length > 0) diff.changed.push({ key, fields })
  }
  for (const [key, a] of after) if (!before.has(key)) diff.added.push({ key, after: a })
  return diff
}

/** Per resource, what turning `current` into `target` adds, changes (field by field) and removes; unchanged resources are left out. */
export function resourceDiffs(current: DeviceState, target: DeviceState): ResourceDiff[] {
  const out: ResourceDiff[] = []
  if (current.platform === 'eos' && target.platform === 'eos') {
    const b = eosViews(current)
    const a = eosViews(target)
    for (const r of ['vlans', 'interfaces', 'lags', 'dhcpRelay', 'lanz'] as const) out.push(diffView(r, b[r], a[r]))
  } else if (current.platform === 'mos' && target.platform === 'mos') {
    const b = mosViews(current)
    const a = mosViews(target)
    for (const r of ['l1', 'metawatch'] as const) out.push(diffView(r, b[r], a[r]))
  }
  return out.filter((d) => d.added.length + d.changed.length + d.removed.length > 0)
}
