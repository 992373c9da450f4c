import type { Change, L3Settings } from './changes.js'
import type { LagMode } from './model/lag.js'
import type { Dhcp6Server } from './model/dhcp-relay.js'
import type { Timesource, TsClockSource } from './model/metawatch.js'

/** The change kinds whose final form needs facts from the device. */
type ResolvedFromDevice =
  | 'lag.addMember'
  | 'lag.delete'
  | 'dhcpRelay.setGlobal'
  | 'l1.setSource'
  | 'metawatch.timesource'
  | 'l3.configure'
  | 'dhcpRelay.setV6'
  | 'dhcpRelay.clearV6'

/** The public API an L1 change came through, so a refusal names it. */
export type L1Api = 'l1' | 'taps' | 'metawatch'

/**
 * A validated change as the user asked for it, before it is checked against the device's state and resolved into a
 * {@link Change}. It equals the Change except where the device must supply a fact: a new member's mode (that of the
 * existing members), a deleted port-channel's members, the global servers to add and remove, the outputs a tap
 * feeds, and whether MetaWatch runs (a timesource change must shut it down first).
 */
export type Intent =
  | Exclude<Change, { kind: ResolvedFromDevice }>
  | { kind: 'lag.addMember'; id: number; interface: string; mode?: LagMode }
  | { kind: 'lag.delete'; id: number }
  | { kind: 'dhcpRelay.setGlobal'; servers?: string[]; option82?: boolean }
  | { kind: 'l1.setSource'; output: string; source: string; api: L1Api; exclusive: boolean }
  | { kind: 'taps.remove'; source: string; outputs?: string[] }
  | { kind: 'metawatch.timesource'; timesource?: Timesource; tsClockSource?: TsClockSource }
  | { kind: 'metawatch.aggregate'; core: number; inputs: string[]; deliverTo: string[] }
  | { kind: 'l3.configure'; interface: string; settings: L3Settings }
  | { kind: 'dhcpRelay.setV6'; interface: string; servers: Dhcp6Server[] }
  | { kind: 'dhcpRelay.clearV6'; interface: string }
