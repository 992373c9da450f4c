import type { MockSwitch } from '../mock-switch.js'
import type { LabSpec } from './lab-spec.js'

/** A device's neighbour on one of its ports, as LLDP would report it. */
export interface LabNeighbour {
  /** The local port. */
  port: string
  /** The hostname of the device at the other end. */
  neighborDevice: string
  /** Its port. */
  neighborPort: string
}

/** Every device's neighbours from a lab's links, by hostname (each link seen from both ends), ports in order. */
export function neighboursFromLinks(spec: LabSpec): Map<string, LabNeighbour[]> {
  const out = new Map<string, LabNeighbour[]>(spec.devices.map((d) => [d.hostname, []]))
  for (const [a, b] of spec.links) {
    out.get(a.device)?.push({ port: a.port, neighborDevice: b.device, neighborPort: b.port })
    out.get(b.device)?.push({ port: b.port, neighborDevice: a.device, neighborPort: a.port })
  }
  for (const list of out.values()) list.sort((x, y) => x.port.localeCompare(y.port, 'en', { numeric: true }))
  return out
}

/**
 * Gives a device its LLDP neighbours (`show lldp neighbors`). The mock's LLDP tables come with the EOS-fidelity work
 * (issue 10, part A); until its setter is on main the lab keeps the list itself (see `MockLab.neighbours`) and this
 * is the one place to wire it.
 */
export function applyNeighbours(_device: MockSwitch, _neighbours: readonly LabNeighbour[]): void {
  // Wired to the device's neighbour setter once the fidelity branch lands.
}
