import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard taps`: the taps (a source copied to outputs) of every selected 7130 host. */
export function registerTapsCommand(program: Command): void {
  registerReadCommand(program, {
    name: 'taps',
    description: '7130: each tapped source with the outputs copying it',
    read: (sw, _host, signal) => sw.taps.list({ signal }),
    rows: (taps) => taps.map((t) => ({ source: t.source, outputs: t.outputs })),
  })
}
