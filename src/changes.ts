import type { VlanState } from './model/vlan.js'
import type { LagMode } from './model/lag.js'
import type { SwitchportMode } from './model/interface.js'
import type { Dhcp6Server, DhcpServer } from './model/dhcp-relay.js'
import type { Timesource, TsClockSource } from './model/metawatch.js'
import type { LanzThresholds } from './model/buffers.js'

/** A trunk's allowed VLANs, in the resolved form drivers render. */
export type AllowedVlansSetting = 'all' | 'none' | { replace: number[] } | { add: number[] } | { remove: number[] }

/** Interface settings of an `interface.configure` change, all validated and optional. */
export interface InterfaceSettings {
  description?: string
  enabled?: boolean
  mode?: SwitchportMode
  accessVlan?: number
  nativeVlan?: number
  allowedVlans?: AllowedVlansSetting
}

/**
 * Layer-3 settings of an `l3.configure` change, validated and canonical. A given field replaces what the interface
 * has; `null` removes it (`vrf: null`: the default VRF).
 */
export interface L3Settings {
  vrf?: string | null
  ipv4?: { primary: string; secondary: string[] } | null
  ipv6?: string[] | null
}

/**
 * One validated, resolved change: what the facade hands to a driver. Interface names are canonical and every fact a
 * renderer needs (the members of a port-channel being deleted, the mode of a new member) is filled in.
 */
export type Change =
  | { kind: 'vlan.create'; id: number; name?: string; state?: VlanState }
  | { kind: 'vlan.update'; id: number; name?: string; state?: VlanState }
  | { kind: 'vlan.delete'; id: number }
  | { kind: 'interface.configure'; interface: string; settings: InterfaceSettings }
  | { kind: 'lag.create'; id: number; members: string[]; mode: LagMode; minLinks?: number }
  | { kind: 'lag.update'; id: number; minLinks: number }
  | { kind: 'lag.addMember'; id: number; interface: string; mode: LagMode }
  | { kind: 'lag.removeMember'; id: number; interface: string }
  | { kind: 'lag.delete'; id: number; members: string[] }
  | { kind: 'dhcpRelay.set'; interface: string; servers: DhcpServer[] }
  | { kind: 'dhcpRelay.clear'; interface: string }
  | { kind: 'dhcpRelay.setGlobal'; addServers: string[]; removeServers: string[]; option82?: boolean }
  | { kind: 'l1.setSource'; output: string; source: string }
  | { kind: 'l1.clearSource'; output: string }
  | { kind: 'metawatch.enabled'; enabled: boolean }
  | { kind: 'metawatch.timesource'; timesource?: Timesource; tsClockSource?: TsClockSource; restart: boolean }
  /** Configuration lines as the user wrote them (indentation marks blocks), sent as they are inside the session. */
  | { kind: 'raw.lines'; lines: string[] }
  /** The whole configuration replaced by these lines (EOS: `rollback clean-config` first, in the session). */
  | { kind: 'config.replace'; lines: string[] }
  /** Addresses and VRF of a routed interface; `removeIpv6` holds the IPv6 addresses it has now that must go. */
  | { kind: 'l3.configure'; interface: string; settings: L3Settings; removeIpv6: string[] }
  /** DHCPv6 relay destinations of an interface, replacing `remove` (what it has now). */
  | { kind: 'dhcpRelay.setV6'; interface: string; servers: Dhcp6Server[]; remove: Dhcp6Server[] }
  | { kind: 'dhcpRelay.clearV6'; interface: string; remove: Dhcp6Server[] }
  /** LANZ on/off, thresholds per port (set or cleared) and, where given, the default thresholds (`null`: the platform's). */
  | { kind: 'lanz.configure'; enabled?: boolean; defaultThresholds?: { high: number; low: number } | null; thresholds: LanzThresholds[]; clearThresholds: string[] }

/** Every change kind. */
export type ChangeKind = Change['kind']
