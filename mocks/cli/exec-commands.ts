import { command, NO_OUTPUT, type CommandSpec } from './command-grammar.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'

type S = CliSession

function enterSession(s: S, name: string | undefined) {
  const session = s.host.sessions.open(name)
  s.sessionName = session.name
  s.mode = { kind: 'config' }
  return NO_OUTPUT
}

/** Commands of exec mode: privilege, entering configuration, finishing configure sessions, terminal settings. */
export const EXEC_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
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
  command<S>('configure session', (s) => enterSession(s, undefined), { privileged: true }),
  command<S>('configure session <name:word>', (s, a) => enterSession(s, a.name as string), { privileged: true }),
  command<S>('configure session <name:word> commit', (s, a) => {
    s.host.sessions.commit(a.name as string)
    return NO_OUTPUT
  }, { privileged: true }),
  command<S>('configure session <name:word> abort', (s, a) => {
    s.host.sessions.abort(a.name as string)
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
