import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard lags`: the port-channels of every selected host. */
export function registerLagsCommand(program: Command): void {
  registerReadCommand(program, {
    name: 'lags',
    description: 'port-channels of each host with their members (interface:mode:status)',
    read: (sw, _host, signal) => sw.lags.list({ signal }),
    rows: (lags) => lags.map((l) => ({ name: l.name, minLinks: l.minLinks, members: l.members.map((m) => `${m.interface}:${m.mode}:${m.status}`) })),
  })
}
