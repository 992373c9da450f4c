import { CliError } from './cli/cli-error.js'
import { sectionLines } from './cli/output-pipes.js'

/**
 * EOS's `show running-config section REGEX`: every line that matches, with its parent blocks and all its children,
 * in running-config order; comments, `!` separators and `end` are left out. No match prints nothing. The same
 * selection as the `| section REGEX` output modifier.
 */
export function runningConfigSection(text: string, regex: string): string {
  let pattern: RegExp
  try {
    pattern = new RegExp(regex)
  } catch {
    throw new CliError(`Invalid regular expression: '${regex}'`, 1002)
  }
  const lines = sectionLines(text.split('\n'), pattern)
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}
