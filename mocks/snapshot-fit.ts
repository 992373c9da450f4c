import { compareInterfaceNames } from '../src/interface-names.js'
import type { DeviceConfig } from './device-config.js'

/** What a snapshot must match to be restored on a device: its hostname, platform and front-panel ports. */
export interface SnapshotTarget {
  hostname: string
  platform: 'eos' | 'mos'
  /** The hardware profile (`veos`, `7280r`, `7050x`, `7130-48l`). */
  profile: string
  /** The device's front-panel ports (`Ethernet1`… on EOS, `et1`… on a 7130). */
  frontPanelPorts: readonly string[]
}

/** The snapshot fields the check reads (a {@link MockSwitchState}'s). */
export interface SnapshotShape {
  hostname: string
  /** Absent in snapshots taken before the mock recorded it. */
  profile?: string
  running: DeviceConfig
}

/**
 * A snapshot that cannot be restored on this device (another device's, another platform's, another port count):
 * restoring it would break the device, so the restore is refused and the device left as it was.
 */
export class SnapshotMismatchError extends Error {
  override readonly name = 'SnapshotMismatchError'
}

const platformName = (p: 'eos' | 'mos') => (p === 'mos' ? 'a 7130 (MOS)' : 'an EOS switch')

/** The front-panel ports a configuration holds, in port order. */
export function frontPanelPortsOf(config: DeviceConfig): string[] {
  const names = config.mos ? Object.keys(config.mos.ports).filter((p) => /^et\d+$/.test(p)) : Object.keys(config.interfaces).filter((p) => /^Ethernet\d+$/.test(p))
  return names.sort(compareInterfaceNames)
}

function describePorts(ports: readonly string[]): string {
  if (ports.length === 0) return 'no front-panel ports'
  return `${ports.length} front-panel port${ports.length === 1 ? '' : 's'} (${ports[0]}${ports.length > 1 ? `…${ports.at(-1)}` : ''})`
}

/** Why `state` cannot be restored on `target`, or `undefined` when it fits. */
export function snapshotMismatch(target: SnapshotTarget, state: SnapshotShape): string | undefined {
  if (state.hostname !== target.hostname) return `it is of ${state.hostname}, not of ${target.hostname}`
  const platform = state.running.mos ? 'mos' : 'eos'
  if (platform !== target.platform) return `it is of ${platformName(platform)}, ${target.hostname} is ${platformName(target.platform)}`
  // Another profile has other features (LANZ, queue counters): its configuration may hold lines this one refuses.
  if (state.profile !== undefined && state.profile !== target.profile) return `it is of a ${state.profile}, ${target.hostname} is a ${target.profile}`
  const theirs = frontPanelPortsOf(state.running)
  const ours = new Set(target.frontPanelPorts)
  const missing = target.frontPanelPorts.filter((p) => !theirs.includes(p))
  const extra = theirs.filter((p) => !ours.has(p))
  if (missing.length > 0 || extra.length > 0) {
    return `it has ${describePorts(theirs)}, ${target.hostname} has ${describePorts(target.frontPanelPorts)}`
  }
  return undefined
}

/** Throws a {@link SnapshotMismatchError} when `state` cannot be restored on `target`. */
export function checkSnapshotFits(target: SnapshotTarget, state: SnapshotShape): void {
  const problem = snapshotMismatch(target, state)
  if (problem !== undefined) throw new SnapshotMismatchError(problem)
}
