import { CliError } from './cli-error.js'
import type { CommandResult } from './command-grammar.js'

/** What every face answers for a command whose output the mock has no text form of. */
export const NO_TEXT_FORM = 'This command has no text output in the mock (run it with "| json" or in JSON format)'

/**
 * The text of a command's result, the same on every face (console, SSH, eAPI `text` format): a real device prints
 * text for every command, so a result without a text form fails with {@link NO_TEXT_FORM} (eAPI code 1000) rather
 * than printing '' or its JSON.
 */
export function commandText(result: CommandResult): string {
  if (!result.text) throw new CliError(NO_TEXT_FORM, 1000)
  return result.text()
}
