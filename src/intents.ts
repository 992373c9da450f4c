import type { Change, InterfaceSettings } from './changes.js'
import type { LagMode } from './model/lag.js'
import type { DhcpServer } from './model/dhcp-relay.js'
import type { VlanState } from './model/vlan.js'

/**
 * A validated change as the user asked for it, before it is checked against the device's state and resolved into a
 * {@link Change}. Fields the device must supply (a new member's mode, a deleted LAG's members, the global servers to
 * remove) are still open here.
 */
export type Intent =
  | { kind: 'vlan.create'; id: number; name?: string; state?: VlanState }
  | { kind: 'vlan.update'; id: number; name?: string; state?: VlanState }
  | { kind: 'vlan.delete'; id: number }
  | { kind: 'interface.configure'; interface: string; settings: InterfaceSettings }
  | { kind: 'lag.create'; id: number; members: string[]; mode: LagMode; minLinks?: number }
  | { kind: 'lag.update'; id: number; minLinks: number }
  | { kind: 'lag.addMember'; id: number; interface: string; mode?: LagMode }
  | { kind: 'lag.removeMember'; id: number; interface: string }
  | { kind: 'lag.delete'; id: number }
  | { kind: 'dhcpRelay.set'; interface: string; servers: DhcpServer[] }
  | { kind: 'dhcpRelay.clear'; interface: string }
  | { kind: 'dhcpRelay.setGlobal'; servers?: string[]; option82?: boolean }

/** The intents whose resolution needs no device state are already changes. */
export type IntentKind = Intent['kind']

/** Narrowing helper: the Change with the same kind as an Intent. */
export type ChangeOf<K extends IntentKind> = Extract<Change, { kind: K }>
