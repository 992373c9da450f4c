import { command, NO_OUTPUT, type CommandArgs, type CommandSpec } from './command-grammar.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'
import { eachInterface } from './each-interface.js'
import { showHardwareCounterDrop, showQueueMonitorLength, showQueueMonitorStatus } from '../show/show-buffers.js'

type S = CliSession

const UNSUPPORTED_PLATFORM = 'Unavailable command (not supported on this hardware platform)'

function requireLanz(s: S, token: number, word: string): void {
  if (!s.host.profile.lanz) throw new CliError(`${UNSUPPORTED_PLATFORM} (at token ${token}: '${word}')`)
}

function thresholds(a: CommandArgs, firstToken: number): { high: number; low: number } {
  const high = a.high as number
  const low = a.low as number
  if (high < 1) throw new CliError(`Invalid input (at token ${firstToken}: '${high}')`)
  if (low < 1 || low > high) throw new CliError(`Invalid input (at token ${firstToken + 1}: '${low}')`)
  return { high, low }
}

function lanzEnabled(s: S): boolean {
  return s.host.running.queueMonitor?.enabled ?? false
}

/**
 * LANZ and hardware drop show commands. Platforms without them answer EOS's unsupported-platform error (the text
 * ANTA records for `show hardware counter drop`; for LANZ the same form, pointing at `queue-monitor`).
 */
export const LANZ_SHOW_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('show queue-monitor length [<name:iface>]', (s, a) => {
    requireLanz(s, 1, 'queue-monitor')
    return showQueueMonitorLength(s.host, a.name as string | undefined, lanzEnabled(s))
  }),
  command<S>('show queue-monitor length status', (s) => {
    requireLanz(s, 1, 'queue-monitor')
    return showQueueMonitorStatus(lanzEnabled(s))
  }),
  command<S>('show hardware counter drop', (s) => {
    if (!s.host.profile.hardwareDropChip) throw new CliError(`${UNSUPPORTED_PLATFORM} (at token 2: 'counter')`)
    return showHardwareCounterDrop(s.host, true)
  }),
  command<S>('show hardware counter drop rates', (s) => {
    if (!s.host.profile.hardwareDropChip) throw new CliError(`${UNSUPPORTED_PLATFORM} (at token 2: 'counter')`)
    return showHardwareCounterDrop(s.host, false)
  }),
].flat()

/** Global configuration: `[no] queue-monitor length` and its default thresholds. */
export const LANZ_CONFIG_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('queue-monitor length', (s) => {
    requireLanz(s, 0, 'queue-monitor')
    const config = s.target()
    config.queueMonitor = { ...config.queueMonitor, enabled: true }
    return NO_OUTPUT
  }),
  command<S>('no queue-monitor length', (s) => {
    requireLanz(s, 1, 'queue-monitor')
    const config = s.target()
    config.queueMonitor = { ...config.queueMonitor, enabled: false }
    return NO_OUTPUT
  }),
  command<S>('queue-monitor length default thresholds <high:int> <low:int>', (s, a) => {
    requireLanz(s, 0, 'queue-monitor')
    const config = s.target()
    config.queueMonitor = { enabled: config.queueMonitor?.enabled ?? false, defaultThresholds: thresholds(a, 4) }
    return NO_OUTPUT
  }),
  command<S>('no queue-monitor length default thresholds', (s) => {
    requireLanz(s, 1, 'queue-monitor')
    const config = s.target()
    config.queueMonitor = { enabled: config.queueMonitor?.enabled ?? false }
    return NO_OUTPUT
  }),
].flat()

function eachEthernet(s: S, edit: (iface: { queueMonitorThresholds?: { high: number; low: number } }) => void): typeof NO_OUTPUT {
  return eachInterface(s, (iface, name) => {
    if (!name.startsWith('Ethernet')) throw new CliError("Invalid input (at token 0: 'queue-monitor')")
    edit(iface)
  })
}

/** Interface configuration: `[no] queue-monitor length thresholds <high> <low>` on Ethernet ports. */
export const LANZ_INTERFACE_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('queue-monitor length thresholds <high:int> <low:int>', (s, a) => {
    requireLanz(s, 0, 'queue-monitor')
    const t = thresholds(a, 3)
    return eachEthernet(s, (i) => (i.queueMonitorThresholds = t))
  }),
  command<S>('no queue-monitor length thresholds', (s) => {
    requireLanz(s, 1, 'queue-monitor')
    return eachEthernet(s, (i) => delete i.queueMonitorThresholds)
  }),
].flat()
