import { command, NO_OUTPUT, type CommandSpec } from './command-grammar.js'
import type { CliSession } from './cli-session.js'

type S = CliSession

/** `clear counters`: zeroes the interface and queue counters, as EOS does (privileged). */
export const CLEAR_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('clear counters', (s) => {
    s.host.traffic.clearCounters()
    return NO_OUTPUT
  }, { privileged: true }),
].flat()
