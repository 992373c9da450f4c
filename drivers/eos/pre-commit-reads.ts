import type { ApplyOptions } from '../../src/driver.js'
import { ParseError } from '../../src/errors.js'
import { asLines, runningConfigCommand } from './raw-cli.js'
import { parseSessions, type ListedSession } from './session-outcome.js'

/**
 * The reads the checks before a commit need, sent at the end of the staging batch so that they cost no round trip
 * of their own: `end` (back to exec, the session stays pending), the running-config when the caller checks its plan's
 * basis on it, and the list of sessions as JSON (`| json`, since the batch is text). They run after the session
 * opened, so a change committed by another client before that point shows in the running-config, and one after it
 * shows in the session's diff read again with the commit.
 */
export function preCommitReads(options: ApplyOptions): string[] {
  return ['end', ...(options.recheckRunningConfig ? [runningConfigCommand({})] : []), `${SESSIONS_COMMAND} | json`]
}

/** What {@link preCommitReads} read. */
export interface PreCommitState {
  sessions: ListedSession[]
  /** The running-config as text, when it was read. */
  runningConfig?: string
}

const SESSIONS_COMMAND = 'show configuration sessions detail'

/** Reads the outputs of {@link preCommitReads}, in the same order. */
export function parsePreCommitReads(outputs: readonly string[], options: ApplyOptions, host: string): PreCommitState {
  const running = options.recheckRunningConfig ? outputs[1] : undefined
  const sessionsText = outputs[outputs.length - 1] ?? ''
  let sessionsJson: unknown
  try {
    sessionsJson = JSON.parse(sessionsText)
  } catch {
    throw new ParseError(SESSIONS_COMMAND, `the device's '| json' output is not JSON: ${JSON.stringify(sessionsText.slice(0, 120))}`, { host, requestSent: true })
  }
  return { sessions: parseSessions(sessionsJson), ...(running === undefined ? {} : { runningConfig: asLines(running) }) }
}
