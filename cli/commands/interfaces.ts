import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard interfaces`: the interfaces of every selected host. */
export function registerInterfacesCommand(program: Command): void {
  registerReadCommand(program, {
    name: 'interfaces',
    description: 'interfaces of each host (state, speed, switchport mode and VLANs, LAG)',
    read: (sw, _host, signal) => sw.interfaces.list({ signal }),
    rows: (list) =>
      list.map((i) => ({
        name: i.name,
        description: i.description,
        enabled: i.enabled,
        operStatus: i.operStatus,
        speedMbps: i.speedMbps,
        mode: i.mode,
        accessVlan: i.accessVlan,
        allowedVlans: i.allowedVlans,
        lag: i.lag,
      })),
  })
}
