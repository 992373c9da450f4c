import type { Change, InterfaceSettings } from './changes.js'
import type { Interface } from './model/interface.js'
import type { Lag } from './model/lag.js'
import type { Vlan } from './model/vlan.js'
import type { DhcpRelay } from './model/dhcp-relay.js'
import type { L1Port } from './model/l1.js'
import type { Metawatch } from './model/metawatch.js'

/** What the planner read of the device, for telling which changes would change nothing. */
export interface DeviceSnapshot {
  interfaces?: Interface[] | undefined
  vlans?: Vlan[] | undefined
  lags?: Lag[] | undefined
  dhcpRelay?: DhcpRelay | undefined
  l1Ports?: L1Port[] | undefined
  metawatch?: Metawatch | undefined
}

/** The object a change acts on, so that a later change to the same object is never judged against stale state. */
function keyOf(change: Change): string {
  switch (change.kind) {
    case 'vlan.create':
    case 'vlan.update':
    case 'vlan.delete':
      return `vlan:${change.id}`
    case 'interface.configure':
    case 'dhcpRelay.set':
    case 'dhcpRelay.clear':
      return `if:${change.interface}`
    case 'lag.addMember':
    case 'lag.removeMember':
      return `if:${change.interface}`
    case 'l1.setSource':
    case 'l1.clearSource':
      return `l1:${change.output}`
    default:
      return change.kind.startsWith('lag.') ? `lag:${(change as { id: number }).id}` : change.kind
  }
}

function settingsHeld(s: InterfaceSettings, i: Interface): boolean {
  if (s.description !== undefined && s.description !== i.description) return false
  if (s.enabled !== undefined && s.enabled !== i.enabled) return false
  if (s.mode !== undefined && s.mode !== i.mode) return false
  if (s.accessVlan !== undefined && s.accessVlan !== i.accessVlan) return false
  if (s.nativeVlan !== undefined && s.nativeVlan !== i.nativeVlan) return false
  const allowed = s.allowedVlans
  if (allowed === undefined) return true
  if (i.mode !== 'trunk') return false
  const current = new Set(i.allowedVlans)
  if (allowed === 'all') return current.size === 4094
  if (allowed === 'none') return current.size === 0
  if ('replace' in allowed) return allowed.replace.length === current.size && allowed.replace.every((v) => current.has(v))
  if ('add' in allowed) return allowed.add.every((v) => current.has(v))
  return allowed.remove.every((v) => !current.has(v))
}

function sameServers(a: ReadonlyArray<{ address: string; vrf?: string | undefined; sourceInterface?: string | undefined }>, b: typeof a): boolean {
  const key = (s: (typeof a)[number]) => `${s.address}|${s.vrf ?? ''}|${s.sourceInterface ?? ''}`
  const bs = new Set(b.map(key))
  return a.length === b.length && a.every((s) => bs.has(key(s)))
}

/** True when the device already is as `change` would make it, judged on what was read. */
function alreadyHeld(change: Change, snapshot: DeviceSnapshot): boolean {
  switch (change.kind) {
    case 'vlan.update': {
      const vlan = snapshot.vlans?.find((v) => v.id === change.id)
      return vlan !== undefined && (change.name === undefined || change.name === vlan.name) && (change.state === undefined || change.state === vlan.state)
    }
    case 'interface.configure': {
      const iface = snapshot.interfaces?.find((i) => i.name === change.interface)
      return iface !== undefined && settingsHeld(change.settings, iface)
    }
    case 'lag.update': {
      const lag = snapshot.lags?.find((l) => l.id === change.id)
      return lag !== undefined && lag.minLinks === change.minLinks
    }
    case 'dhcpRelay.set': {
      const relay = snapshot.dhcpRelay?.interfaces.find((r) => r.interface === change.interface)
      return relay !== undefined && sameServers(change.servers, relay.servers)
    }
    case 'dhcpRelay.clear': {
      const relay = snapshot.dhcpRelay
      return relay !== undefined && !relay.interfaces.some((r) => r.interface === change.interface && r.servers.length > 0)
    }
    case 'dhcpRelay.setGlobal':
      return change.addServers.length === 0 && change.removeServers.length === 0 && (change.option82 === undefined || change.option82 === snapshot.dhcpRelay?.option82)
    case 'l1.setSource':
      return snapshot.l1Ports?.find((p) => p.name === change.output)?.source === change.source
    case 'l1.clearSource': {
      const port = snapshot.l1Ports?.find((p) => p.name === change.output)
      return port !== undefined && port.source === null
    }
    case 'metawatch.enabled':
      return snapshot.metawatch !== undefined && snapshot.metawatch.enabled === change.enabled
    default:
      return false
  }
}

/**
 * Drops the changes that would change nothing on the device (a rename to the current name, a port set to what it
 * has), judged on the state the planner read. A change is judged only when no earlier change of the same
 * transaction touched the same object. What remains goes to the device; when nothing remains, no session is opened.
 */
export function dropNoOps(changes: readonly Change[], snapshot: DeviceSnapshot): Change[] {
  const touched = new Set<string>()
  const kept: Change[] = []
  for (const change of changes) {
    const key = keyOf(change)
    if (!touched.has(key) && alreadyHeld(change, snapshot)) continue
    touched.add(key)
    kept.push(change)
  }
  return kept
}
