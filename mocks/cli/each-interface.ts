import { NO_OUTPUT } from './command-grammar.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'
import type { DeviceConfig, InterfaceConfig } from '../device-config.js'

type S = CliSession

/**
 * Applies `edit` to every interface of the current `interface …` mode (a range edits each), in the configuration
 * being changed. Shared by the interface command tables.
 */
export function eachInterface(s: S, edit: (iface: InterfaceConfig, name: string, config: DeviceConfig) => void): typeof NO_OUTPUT {
  if (s.mode.kind !== 'if') throw new CliError('Not in interface configuration mode', 1000)
  const config = s.target()
  for (const name of s.mode.names) {
    const iface = config.interfaces[name]
    if (!iface) throw new CliError(`Interface ${name} does not exist`, 1000)
    edit(iface, name, config)
  }
  return NO_OUTPUT
}
