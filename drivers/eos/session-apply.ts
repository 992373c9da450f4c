import type { ApplyOptions, ApplyOutcome, SessionOutcome } from '../../src/driver.js'
import {
  CommandRejectedError,
  CommitFailedError,
  CommitTimerPendingError,
  ConflictError,
  OutcomeUnknownError,
  SessionLimitError,
  SwitchyardError,
} from '../../src/errors.js'
import type { CliChannel } from './cli-channel.js'
import { diffChanges } from './session-diff.js'
import { SETTLE_TIMEOUT_MS, outcomeOf, readSessionOutcome } from './session-outcome.js'
import { parsePreCommitReads, preCommitReads } from './pre-commit-reads.js'

/** `hh:mm:ss` for `commit timer`. */
export function commitTimerText(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`
}

/** What {@link applyInSession} needs besides the lines. */
export interface SessionApplyContext {
  channel: CliChannel
  session: string
  lines: readonly string[]
  options: ApplyOptions
  /** Sessions that could not be aborted are handed here, to be aborted at the next contact. */
  remember: (session: string) => void
}

const SESSION_LIMIT = /Maximum number of pending sessions/i
const TIMER_PENDING = /commit timer pending|pending commit timer|has a commit timer/i
const NO_SUCH_SESSION = /does not exist|no such session|not found/i

/**
 * Applies configuration lines in one EOS configure session so that every call ends in exactly one honest outcome:
 *
 * 1. stage: `configure session S` and the lines, in as few round trips as the transport allows; read the session's
 *    diff (empty: abort, nothing to do; dry run: abort and return it); in the same batch, unless a dry run, leave
 *    the session pending and read what step 2 checks (the sessions, and the running-config for
 *    `recheckRunningConfig`), see {@link preCommitReads};
 * 2. check: no other session holds a commit timer, and the plan's preconditions still hold (`recheckRunningConfig`
 *    on the running-config read in step 1, else the caller's `recheck`, which reads on its own);
 * 3. commit with a timer, in one request with a second read of the diff: a diff that changed since step 1 means
 *    another writer committed in between and this session would undo their change, so it is rolled back at once
 *    (`ConflictError`, device as the other writer left it);
 * 4. confirm (`configure session S commit`), unless the caller asked for a timed commit.
 *
 * A failure before the commit request was sent aborts the session (or remembers it to abort later): not applied.
 * Once the commit or confirm request may have reached the device (timeout, abort, cut connection), the device is
 * asked on a fresh connection what became of the session before anything is reported; if it cannot be asked, the
 * call fails with `OutcomeUnknownError` naming the session. The internal commit timer is the safety net: a process
 * that dies between steps 3 and 4 leaves a change that the device rolls back by itself.
 */
export async function applyInSession(ctx: SessionApplyContext): Promise<ApplyOutcome> {
  const { channel, session, lines, options } = ctx
  const host = channel.host
  const call = { ...(options.signal ? { signal: options.signal } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }
  const commands = [...lines]

  const notApplied = async (error: unknown, why: string): Promise<never> => {
    await abortOrRemember(ctx)
    if (SwitchyardError.isSwitchyardError(error) && error.requestSent !== false && isTransportFailure(error)) ctx.remember(session)
    if (SwitchyardError.isSwitchyardError(error) && !isTransportFailure(error)) throw error
    throw new CommitFailedError(`the change was not applied (${why}); session ${session} was not committed`, commands, { cause: error, host })
  }

  // 1. Stage, reading the diff before and after the lines in the same batch. The first diff must be empty: a session
  // is a copy of the running-config taken when it opens, so a non-empty diff there means another client committed
  // in between (over SSH the opening line goes alone) and this session would undo their change.
  let stagedDiff: string
  const reads = options.dryRun ? [] : preCommitReads(options)
  let readOutputs: string[] = []
  try {
    const outputs = await channel.runTextBatch([`configure session ${session}`, 'show session-config diffs', ...lines, 'show session-config diffs', ...reads], call)
    const moved = tidyDiff(outputs[1] ?? '')
    if (moved !== '') {
      await abortOrRemember(ctx)
      throw new ConflictError(
        `another client changed ${host} while this change was being staged; nothing was applied. Read the state again and plan anew.`,
        diffChanges('', moved),
        { host },
      )
    }
    stagedDiff = outputs[lines.length + 2] ?? ''
    readOutputs = outputs.slice(lines.length + 3)
  } catch (error) {
    if (error instanceof CommandRejectedError && error.index === 0) {
      if (SESSION_LIMIT.test(error.deviceMessage)) {
        throw new SessionLimitError(
          `${host} refused a new configure session: its limit of pending sessions is reached (${error.deviceMessage}). ` +
            'Sessions left by crashed clients can be aborted with sw.cleanupSessions(); nothing was changed.',
          { cause: error, host },
        )
      }
      throw error
    }
    if (error instanceof ConflictError) throw error
    if (error instanceof CommandRejectedError) {
      await abortOrRemember(ctx)
      if (error.index > lines.length + 2) return notApplied(error, 'the reads before commit failed')
      if (error.index === 1 || error.index > lines.length + 1) return notApplied(error, 'reading the session diff failed')
      throw new CommandRejectedError(
        { command: lines[error.index - 2] ?? error.command, index: error.index - 2, deviceMessage: error.deviceMessage, ...(error.deviceCode === undefined ? {} : { deviceCode: error.deviceCode }) },
        { cause: error, host },
      )
    }
    return notApplied(error, 'staging the session failed')
  }
  const diff = tidyDiff(stagedDiff)
  if (diff === '' || options.dryRun) {
    await abortOrRemember(ctx)
    return { diff, commands, applied: !options.dryRun, changed: diff !== '' }
  }

  // 2. Check.
  try {
    const read = parsePreCommitReads(readOutputs, options, host)
    const other = read.sessions.find((s) => s.state === 'pendingCommitTimer' && s.name !== session)
    if (other) {
      throw new CommitTimerPendingError(
        `${host} has a commit timer pending in session ${other.name}: committing now could be undone when it rolls back, so this change was not applied. ` +
          'Retry after it is confirmed or rolled back.',
        other.name,
        { host },
      )
    }
    if (options.recheckRunningConfig) await options.recheckRunningConfig(read.runningConfig ?? '')
    else await options.recheck?.()
  } catch (error) {
    return notApplied(error, 'the check before commit failed')
  }

  // 3. Commit with a timer, reading the diff once more right before it.
  const userTimer = options.confirmWithinSeconds
  const timerSeconds = userTimer ?? internalTimerSeconds(options.timeoutMs)
  let committedDiff: string
  try {
    ;[, committedDiff = ''] = await channel.runTextBatch([`configure session ${session}`, 'show session-config diffs', `commit timer ${commitTimerText(timerSeconds)}`], call)
  } catch (error) {
    if (error instanceof CommandRejectedError && error.index === 0) return settle(ctx, error, 'commit')
    if (error instanceof CommandRejectedError) {
      if (error.index === 2 && TIMER_PENDING.test(error.deviceMessage)) {
        await abortOrRemember(ctx)
        throw new CommitTimerPendingError(`${host} refused the commit: ${error.deviceMessage}. The change was not applied.`, /session (\S+)/.exec(error.deviceMessage)?.[1] ?? '?', { cause: error, host })
      }
      await abortOrRemember(ctx)
      throw new CommitFailedError(`commit failed and the session was aborted: ${error.deviceMessage}`, commands, { cause: error, host })
    }
    return settle(ctx, error, 'commit')
  }
  const differences = diffChanges(diff, tidyDiff(committedDiff))
  if (differences.length > 0) {
    try {
      await channel.runText([`configure session ${session} abort`], { ...call, timeoutMs: Math.min(call.timeoutMs ?? SETTLE_TIMEOUT_MS, SETTLE_TIMEOUT_MS) })
    } catch (error) {
      const outcome = await askFresh(ctx)
      if (outcome === undefined || outcome.applied) {
        throw unknown(ctx, 'another client changed the device during this change, and rolling it back could not be confirmed', error, timerSeconds)
      }
    }
    throw new ConflictError(
      `another client changed ${host} while this change was being made: it was rolled back, so the device is as the other client left it. ` +
        'Read the state again and plan anew.',
      differences,
      { host },
    )
  }
  if (userTimer !== undefined) {
    return { diff, commands, applied: true, changed: true, pending: { sessionName: session, rollsBackInSeconds: userTimer } }
  }

  // 4. Confirm.
  try {
    await channel.runText([`configure session ${session} commit`], call)
  } catch (error) {
    if (error instanceof CommandRejectedError && NO_SUCH_SESSION.test(error.deviceMessage)) {
      throw new CommitFailedError(`the commit timer of session ${session} ran out before it was confirmed: the device rolled the change back`, commands, { cause: error, host })
    }
    return settle(ctx, error, 'confirm', diff)
  }
  return { diff, commands, applied: true, changed: true }
}

/** The commit timer used between commit and confirm: long enough for a slow confirm, short enough to be a safety net. */
function internalTimerSeconds(timeoutMs: number | undefined): number {
  return Math.min(86_400, Math.max(60, Math.ceil(((timeoutMs ?? 30_000) * 3) / 1000)))
}

function isTransportFailure(error: SwitchyardError): boolean {
  return ['SY_CONNECTION', 'SY_TIMEOUT', 'SY_ABORTED', 'SY_RESPONSE_TOO_LARGE', 'SY_PARSE', 'SY_CLOSED'].includes(error.code)
}

/** The diff as compared and returned: trailing blanks removed, one final newline, empty when nothing changed. */
export function tidyDiff(text: string): string {
  const trimmed = text.replace(/\s+$/, '')
  return trimmed === '' ? '' : `${trimmed}\n`
}

async function askFresh(ctx: SessionApplyContext): Promise<SessionOutcome | undefined> {
  const side = ctx.channel.fresh()
  try {
    return await readSessionOutcome(side, ctx.session, { timeoutMs: SETTLE_TIMEOUT_MS })
  } catch {
    return undefined
  } finally {
    await side.close().catch(() => undefined)
  }
}

/** Aborts the session on a fresh connection; when that fails, remembers it for the next contact. */
async function abortOrRemember(ctx: SessionApplyContext): Promise<void> {
  const side = ctx.channel.fresh()
  try {
    await side.runText([`configure session ${ctx.session} abort`], { timeoutMs: SETTLE_TIMEOUT_MS })
  } catch (error) {
    if (error instanceof CommandRejectedError && NO_SUCH_SESSION.test(error.deviceMessage)) return
    ctx.remember(ctx.session)
  } finally {
    await side.close().catch(() => undefined)
  }
}

function unknown(ctx: SessionApplyContext, what: string, cause: unknown, timerSeconds: number): OutcomeUnknownError {
  return new OutcomeUnknownError(
    `the outcome of the change on ${ctx.channel.host} is unknown: ${what}`,
    {
      sessionName: ctx.session,
      commands: ctx.lines,
      check:
        `ask with sw.sessionOutcome('${ctx.session}') (or 'show configuration sessions detail' on the device): completed means applied; ` +
        `pendingCommitTimer means applied until its timer (${timerSeconds} s from the commit) rolls it back; absent or pending means not applied`,
    },
    { cause, host: ctx.channel.host },
  )
}

/**
 * Settles a commit or confirm whose request may have reached the device: asks on a fresh connection what became of
 * the session. A staged or timer-held session is rolled back (its diff could not be checked, or the confirmation
 * was lost before the diff check passed... for `confirm`, the check had passed, so it is confirmed instead).
 */
async function settle(ctx: SessionApplyContext, error: unknown, step: 'commit' | 'confirm', checkedDiff?: string): Promise<ApplyOutcome> {
  const { session, lines, channel } = ctx
  const host = channel.host
  const commands = [...lines]
  const timerSeconds = ctx.options.confirmWithinSeconds ?? internalTimerSeconds(ctx.options.timeoutMs)
  if (SwitchyardError.isSwitchyardError(error) && error.requestSent === false) {
    await abortOrRemember(ctx)
    throw new CommitFailedError(`the change was not applied: the ${step} request never left (${error.message}); session ${session} was aborted`, commands, { cause: error, host })
  }
  ctx.remember(session)
  const side = channel.fresh()
  try {
    const outcome = await readSessionOutcome(side, session, { timeoutMs: SETTLE_TIMEOUT_MS })
    if (outcome.state === 'completed') {
      return { diff: checkedDiff ?? '', commands, applied: true, changed: true, notes: [`the ${step} answer was lost (${describe(error)}); the device reports session ${session} committed`] }
    }
    if (outcome.state === 'pendingCommitTimer' && step === 'confirm') {
      await side.runText([`configure session ${session} commit`], { timeoutMs: SETTLE_TIMEOUT_MS })
      return { diff: checkedDiff ?? '', commands, applied: true, changed: true, notes: [`the confirm answer was lost (${describe(error)}); the session was confirmed on a new connection`] }
    }
    if (outcome.state === 'pendingCommitTimer' || outcome.state === 'pending') {
      await side.runText([`configure session ${session} abort`], { timeoutMs: SETTLE_TIMEOUT_MS })
      const after = await readSessionOutcome(side, session, { timeoutMs: SETTLE_TIMEOUT_MS })
      if (after.applied) throw new Error(`session ${session} is still ${after.state}`)
    }
    throw new CommitFailedError(
      `the change was not applied: the ${step} was interrupted (${describe(error)}) and session ${session} ${outcome.state === 'absent' ? 'is not on the device' : 'was rolled back'}`,
      commands,
      { cause: error, host },
    )
  } catch (settleError) {
    if (settleError instanceof CommitFailedError) throw settleError
    throw unknown(ctx, `the ${step} was interrupted (${describe(error)}) and the device could not be asked afterwards (${describe(settleError)})`, error, timerSeconds)
  } finally {
    await side.close().catch(() => undefined)
  }
}

function describe(error: unknown): string {
  return SwitchyardError.isSwitchyardError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)
}

export { outcomeOf }
