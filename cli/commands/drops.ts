import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard drops`: discards per interface and drops per queue of every selected host. */
export function registerDropsCommand(program: Command): void {
  registerReadCommand(program, {
    name: 'drops',
    description: 'discards per interface, and drops per queue where the platform counts them',
    read: (sw, _host, signal) => sw.counters.drops({ signal }),
    rows: (d) => [
      ...d.interfaces.map((i) => ({ interface: i.interface, queue: '-', inDiscards: i.inDiscards, outDiscards: i.outDiscards })),
      ...d.queues.map((q) => ({ interface: q.interface, queue: `${q.direction} tc${q.trafficClass}`, droppedPackets: q.droppedPackets, droppedBytes: q.droppedBytes })),
    ],
  })
}
