import type { CallOptions } from '../../src/driver.js'
import type { CliChannel } from './cli-channel.js'

/** Text output the same over every transport: lines ending in `\n` (an SSH shell drops the last one), `''` when empty. */
export function asLines(text: string): string {
  const unix = text.replace(/\r\n/g, '\n')
  return unix === '' || unix.endsWith('\n') ? unix : `${unix}\n`
}

/** Runs already-validated `show` commands and returns each answer as its JSON model or its text. */
export async function runShowCommands(channel: CliChannel, commands: readonly string[], format: 'json' | 'text', options?: CallOptions): Promise<unknown[]> {
  return format === 'json' ? channel.runJson(commands, options) : (await channel.runText(commands, options)).map(asLines)
}

/** `show running-config [all] [section REGEX]`, the command EOS reads a (part of the) running-config with. */
export function runningConfigCommand(query: { all?: boolean; section?: string }): string {
  return ['show running-config', ...(query.all ? ['all'] : []), ...(query.section === undefined ? [] : ['section', query.section])].join(' ')
}

/** Reads the running-config as text, whole, with defaults, or one section. */
export async function readRunningConfig(channel: CliChannel, query: { all?: boolean; section?: string }, options?: CallOptions): Promise<string> {
  const [text] = await channel.runText([runningConfigCommand(query)], options)
  return asLines(text ?? '')
}
