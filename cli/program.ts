import { Command } from 'commander'
import { COMMANDS } from './commands/index.js'
import { VERSION } from './version.js'

/** Options every subcommand understands (read with `command.optsWithGlobals()`). */
export interface GlobalOptions {
  /** Print one JSON document (bigints as decimal strings). */
  readonly json?: boolean
  /** Print one JSON record per line. */
  readonly ndjson?: boolean
  /** `false` when `--no-color` was given. */
  readonly color?: boolean
}

/**
 * Builds the `switchyard` command-line program with every subcommand registered. Exposed so that tests and
 * embedding tools can run it in-process with their own argv and streams.
 */
export function buildProgram(): Command {
  const program = new Command('switchyard')
    .description('Configure and observe Arista EOS switches and 7130 devices, one or a fleet, and run mock labs.')
    .version(VERSION)
    .option('--json', 'print one JSON document (bigints as decimal strings)')
    .option('--ndjson', 'print one JSON record per line')
    .option('--no-color', 'never use colours (also off when NO_COLOR is set or output is not a terminal)')
    .showHelpAfterError()
  for (const register of COMMANDS) register(program)
  return program
}
