import type { CallOptions } from '../../src/driver.js'
import type { SessionOutcome, SessionState } from '../../src/driver.js'
import { ParseError } from '../../src/errors.js'
import type { CliChannel } from './cli-channel.js'

/** How long settling an interrupted change may take by default, per attempt. */
export const SETTLE_TIMEOUT_MS = 5_000

/** The prefix of every configure session switchyard opens, followed by the opening time in base 36 and a random tag. */
export const SESSION_PREFIX = 'switchyard-'

/** A new session name: `switchyard-<ms since epoch, base 36>-<6 hex>`. */
export function newSessionName(random: string): string {
  return `${SESSION_PREFIX}${Date.now().toString(36)}-${random}`
}

/** When a session named by {@link newSessionName} was opened (epoch ms), or `undefined` for other names. */
export function sessionOpenedAt(name: string): number | undefined {
  const match = /^switchyard-([0-9a-z]{6,12})-[0-9a-f]{6}$/.exec(name)
  return match ? parseInt(match[1] as string, 36) : undefined
}

/** One session as `show configuration sessions detail` lists it. */
export interface ListedSession {
  name: string
  state: SessionState | 'other'
}

/** Reads `show configuration sessions detail` into name and state per session. */
export function parseSessions(output: unknown): ListedSession[] {
  const sessions = (output as { sessions?: unknown } | null)?.sessions
  if (typeof sessions !== 'object' || sessions === null || Array.isArray(sessions)) {
    throw new ParseError('show configuration sessions detail', "no 'sessions' object")
  }
  return Object.entries(sessions as Record<string, unknown>).map(([name, entry]) => {
    const state = (entry as { state?: unknown } | null)?.state
    return { name, state: state === 'pending' || state === 'pendingCommitTimer' || state === 'completed' ? state : 'other' }
  })
}

/** Lists the device's configure sessions. */
export async function listSessions(channel: CliChannel, options?: CallOptions): Promise<ListedSession[]> {
  const [output] = await channel.runJson(['show configuration sessions detail'], options)
  return parseSessions(output)
}

/** What a session's state means for the change it holds. */
export function outcomeOf(session: string, state: SessionState | 'absent' | 'other'): SessionOutcome {
  switch (state) {
    case 'completed':
      return { session, state, applied: true }
    case 'pendingCommitTimer':
      return { session, state, applied: true }
    case 'pending':
      return { session, state, applied: false }
    case 'absent':
      return { session, state, applied: false }
    default:
      return { session, state: 'absent', applied: false }
  }
}

/** Asks the device, over the given channel, what became of a session. */
export async function readSessionOutcome(channel: CliChannel, session: string, options?: CallOptions): Promise<SessionOutcome> {
  const listed = await listSessions(channel, options)
  const found = listed.find((s) => s.name === session)
  return outcomeOf(session, found ? found.state : 'absent')
}
