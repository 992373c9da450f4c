import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard counters`: interface counters of every selected host. */
export function registerCountersCommand(program: Command): void {
  registerReadCommand(program, {
    name: 'counters',
    description: 'interface counters of each host (octets, discards, errors; 64-bit, printed in full)',
    read: (sw, _host, signal) => sw.counters.interfaces({ signal }),
    rows: (list) =>
      list.map((c) => ({
        interface: c.interface,
        inOctets: c.inOctets,
        outOctets: c.outOctets,
        inDiscards: c.inDiscards,
        outDiscards: c.outDiscards,
        inErrors: c.inErrors,
        outErrors: c.outErrors,
      })),
  })
}
