import { SwitchyardError, type CallOptions, type Device } from '../../src/index.js'

/** A switchyard session name: `switchyard-<opening time, ms since epoch in base 36>-<6 hex>`. */
const SWITCHYARD_SESSION = /^switchyard-([0-9a-z]{6,12})-[0-9a-f]{6}$/

/** What a takeover did about one session the dead attempt left. */
export interface SettledSession {
  session: string
  state: string
  action: 'rolled back' | 'aborted' | 'left'
}

/**
 * Settles the configure sessions a dead attempt of a job left on a device, before the job runs again: every
 * switchyard session opened since `sinceMs` (the attempt's start, on the clock of the worker that named them) that is
 * still pending or holds a commit timer. Its change was never checked to the end, so it is rolled back (timer) or
 * discarded (staged): the job then plans again from what the device really has, so a change that had landed
 * (committed) is a no-op and one that had not is made once. Completed sessions are left as they are.
 *
 * The job holds the device's lock while this runs, so no other queued job opened a session in that window.
 */
export async function settleLeftSessions(sw: Device, sinceMs: number, call: CallOptions = {}): Promise<SettledSession[]> {
  const [listing] = await sw.cli(['show configuration sessions detail'], call)
  const sessions = (listing as { sessions?: Record<string, { state?: unknown }> } | undefined)?.sessions ?? {}
  const settled: SettledSession[] = []
  for (const [name, entry] of Object.entries(sessions)) {
    const match = SWITCHYARD_SESSION.exec(name)
    if (!match || parseInt(match[1] as string, 36) < sinceMs) continue
    const state = typeof entry?.state === 'string' ? entry.state : 'unknown'
    if (state !== 'pending' && state !== 'pendingCommitTimer') continue
    try {
      await sw.rollbackSession(name, call)
      settled.push({ session: name, state, action: state === 'pending' ? 'aborted' : 'rolled back' })
    } catch (error) {
      // Gone in between (its timer ran out): nothing to settle.
      if (SwitchyardError.isSwitchyardError(error) && error.code === 'SY_COMMIT_EXPIRED') continue
      throw error
    }
  }
  const outcomes = await Promise.all(settled.map((s) => sw.sessionOutcome(s.session, call)))
  const stuck = outcomes.find((o) => o.applied)
  if (stuck) throw new SwitchyardError('SY_OUTCOME_UNKNOWN', `session ${stuck.session} left by a dead worker is still ${stuck.state} after rolling it back`)
  return settled
}
