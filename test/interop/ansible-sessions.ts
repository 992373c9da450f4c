import type { LogEntry } from './ansible-lab.js'

/** A configuration session a client opened, as the device's command log shows it. */
export interface LoggedSession {
  /** `ansible_…`; `(terminal)` for plain `configure`. */
  name: string
  /** The configuration lines entered into it, in order (show commands left out). */
  lines: string[]
  /** `commit` or `abort` when the client ended it so, `open` when it never did; `applied` for plain `configure`. */
  outcome: 'commit' | 'abort' | 'open' | 'applied'
}

const EXEC_AGAIN = /^(enable|end|disable)$/

/**
 * The configuration sessions in a command log, in the order they were opened. A line belongs to the session last
 * entered (`configure session NAME` enters it again) until `commit`, `abort`, `end` or `enable` (arista.eos's httpapi
 * plugin starts every eAPI request with `enable`, which is privileged exec mode again); `show …` lines are left out.
 */
export function configSessions(log: readonly LogEntry[]): LoggedSession[] {
  const sessions = new Map<string, LoggedSession>()
  let current: LoggedSession | undefined
  let terminals = 0
  for (const { line } of log) {
    const text = line.trim()
    const session = /^configure session (\S+)$/.exec(text)
    if (session) {
      const name = session[1] as string
      current = sessions.get(name) ?? { name, lines: [], outcome: 'open' }
      sessions.set(name, current)
    } else if (/^configure( terminal)?$/.test(text)) {
      current = { name: `(terminal ${++terminals})`, lines: [], outcome: 'applied' }
      sessions.set(current.name, current)
    } else if (!current) {
      continue
    } else if (text === 'commit' || text === 'abort') {
      current.outcome = text
      current = undefined
    } else if (EXEC_AGAIN.test(text)) {
      current = undefined
    } else if (!text.startsWith('show ')) {
      current.lines.push(text)
    }
  }
  return [...sessions.values()]
}

/** The lines a client sent outside configuration (exec commands other than `show`, `enable` and terminal settings). */
export function execLines(log: readonly LogEntry[]): string[] {
  const out: string[] = []
  let inConfig = false
  for (const { line } of log) {
    const text = line.trim()
    if (/^configure\b/.test(text)) inConfig = true
    else if (['commit', 'abort', 'end', 'enable'].includes(text)) inConfig = false
    else if (!inConfig && !/^(show |terminal |enable$|disable$|dir\b|bash timeout \d+ cat )/.test(text)) out.push(text)
  }
  return out
}
