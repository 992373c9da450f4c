import { command, NO_OUTPUT, type CommandSpec } from './command-grammar.js'
import { COMMON_EXEC_COMMANDS } from './common-exec-commands.js'
import { CLEAR_COMMANDS } from './clear-commands.js'
import { FILE_COMMANDS } from './file-commands.js'
import type { CliSession } from './cli-session.js'

type S = CliSession

function enterSession(s: S, name: string | undefined) {
  const session = s.host.sessions.open(name)
  s.sessionName = session.name
  s.mode = { kind: 'config' }
  return NO_OUTPUT
}

/** EOS exec mode: the shared commands plus configure sessions (open, commit, abort). */
export const EXEC_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  COMMON_EXEC_COMMANDS,
  CLEAR_COMMANDS,
  FILE_COMMANDS,
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
].flat()
