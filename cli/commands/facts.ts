import type { Command } from 'commander'
import { registerReadCommand } from '../read-command.js'

/** Adds `switchyard facts`: hostname, model, OS version, serial number and platform of every selected host. */
export function registerFactsCommand(program: Command): void {
  registerReadCommand(program, {
    name: 'facts',
    description: 'hostname, model, OS version, serial number and platform of each host',
    read: (sw, _host, signal) => sw.facts({ signal }),
    rows: (f) => [{ hostname: f.hostname, model: f.model, osVersion: f.osVersion, serialNumber: f.serialNumber, platform: f.platform }],
  })
}
