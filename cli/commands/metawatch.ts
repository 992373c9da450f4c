import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard metawatch`: the MetaWatch app of every selected 7130 host. */
export function registerMetawatchCommand(program: Command): void {
  registerReadCommand(program, {
    name: 'metawatch',
    description: '7130: MetaWatch app state, timesource and aggregation cores',
    read: (sw, _host, signal) => sw.metawatch.get({ signal }),
    rows: (m) => [Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Array.isArray(v) ? `${v.length} item(s)` : v]))],
  })
}
