import { isPendingCommit, SwitchyardError, ValidationError, type ConfigureResult, type Device } from '../src/index.js'
import type { FleetEvent } from './fleet-events.js'
import { checkSecrets } from './host-connect-options.js'
import { executeHost, type ConnectFunction, type TaskContext } from './host-execution.js'
import { summarize, toHostError, type HostError, type HostResult, type HostStatus } from './host-result.js'
import type { SecretSources } from './host-connect-options.js'
import type { InventoryHost } from './inventory.js'
import { asPostCheck, type PostCheck, type PostCheckContext } from './post-checks.js'
import { scheduleHosts } from './scheduler.js'

/** What a fleet change gets: the task context and the commit timer to use. */
export interface ChangeContext extends TaskContext {
  /** Pass this to `sw.configure(…, { confirmWithinSeconds })` (or `sw.apply`): the fleet confirms or rolls back. */
  readonly confirmWithinSeconds: number
}

/** A change for one host, committed with the timer it is given; returns what `sw.configure` returned. */
export type FleetChange = (sw: Device, host: InventoryHost, context: ChangeContext) => Promise<ConfigureResult>

/** Options of a fleet-wide commit-confirm. */
export interface CommitConfirmOptions {
  /** The commit timer of every host (1-86400 s): if the runner dies, every device rolls back when it runs out. */
  readonly confirmWithinSeconds: number
  /** Checks run on every host once all are applied; any failing rolls back every host. */
  readonly checks?: ReadonlyArray<PostCheck | ((sw: Device, host: InventoryHost, context: PostCheckContext) => Promise<unknown>)>
  /** Most hosts applying (and checking) at once (default 20). */
  readonly concurrency?: number
  /** Deadline of one host's apply in ms (default: half the timer). */
  readonly timeoutMs?: number
  /** Retries of a host whose change certainly did not reach it (default 2). */
  readonly retries?: number
  readonly retryDelayMs?: number
  /** Aborts: no new host is applied, and every applied host is rolled back. */
  readonly signal?: AbortSignal
  readonly onEvent?: (event: FleetEvent<unknown>) => void
}

/**
 * Where a host ended: `confirmed` (changed, kept), `unchanged` (was already as asked), `rolled-back` (applied, then
 * rolled back by the fleet), `rolls-back-at-timer` (applied; the rollback request failed, so its commit timer undoes
 * it), `not-applied` (its own change failed; as before), `unknown` (it may hold the change: if it does, its timer
 * rolls it back), `skipped` (never started), `committed-without-timer` (the change committed without the timer: the
 * fleet cannot undo it).
 */
export type CommitFinal = 'confirmed' | 'unchanged' | 'rolled-back' | 'rolls-back-at-timer' | 'not-applied' | 'unknown' | 'skipped' | 'committed-without-timer'

/** What a change did on a host. */
export interface AppliedChange {
  readonly changed: boolean
  readonly diff: string
  readonly commands: readonly string[]
  /** The configure session holding the timed commit. */
  readonly sessionName?: string
}

/** One post-check on one host. */
export interface CheckOutcome {
  readonly name: string
  readonly passed: boolean
  readonly error?: HostError
}

/** One host of a fleet-wide commit-confirm. */
export interface CommitHostResult extends HostResult<AppliedChange> {
  readonly final: CommitFinal
  readonly checks: readonly CheckOutcome[]
}

/** The result of a fleet-wide commit-confirm. */
export interface CommitConfirmResult {
  /**
   * `confirmed`: every host applied, passed its checks and is confirmed (or was already as asked). `rolled-back`:
   * nothing was kept: every applied host was rolled back (a host with an unknown outcome rolls back at its timer).
   * `incomplete`: some hosts keep the change and others do not (a confirm failed, or a change committed without its
   * timer): see each host.
   */
  readonly outcome: 'confirmed' | 'rolled-back' | 'incomplete'
  /** Why: the decision and what led to it. */
  readonly reason: string
  readonly hosts: readonly CommitHostResult[]
  readonly summary: Readonly<Record<HostStatus, number>>
  readonly durationMs: number
}

interface Held {
  sw: Device
  result: ConfigureResult
  /** When the timer runs out at the latest, by this process's clock. */
  expiresAt: number
}

class CommittedWithoutTimer extends Error {}

/** @internal The engine of `Fleet.commitConfirm`. */
export async function runCommitConfirm(
  hosts: readonly InventoryHost[],
  change: FleetChange,
  options: CommitConfirmOptions,
  how: { connect: ConnectFunction; secrets: SecretSources },
  emit: (event: FleetEvent<AppliedChange>) => void,
): Promise<CommitConfirmResult> {
  const started = performance.now()
  const timer = options.confirmWithinSeconds
  if (!Number.isInteger(timer) || timer < 1 || timer > 86_400) {
    throw new ValidationError('invalid commitConfirm options: confirmWithinSeconds must be a whole number from 1 to 86400', [{ path: ['confirmWithinSeconds'], message: 'must be 1-86400' }])
  }
  const checks = (options.checks ?? []).map(asPostCheck)
  const concurrency = options.concurrency ?? 20
  const marginMs = Math.max(2_000, timer * 100)
  await checkSecrets(hosts, how.secrets)
  const byName = new Map(hosts.map((h) => [h.name, h]))
  const held = new Map<string, Held>()
  const names = hosts.map((h) => h.name)
  emit({ type: 'run-start', hosts: names, batches: [names] })

  emit({ type: 'phase', phase: 'apply', hosts: names })
  const applied = await scheduleHosts<AppliedChange>(
    [names],
    (name, signal) =>
      executeHost<AppliedChange>(
        byName.get(name) as InventoryHost,
        async (sw, host, ctx) => {
          const sentAt = Date.now()
          const result = await change(sw, host, { ...ctx, confirmWithinSeconds: timer })
          const summary: AppliedChange = {
            changed: result.changed,
            diff: result.diff,
            commands: result.commands,
            ...(result.pending ? { sessionName: result.pending.sessionName } : {}),
          }
          if (result.changed && !isPendingCommit(result)) {
            await sw.close().catch(() => undefined)
            throw Object.assign(new CommittedWithoutTimer(`host ${host.name}: the change committed without a commit timer, so the fleet cannot roll it back; commit with context.confirmWithinSeconds`), { summary })
          }
          held.set(host.name, { sw, result, expiresAt: sentAt + (result.pending?.rollsBackInSeconds ?? timer) * 1000 })
          return summary
        },
        {
          kind: 'change',
          timeoutMs: options.timeoutMs ?? Math.max(1_000, Math.floor((timer * 1000) / 2)),
          retries: options.retries ?? 2,
          retryDelayMs: options.retryDelayMs ?? 500,
          maxRetryDelayMs: 5_000,
          keepDeviceOpen: true,
        },
        { ...how, emit },
        signal,
      ),
    { concurrency, maxFailPercentage: 0, signal: options.signal, emit },
  )

  const finals = new Map<string, { final: CommitFinal; status: HostStatus; error?: HostError }>()
  const checkOutcomes = new Map<string, CheckOutcome[]>()
  let reason = ''
  const problems = applied.filter((r) => r.status === 'failed' || r.status === 'unknown' || r.status === 'skipped')
  for (const r of problems) {
    const withoutTimer = r.error?.cause instanceof CommittedWithoutTimer
    const final: CommitFinal = withoutTimer ? 'committed-without-timer' : r.status === 'unknown' ? 'unknown' : r.status === 'skipped' ? 'skipped' : 'not-applied'
    const error = r.status === 'unknown' && r.error ? { ...r.error, message: `${r.error.message} (if the change reached the device, its commit timer rolls it back within ${timer} s)` } : r.error
    finals.set(r.host, { final, status: withoutTimer ? 'changed' : r.status, ...(error ? { error } : {}) })
  }
  const failedApply = problems.filter((r) => r.status !== 'skipped')
  if (failedApply.length > 0) {
    reason = `not every host applied the change (${failedApply.map((r) => `${r.host}: ${r.status}`).join(', ')})`
  } else if (options.signal?.aborted) {
    reason = 'the run was aborted'
  }

  if (!reason && checks.length > 0) {
    emit({ type: 'phase', phase: 'check', hosts: [...held.keys()] })
    const deadline = Math.min(...[...held.values()].map((h) => h.expiresAt)) - marginMs
    const checkResults = await scheduleHosts<CheckOutcome[]>(
      [[...held.keys()]],
      async (name, signal) => {
        const t0 = performance.now()
        const entry = held.get(name) as Held
        const outcomes = await runChecks(entry, byName.get(name) as InventoryHost, checks, deadline - Date.now(), signal)
        const failed = outcomes.filter((o) => !o.passed)
        return {
          host: name,
          status: failed.length > 0 ? 'failed' : 'ok',
          value: outcomes,
          ...(failed[0]?.error ? { error: failed[0].error } : {}),
          durationMs: Math.round(performance.now() - t0),
          attempts: 1,
        }
      },
      { concurrency, signal: options.signal, emit: () => undefined },
    )
    for (const r of checkResults) checkOutcomes.set(r.host, r.value ?? [])
    const failing = checkResults.filter((r) => r.status !== 'ok')
    if (failing.length > 0) reason = `post-checks failed on ${failing.map((r) => `${r.host} (${(r.value ?? []).filter((o) => !o.passed).map((o) => o.name).join(', ') || r.error?.message})`).join(', ')}`
  }
  const pending = [...held.entries()].filter(([, h]) => isPendingCommit(h.result))
  if (!reason && pending.length > 0 && Date.now() > Math.min(...pending.map(([, h]) => h.expiresAt)) - marginMs) {
    reason = 'too little time was left before the commit timers run out to confirm safely'
  }
  if (!reason && options.signal?.aborted) reason = 'the run was aborted'

  const decision = reason ? 'rollback' : 'confirm'
  emit({ type: 'decision', decision, reason: reason || 'every host applied the change and passed its checks' })
  emit({ type: 'phase', phase: decision, hosts: pending.map(([n]) => n) })
  await Promise.all(
    pending.map(async ([name, h]) => {
      try {
        if (decision === 'confirm') {
          await (h.result.confirm as NonNullable<ConfigureResult['confirm']>)()
          finals.set(name, { final: 'confirmed', status: 'changed' })
        } else {
          await (h.result.rollback as NonNullable<ConfigureResult['rollback']>)()
          finals.set(name, { final: 'rolled-back', status: 'failed', error: rolledBack(reason) })
        }
      } catch (error) {
        if (decision === 'rollback') {
          finals.set(name, { final: 'rolls-back-at-timer', status: 'failed', error: annotated(error, `the rollback request failed, so the commit timer rolls the change back within ${timer} s: ${messageOf(error)}`) })
        } else if (SwitchyardError.isSwitchyardError(error) && error.code === 'SY_COMMIT_EXPIRED') {
          finals.set(name, { final: 'rolled-back', status: 'failed', error: toHostError(error) })
        } else {
          finals.set(name, { final: 'unknown', status: 'unknown', error: annotated(error, `the confirm may not have reached the device; if it did not, the commit timer rolls the change back: ${messageOf(error)}`) })
        }
      }
    }),
  )
  await Promise.all([...held.values()].map((h) => h.sw.close().catch(() => undefined)))

  const results: CommitHostResult[] = applied.map((r) => {
    const f = finals.get(r.host)
    const final: CommitFinal = f?.final ?? (r.value?.changed ? 'confirmed' : 'unchanged')
    const status: HostStatus = f?.status ?? (r.value?.changed ? 'changed' : 'ok')
    const error = f ? f.error : undefined
    const value = r.value ?? ((r.error?.cause as { summary?: AppliedChange } | undefined)?.summary)
    return {
      host: r.host,
      status,
      ...(value ? { value } : {}),
      ...(error ? { error } : {}),
      durationMs: r.durationMs,
      attempts: r.attempts,
      final,
      checks: checkOutcomes.get(r.host) ?? [],
    }
  })
  const kept = results.some((r) => r.final === 'confirmed' || r.final === 'committed-without-timer')
  const lost = results.some((r) => r.final === 'rolled-back' || r.final === 'rolls-back-at-timer' || r.final === 'not-applied' || r.final === 'unknown' || (r.final === 'unchanged' && decision === 'rollback'))
  const outcome = !kept ? (decision === 'confirm' && !lost ? 'confirmed' : 'rolled-back') : lost || decision === 'rollback' ? 'incomplete' : 'confirmed'
  const summary = summarize(results)
  const durationMs = Math.round(performance.now() - started)
  emit({ type: 'run-end', summary, durationMs })
  return { outcome, reason: reason ? `rolled back everywhere: ${reason}` : 'confirmed everywhere: every host applied the change and passed its checks', hosts: results, summary, durationMs }
}

async function runChecks(entry: Held, host: InventoryHost, checks: readonly PostCheck[], budgetMs: number, runSignal: AbortSignal | undefined): Promise<CheckOutcome[]> {
  const out: CheckOutcome[] = []
  for (const check of checks) {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(new Error(`post-check '${check.name}' ran out of time before the commit timer`)), Math.max(1, budgetMs))
    const onAbort = () => controller.abort(new Error('the run was aborted'))
    runSignal?.addEventListener('abort', onAbort, { once: true })
    try {
      const ran = check.run(entry.sw, host, { signal: controller.signal, applied: entry.result })
      const verdict = await Promise.race([ran, new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true }))])
      out.push(verdict === false ? { name: check.name, passed: false, error: toHostError(new Error(`post-check '${check.name}' failed`)) } : { name: check.name, passed: true })
    } catch (error) {
      out.push({ name: check.name, passed: false, error: toHostError(error) })
    } finally {
      clearTimeout(timer)
      runSignal?.removeEventListener('abort', onAbort)
    }
  }
  return out
}

function rolledBack(reason: string): HostError {
  return { name: 'RolledBack', code: 'SY_COMMIT_FAILED', message: `applied, then rolled back with every other host: ${reason}` }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function annotated(error: unknown, message: string): HostError {
  const out = { ...toHostError(error), message }
  Object.defineProperty(out, 'cause', { value: error, enumerable: false })
  return out
}
