import { compareInterfaceNames } from '../interface-names.js'
import { formatVlanRanges, parseVlanRanges } from '../vlan-ranges.js'
import type { LagMode } from '../model/lag.js'
import type { Dhcp6Server, DhcpServer } from '../model/dhcp-relay.js'
import type { DesiredInterface, DesiredLag, DesiredState } from './document-schema.js'
import {
  ALL_VLANS,
  canonicalInterface,
  cloneState,
  defaultInterface,
  defaultVlanName,
  interfaceKind,
  isPhysical,
  sameInterface,
  sortedMap,
  type EosDeviceState,
  type InterfaceEntry,
  type LagEntry,
} from './device-state.js'
import type { Problem, TargetContext } from './target-context.js'
import { targetLanz } from './lanz-target.js'

/**
 * Computes the state an EOS switch would have after a document is applied to `current`, section by section with
 * each section's `state`, and lists every problem found on the way (each with its path in the document).
 */
export function eosTarget(doc: DesiredState, current: EosDeviceState, ctx: TargetContext): { target: EosDeviceState; problems: Problem[] } {
  const target = cloneState(current)
  const problems: Problem[] = []
  const problem = (path: Array<string | number>, message: string) => problems.push({ path, message })
  targetVlans(doc, target, problem)
  targetLags(doc, current, target, ctx, problem)
  targetInterfaces(doc, target, ctx, problem)
  targetRelay(doc, target, problem)
  targetLanz(doc, current, target, ctx, problem)
  checkAccessVlans(doc, current, target, problem)
  target.vlans = sortedMap(target.vlans, (a, b) => a - b)
  target.interfaces = sortedMap(target.interfaces, compareInterfaceNames)
  target.lags = sortedMap(target.lags, (a, b) => a - b)
  return { target, problems }
}

type Report = (path: Array<string | number>, message: string) => void

function duplicates<T>(items: readonly T[], key: (t: T) => string | number, path: string, what: string, problem: Report): void {
  const seen = new Map<string | number, number>()
  items.forEach((item, i) => {
    const k = key(item)
    const first = seen.get(k)
    if (first !== undefined) problem([path, 'config', i], `${what} ${k} is listed twice (also at config.${first})`)
    else seen.set(k, i)
  })
}

function targetVlans(doc: DesiredState, t: EosDeviceState, problem: Report): void {
  const section = doc.vlans
  if (!section) return
  const items = section.config ?? []
  duplicates(items, (v) => v.id, 'vlans', 'VLAN', problem)
  const exact = (v: (typeof items)[number]) => ({ name: v.name === undefined || v.name === defaultVlanName(v.id) ? null : v.name, state: v.state ?? ('active' as const) })
  switch (section.state) {
    case 'merged':
      for (const v of items) {
        const entry = { ...(t.vlans.get(v.id) ?? { name: null, state: 'active' as const }) }
        if (v.name !== undefined) entry.name = v.name === defaultVlanName(v.id) ? null : v.name
        if (v.state !== undefined) entry.state = v.state
        t.vlans.set(v.id, entry)
      }
      break
    case 'replaced':
      for (const v of items) t.vlans.set(v.id, exact(v))
      break
    case 'overridden':
      t.vlans = new Map([[1, { name: null, state: 'active' }]])
      for (const v of items) t.vlans.set(v.id, exact(v))
      break
    case 'deleted':
      if (section.config === undefined) t.vlans = new Map([[1, { name: null, state: 'active' }]])
      items.forEach((v, i) => {
        if (v.id === 1) problem(['vlans', 'config', i, 'id'], 'VLAN 1 is the default VLAN and cannot be deleted')
        else t.vlans.delete(v.id)
      })
      break
  }
}

function membersOf(lag: DesiredLag): Array<{ interface: string; mode: LagMode }> {
  return (lag.members ?? []).map((m) => (typeof m === 'string' ? { interface: m, mode: lag.mode ?? 'active' } : m))
}

function targetLags(doc: DesiredState, current: EosDeviceState, t: EosDeviceState, ctx: TargetContext, problem: Report): void {
  const section = doc.lags
  if (!section) return
  const items = section.config ?? []
  duplicates(items, (l) => `Port-Channel${l.id}`, 'lags', 'port-channel', problem)
  const owner = new Map<string, number>()
  items.forEach((lag, i) => {
    membersOf(lag).forEach((m, j) => {
      const path = ['lags', 'config', i, 'members', j]
      if (interfaceKind(m.interface) !== 'ethernet') problem(path, `${m.interface}: only Ethernet ports can be port-channel members`)
      else if (!ctx.assumePortsExist && !current.interfaces.has(m.interface)) problem(path, `${m.interface}: the device has no such port`)
      const other = owner.get(m.interface)
      if (other !== undefined && other !== lag.id) problem(path, `${m.interface} is listed in two port-channels: Port-Channel${other} and Port-Channel${lag.id}`)
      owner.set(m.interface, lag.id)
    })
  })
  const place = (lag: DesiredLag, i: number, exact: boolean) => {
    const existing = t.lags.get(lag.id)
    const members = membersOf(lag)
    if (!existing && members.length === 0) problem(['lags', 'config', i, 'members'], `Port-Channel${lag.id} does not exist: give at least one member to create it`)
    const entry: LagEntry = exact || !existing ? { members: new Map(), minLinks: 0 } : { members: new Map(existing.members), minLinks: existing.minLinks }
    for (const m of members) {
      for (const [id, other] of t.lags) if (id !== lag.id) other.members.delete(m.interface)
      entry.members.set(m.interface, m.mode)
    }
    entry.members = sortedMap(entry.members, compareInterfaceNames)
    if (lag.minLinks !== undefined) entry.minLinks = lag.minLinks
    t.lags.set(lag.id, entry)
  }
  switch (section.state) {
    case 'merged':
      items.forEach((l, i) => place(l, i, false))
      break
    case 'replaced':
      items.forEach((l, i) => place(l, i, true))
      break
    case 'overridden': {
      const listed = new Set(items.map((l) => l.id))
      for (const id of [...t.lags.keys()]) if (!listed.has(id)) t.lags.delete(id)
      items.forEach((l, i) => place(l, i, true))
      break
    }
    case 'deleted':
      if (section.config === undefined) t.lags.clear()
      for (const l of items) t.lags.delete(l.id)
      break
  }
  for (const id of t.lags.keys()) if (!t.interfaces.has(`Port-Channel${id}`)) t.interfaces.set(`Port-Channel${id}`, defaultInterface(`Port-Channel${id}`))
  for (const name of [...t.interfaces.keys()]) {
    const m = /^Port-Channel(\d+)$/.exec(name)
    if (m && !t.lags.has(Number(m[1]))) t.interfaces.delete(name)
  }
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])]
}

/**
 * Applies a document item's settings to an interface entry. With `merge`, lists are added to, as Ansible's `merged`
 * does: address lists (secondary IPv4, IPv6), and a list of allowed VLANs on a port that already was a trunk (EOS:
 * `switchport trunk allowed vlan add`); `all` and `none` are set as given, like every other field.
 */
function withSettings(base: InterfaceEntry, item: DesiredInterface, merge: boolean): InterfaceEntry {
  const e: InterfaceEntry = { ...base, ipv4: base.ipv4 ? { primary: base.ipv4.primary, secondary: [...base.ipv4.secondary] } : null, ipv6: [...base.ipv6] }
  if (item.description !== undefined) e.description = item.description
  if (item.enabled !== undefined) e.enabled = item.enabled
  if (item.mode !== undefined) e.mode = item.mode
  if (item.accessVlan !== undefined) e.accessVlan = item.accessVlan
  if (item.nativeVlan !== undefined) e.nativeVlan = item.nativeVlan
  if (item.allowedVlans !== undefined) {
    const given = item.allowedVlans
    const ids = given === 'all' ? null : given === 'none' ? [] : Array.isArray(given) ? given : parseVlanRanges(given)
    const addTo = merge && given !== 'none' && ids !== null && base.mode === 'trunk' && base.allowedVlans !== 'none' ? base.allowedVlans : undefined
    if (ids === null || addTo === ALL_VLANS) e.allowedVlans = ALL_VLANS
    else if (addTo !== undefined) e.allowedVlans = formatVlanRanges([...new Set([...parseVlanRanges(addTo), ...ids])])
    else e.allowedVlans = ids.length === 0 ? 'none' : formatVlanRanges(ids)
  }
  if (item.vrf !== undefined) e.vrf = item.vrf
  if (item.ipv4 !== undefined) {
    const v = item.ipv4
    if (v === null) e.ipv4 = null
    else {
      const primary = typeof v === 'string' ? v : v.primary
      const secondary = typeof v === 'string' ? [] : (v.secondary ?? [])
      e.ipv4 = { primary, secondary: merge && e.ipv4 ? union(e.ipv4.secondary, secondary) : [...secondary] }
    }
  }
  if (item.ipv6 !== undefined) e.ipv6 = merge ? union(e.ipv6, item.ipv6) : [...item.ipv6]
  return e
}

function targetInterfaces(doc: DesiredState, t: EosDeviceState, ctx: TargetContext, problem: Report): void {
  const section = doc.interfaces
  if (!section) return
  const items = section.config ?? []
  duplicates(items, (i) => i.name, 'interfaces', 'interface', problem)
  const listed = new Set(items.map((i) => i.name))
  const guarded = (name: string) => ctx.protectedInterfaces.has(name) && !ctx.allowProtected
  const reset = (name: string) => {
    if (isPhysical(name) || interfaceKind(name) === 'port-channel') t.interfaces.set(name, defaultInterface(name))
    else t.interfaces.delete(name)
  }
  const exists = (name: string) => t.interfaces.has(name) || (isPhysical(name) && ctx.assumePortsExist)

  items.forEach((item, i) => {
    const path = ['interfaces', 'config', i]
    const kind = interfaceKind(item.name)
    if (kind === 'other') return problem([...path, 'name'], `${item.name}: switchyard does not manage this kind of interface in desired state`)
    if (isPhysical(item.name) && !exists(item.name)) return problem([...path, 'name'], `${item.name}: the device has no such port`)
    if (kind === 'port-channel' && !t.interfaces.has(item.name)) {
      return problem([...path, 'name'], `${item.name} does not exist and the lags section does not create it`)
    }
    if (section.state === 'deleted') {
      if (guarded(item.name) && !isDefaultLike(t, item.name)) return problem([...path, 'name'], protectedMessage(item.name, 'deleted'))
      reset(item.name)
      return
    }
    const base = section.state === 'merged' ? (t.interfaces.get(item.name) ?? defaultInterface(item.name)) : defaultInterface(item.name)
    const next = withSettings(base, item, section.state === 'merged')
    const switchport = next.mode === 'access' || next.mode === 'trunk'
    const l3Given = item.vrf !== undefined || (item.ipv4 !== undefined && item.ipv4 !== null) || (item.ipv6 !== undefined && item.ipv6.length > 0)
    const l2Given = item.accessVlan !== undefined || item.nativeVlan !== undefined || item.allowedVlans !== undefined
    if (switchport && l3Given) return problem([...path, 'mode'], `${item.name} is a switchport (${next.mode}): addresses and VRF need mode: routed`)
    if (next.mode === 'routed' && l2Given) return problem([...path, 'mode'], `${item.name} is routed: VLAN settings need mode access or trunk`)
    const before = t.interfaces.get(item.name)
    if (guarded(item.name) && section.state === 'overridden' && (!before || !sameInterface(before, next))) {
      return problem([...path, 'name'], protectedMessage(item.name, 'overridden'))
    }
    t.interfaces.set(item.name, canonicalInterface(next))
  })
  if (section.state === 'overridden' || (section.state === 'deleted' && section.config === undefined)) {
    for (const name of [...t.interfaces.keys()]) if (!listed.has(name) && !guarded(name)) reset(name)
  }
}

function isDefaultLike(t: EosDeviceState, name: string): boolean {
  const e = t.interfaces.get(name)
  return e !== undefined && sameInterface(e, defaultInterface(name))
}

function protectedMessage(name: string, state: string): string {
  return `${name} is protected (a management interface or the one this connection runs through): ${state} leaves it as it is; pass allowProtected: true to change it`
}

function serverKey(s: { address: string; vrf?: string | undefined }): string {
  return `${s.address}|${s.vrf ?? ''}`
}

function mergeServers<T extends { address: string; vrf?: string | undefined }>(current: readonly T[], given: readonly T[]): T[] {
  const out = new Map(current.map((s) => [serverKey(s), s]))
  for (const s of given) out.set(serverKey(s), s)
  return [...out.values()]
}

function targetRelay(doc: DesiredState, t: EosDeviceState, problem: Report): void {
  const section = doc.dhcpRelay
  if (section) {
    const c = section.config ?? {}
    const items = c.interfaces ?? []
    duplicates(items, (i) => i.name, 'dhcpRelay', 'interface', problem)
    const v4 = (list: (typeof items)[number]['servers']): DhcpServer[] | undefined => list?.map((s) => (typeof s === 'string' ? { address: s } : s))
    const v6 = (list: (typeof items)[number]['servers6']): Dhcp6Server[] | undefined => list?.map((s) => (typeof s === 'string' ? { address: s } : s))
    const setList = <T>(map: Map<string, T[]>, name: string, list: T[]) => (list.length > 0 ? map.set(name, list) : map.delete(name))
    switch (section.state) {
      case 'merged':
        if (c.option82 !== undefined) t.relay.option82 = c.option82
        if (c.servers) t.relay.servers = union(t.relay.servers, c.servers)
        for (const r of items) {
          const s4 = v4(r.servers)
          const s6 = v6(r.servers6)
          if (s4) setList(t.relay.v4, r.name, mergeServers(t.relay.v4.get(r.name) ?? [], s4))
          if (s6) setList(t.relay.v6, r.name, mergeServers(t.relay.v6.get(r.name) ?? [], s6))
        }
        break
      case 'replaced':
      case 'overridden':
        t.relay.option82 = c.option82 ?? false
        t.relay.servers = [...(c.servers ?? [])]
        if (section.state === 'overridden') {
          t.relay.v4.clear()
          t.relay.v6.clear()
        }
        for (const r of items) {
          setList(t.relay.v4, r.name, v4(r.servers) ?? [])
          setList(t.relay.v6, r.name, v6(r.servers6) ?? [])
        }
        break
      case 'deleted':
        if (section.config === undefined) {
          t.relay = { option82: false, servers: [], v4: new Map(), v6: new Map() }
          break
        }
        if (c.option82 !== undefined) t.relay.option82 = false
        if (c.servers) t.relay.servers = t.relay.servers.filter((s) => !(c.servers ?? []).includes(s))
        for (const r of items) {
          t.relay.v4.delete(r.name)
          t.relay.v6.delete(r.name)
        }
        break
    }
    items.forEach((r, i) => {
      const iface = t.interfaces.get(r.name)
      const path = ['dhcpRelay', 'config', 'interfaces', i, 'name']
      if ((t.relay.v4.get(r.name) ?? []).length > 0 && (iface === undefined || iface.ipv4 === null)) {
        problem(path, `${r.name} relays DHCP but has no IPv4 address${iface === undefined ? ' (the interface does not exist)' : ''}: give it one in the interfaces section`)
      } else if ((t.relay.v6.get(r.name) ?? []).length > 0 && (iface === undefined || iface.mode === 'access' || iface.mode === 'trunk')) {
        problem(path, `${r.name} relays DHCPv6 but is ${iface === undefined ? 'not on the device' : 'a switchport'}: it needs to be routed`)
      }
    })
  }
  for (const map of [t.relay.v4, t.relay.v6] as Array<Map<string, unknown[]>>) {
    for (const name of [...map.keys()]) {
      const iface = t.interfaces.get(name)
      if (!iface || iface.mode === 'access' || iface.mode === 'trunk') map.delete(name)
    }
  }
  t.relay.v4 = sortedMap(t.relay.v4, compareInterfaceNames)
  t.relay.v6 = sortedMap(t.relay.v6, compareInterfaceNames)
}

/** An access port's VLAN must exist: checked for the interfaces the document lists and for VLANs it removes. */
function checkAccessVlans(doc: DesiredState, current: EosDeviceState, t: EosDeviceState, problem: Report): void {
  const listed = new Map((doc.interfaces?.config ?? []).map((item, i) => [item.name, i]))
  for (const [name, e] of t.interfaces) {
    if (e.mode !== 'access' || t.vlans.has(e.accessVlan)) continue
    const i = listed.get(name)
    if (i !== undefined && doc.interfaces?.state !== 'deleted') {
      problem(['interfaces', 'config', i, 'accessVlan'], `${name}: access VLAN ${e.accessVlan} neither exists on the device nor is created by the vlans section`)
    } else if (current.vlans.has(e.accessVlan)) {
      problem(['vlans'], `VLAN ${e.accessVlan} would be deleted while ${name} still uses it as its access VLAN`)
    }
  }
}
