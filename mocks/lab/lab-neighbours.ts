import type { MockSwitch } from '../mock-switch.js'
import type { LldpNeighbor } from '../show/show-lldp.js'
import type { LabSpec } from './lab-spec.js'

/** A device's neighbour on one of its ports, as LLDP reports it (`port`, `neighborDevice`, `neighborPort`). */
export type LabNeighbour = Required<Pick<LldpNeighbor, 'port' | 'neighborDevice' | 'neighborPort'>>

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

/** Gives a device its LLDP neighbours from the lab's links (`show lldp neighbors`; a port whose link is down shows none). */
export function applyNeighbours(device: MockSwitch, neighbours: readonly LabNeighbour[]): void {
  device.setLldpNeighbors(neighbours.map((n) => ({ ...n })))
}
