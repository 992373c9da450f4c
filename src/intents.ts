import type { Change } from './changes.js'
import type { LagMode } from './model/lag.js'

/** The change kinds whose final form needs facts from the device. */
type ResolvedFromDevice = 'lag.addMember' | 'lag.delete' | 'dhcpRelay.setGlobal'

/**
 * A validated change as the user asked for it, before it is checked against the device's state and resolved into a
 * {@link Change}. It equals the Change except where the device must supply a fact: a new member's mode (that of the
 * existing members), a deleted port-channel's members, and the global servers to add and remove.
 */
export type Intent =
  | Exclude<Change, { kind: ResolvedFromDevice }>
  | { kind: 'lag.addMember'; id: number; interface: string; mode?: LagMode }
  | { kind: 'lag.delete'; id: number }
  | { kind: 'dhcpRelay.setGlobal'; servers?: string[]; option82?: boolean }
