import { stringifyWithBigInts } from '../json-with-bigints.js'
import { CliError } from './cli-error.js'
import { commandText } from './command-text.js'
import type { CliSession } from './cli-session.js'

/**
 * Runs one line as a terminal user types it and returns what EOS prints (lines ending in `\n`): the command's text
 * (output modifiers such as `| json` or `| section` applied by the session), or `% <error>`. `| json` on a command
 * without a model prints EOS's unconverted-command message followed by its error JSON; a command the mock has no text
 * form of fails as it does over eAPI's text format ({@link commandText}).
 */
export function runForTerminal(session: CliSession, line: string, input?: string): string {
  try {
    return commandText(session.execute(line, input))
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    if (error.eapiCode === 1003) return `% ${error.message}\n${stringifyWithBigInts({ errors: [error.message] }, 4)}\n`
    return `% ${error.message}\n`
  }
}
