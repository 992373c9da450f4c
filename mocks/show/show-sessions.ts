import type { CommandResult } from '../cli/command-grammar.js'
import type { ConfigSessionStore } from '../config-sessions.js'

/** `show configuration sessions [detail]`, with the 4.32+ commit-timer fields. */
export function showConfigurationSessions(store: ConfigSessionStore, bootTime: number): CommandResult {
  return {
    json: () => {
      const sessions: Record<string, unknown> = {}
      let commitTimerSessionName: string | undefined
      let commitTimerExpireTime: number | undefined
      for (const s of store.list()) {
        const entry: Record<string, unknown> = { state: s.state, commitUser: '', description: '', instances: {} }
        if (s.completedAt) entry.completedTime = s.completedAt / 1000
        if (s.expiresAt) {
          entry.commitBy = (s.expiresAt - bootTime) / 1000
          commitTimerSessionName = s.name
          commitTimerExpireTime = entry.commitBy as number
        }
        sessions[s.name] = entry
      }
      return {
        maxSavedSessions: 20,
        maxOpenSessions: 5,
        sessions,
        ...(commitTimerSessionName ? { commitTimerSessionName, commitTimerExpireTime } : {}),
      }
    },
    text: () => {
      const out = ['Maximum number of completed sessions: 20', 'Maximum number of pending sessions: 5', '', '  Name       State                 User    Terminal', '  ---------- --------------------- ------- --------']
      for (const s of store.list()) out.push(`  ${s.name.padEnd(10)} ${s.state.padEnd(21)}`)
      return `${out.join('\n')}\n`
    },
  }
}
