import { command, NO_OUTPUT, type CommandSpec } from './command-grammar.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'

type S = CliSession

/** Exec commands EOS and MOS share: `enable` (with its secret), `disable`, `configure`, terminal length and width. */
export const COMMON_EXEC_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('enable', (s, a) => {
    const secret = s.host.enablePassword
    if (secret !== undefined && a.input !== secret) throw new CliError('Bad secret', 1002)
    s.privileged = true
    return NO_OUTPUT
  }),
  command<S>('disable', (s) => {
    s.privileged = false
    return NO_OUTPUT
  }),
  command<S>('configure [terminal]', (s) => {
    s.mode = { kind: 'config' }
    return NO_OUTPUT
  }, { privileged: true }),
  command<S>('terminal length <n:int>', (s, a) => {
    s.terminalLength = a.n as number
    return { json: () => ({}), text: () => (s.terminalLength === 0 ? 'Pagination disabled.\n' : `Pagination set to ${s.terminalLength} lines.\n`) }
  }),
  command<S>('terminal width <n:int>', (s, a) => {
    s.terminalWidth = a.n as number
    return { json: () => ({}), text: () => `Width set to ${s.terminalWidth} columns.\n` }
  }),
].flat()
