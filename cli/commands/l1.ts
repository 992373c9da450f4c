import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard l1`: the L1 crosspoint ports of every selected 7130 host. */
export function registerL1Command(program: Command): void {
  registerReadCommand(program, {
    name: 'l1',
    description: '7130: L1 ports with their source, link state and speed',
    read: (sw, _host, signal) => sw.l1.list({ signal }),
    rows: (ports) => ports.map((p) => ({ ...p })),
  })
}
