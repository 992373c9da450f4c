import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard vlans`: the VLANs of every selected host. */
export function registerVlansCommand(program: Command): void {
  registerReadCommand(program, {
    name: 'vlans',
    description: 'VLANs of each host (id, name, state, interfaces)',
    read: (sw, _host, signal) => sw.vlans.list({ signal }),
    rows: (vlans) => vlans.map((v) => ({ id: v.id, name: v.name, state: v.state, interfaces: v.interfaces })),
  })
}
