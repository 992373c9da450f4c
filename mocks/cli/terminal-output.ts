import { stringifyWithBigInts } from '../json-with-bigints.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'

/**
 * Runs one line as a terminal user types it and returns what EOS prints (lines ending in `\n`): the command's text,
 * or with `| json` its JSON model indented by 4 spaces, or `% <error>`. `| json` on a command without a model prints
 * EOS's unconverted-command message followed by its error JSON.
 */
export function runForTerminal(session: CliSession, line: string, input?: string): string {
  const pipe = /^(.*?)\s*\|\s*(\S+)\s*$/.exec(line)
  const asJson = pipe !== null && 'json'.startsWith((pipe[2] as string).toLowerCase()) && (pipe[2] as string).length >= 1
  const command = asJson ? (pipe?.[1] as string) : line
  try {
    const result = session.execute(command, input)
    if (asJson) {
      if (!result.json) {
        return `% This is an unconverted command\n${stringifyWithBigInts({ errors: ['This is an unconverted command'] }, 4)}\n`
      }
      return `${stringifyWithBigInts(result.json(), 4)}\n`
    }
    if (result.text) return result.text()
    return result.json ? `${stringifyWithBigInts(result.json(), 4)}\n` : ''
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    return `% ${error.message}\n`
  }
}
