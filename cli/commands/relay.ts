import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard relay`: DHCP relay settings of every selected host. */
export function registerRelayCommand(program: Command): void {
  registerReadCommand(program, {
    name: 'relay',
    description: 'DHCP / PXE relay of each host: servers per interface (and the global servers)',
    read: (sw, _host, signal) => sw.dhcpRelay.get({ signal }),
    rows: (r) => [
      ...(r.globalServers.length > 0 ? [{ interface: '(global)', servers: r.globalServers, option82: r.option82 }] : []),
      ...r.interfaces.map((i) => ({ interface: i.interface, servers: i.servers.map((s) => (s.vrf ? `${s.address}%${s.vrf}` : s.address)), option82: r.option82 })),
    ],
  })
}
