import { mapConcurrent, SwitchyardError, ValidationError, type ConfigureResult, type DesiredState, type Device } from '../src/index.js'
import type { ChangeSpec } from './queue/change-spec.js'
import type { FleetEvent } from './fleet-events.js'
import type { TaskContext } from './host-execution.js'
import { summarize, toHostError, type HostError, type HostResult, type HostStatus } from './host-result.js'
import type { InventoryHost } from './inventory.js'
import type { PostCheck, PostCheckContext } from './post-checks.js'
import type { FleetQueueOptions } from './queue/queue-dispatch.js'
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
  /**
   * Most confirm (or rollback) requests in flight at once once the fleet has decided (1-10000, default 100). Higher
   * than `concurrency` by default because every held host's timer is running; the engine checks before deciding that
   * enough time is left.
   */
  readonly confirmConcurrency?: number
  /** Deadline of one host's apply in ms (default: half the timer). */
  readonly timeoutMs?: number
  /** Retries of a host whose change certainly did not reach it (default 2). */
  readonly retries?: number
  readonly retryDelayMs?: number
  /** Aborts: no new host is applied, and every applied host is rolled back. */
  readonly signal?: AbortSignal
  readonly onEvent?: (event: FleetEvent<unknown>) => void
  /**
   * Run the phases as jobs on `switchyard worker` processes over Redis (`apply-with-timer`, `post-check`, then
   * `confirm` or `rollback` by session name); this process decides. The change must then be a {@link QueuedChange},
   * and the checks are the built-in ones the `post-check` task runs (the device answers; the change reads back).
   */
  readonly queue?: FleetQueueOptions
}

/**
 * A change that can travel as queue jobs: JSON steps per host (`changeOf`, each step one `Transaction` method) or a
 * desired-state document per host (`documentOf`). `readBack` (default true): the post-check also checks that the
 * change (or document) reads back.
 */
export type QueuedChange =
  | { readonly changeOf: (host: InventoryHost) => ChangeSpec; readonly readBack?: boolean }
  | { readonly documentOf: (host: InventoryHost) => DesiredState; readonly readBack?: boolean }

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

/** @internal What the engine knows of a host that applied: when its commit timer runs out at the latest, and whether it holds one. */
export interface HeldHost {
  /** Epoch ms, by this process's clock (measured from before the change was sent). */
  readonly expiresAt: number
  /** True when the change is committed with a timer (confirm or roll back it); false when nothing changed. */
  readonly pending: boolean
}

/**
 * @internal How the phases of a fleet-wide commit-confirm run on one host: in this process over open connections
 * (`commit-phases-local.ts`) or as jobs for queue workers (`queue/queue-commit-phases.ts`). The decision — who is
 * checked, when to confirm, when to roll back, what each host's final state is — is {@link runCommitConfirm}'s alone.
 */
export interface CommitPhases {
  /** Whether there is a check phase. */
  readonly checking: boolean
  /** Applies the change with the timer; never rejects. A host ending `ok` or `changed` is then in {@link held}. */
  apply(host: string, signal: AbortSignal | undefined): Promise<HostResult<AppliedChange>>
  /** The hosts that applied, in the order they did. */
  held(): ReadonlyMap<string, HeldHost>
  /** Runs the post-checks on a held host within `budgetMs`; never rejects. */
  check(host: string, budgetMs: number, signal: AbortSignal | undefined): Promise<CheckOutcome[]>
  /** Confirms a pending host; throws as the device's confirm does (`SY_COMMIT_EXPIRED`, `SY_OUTCOME_UNKNOWN`…). */
  confirm(host: string): Promise<void>
  /** Rolls a pending host back; throws when the request failed (its timer then rolls it back). */
  rollback(host: string): Promise<void>
  /** Releases what the phases hold (connections, queue clients). */
  close(): Promise<void>
}

class CommittedWithoutTimer extends Error {}

/**
 * @internal The error of a host whose change committed without a commit timer (the fleet cannot roll it back); the
 * engine reports it `committed-without-timer` with `summary` as its value.
 */
export function committedWithoutTimer(host: string, summary: AppliedChange): Error {
  return Object.assign(new CommittedWithoutTimer(`host ${host}: the change committed without a commit timer, so the fleet cannot roll it back; commit with context.confirmWithinSeconds`), { summary })
}

/** @internal Checks the timer of a commit-confirm (1-86400 s) and returns it. */
export function checkCommitTimer(options: CommitConfirmOptions): number {
  const timer = options.confirmWithinSeconds
  if (!Number.isInteger(timer) || timer < 1 || timer > 86_400) {
    throw new ValidationError('invalid commitConfirm options: confirmWithinSeconds must be a whole number from 1 to 86400', [{ path: ['confirmWithinSeconds'], message: 'must be 1-86400' }])
  }
  return timer
}

/** @internal Checks `confirmConcurrency` (1-10000) and returns it, 100 when absent. */
export function checkConfirmConcurrency(options: CommitConfirmOptions): number {
  const n = options.confirmConcurrency ?? 100
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new ValidationError('invalid commitConfirm options: confirmConcurrency must be a whole number from 1 to 10000', [{ path: ['confirmConcurrency'], message: 'must be 1-10000' }])
  }
  return n
}

/**
 * @internal The engine of `Fleet.commitConfirm`, in-process or over a queue: apply everywhere (no new host after the
 * first failure), check every applied host before its timer runs short, then confirm every pending host only if all
 * applied and passed, else roll them all back at once; and the final state of each host.
 */
export async function runCommitConfirm(
  names: readonly string[],
  phases: CommitPhases,
  options: CommitConfirmOptions,
  emit: (event: FleetEvent<AppliedChange>) => void,
): Promise<CommitConfirmResult> {
  const started = performance.now()
  const timer = checkCommitTimer(options)
  const confirmConcurrency = checkConfirmConcurrency(options)
  const concurrency = options.concurrency ?? 20
  const marginMs = Math.max(2_000, timer * 100)
  try {
    emit({ type: 'run-start', hosts: names, batches: [names] })

    emit({ type: 'phase', phase: 'apply', hosts: names })
    const applied = await scheduleHosts<AppliedChange>([names], (name, signal) => phases.apply(name, signal), { concurrency, maxFailPercentage: 0, signal: options.signal, emit })

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

    const held = phases.held()
    if (!reason && phases.checking && held.size > 0) {
      emit({ type: 'phase', phase: 'check', hosts: [...held.keys()] })
      const deadline = Math.min(...[...held.values()].map((h) => h.expiresAt)) - marginMs
      const checkResults = await scheduleHosts<CheckOutcome[]>(
        [[...held.keys()]],
        async (name) => {
          const t0 = performance.now()
          const outcomes = await phases.check(name, deadline - Date.now(), options.signal)
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
    const pending = [...held.entries()].filter(([, h]) => h.pending)
    if (!reason && pending.length > 0 && Date.now() > Math.min(...pending.map(([, h]) => h.expiresAt)) - marginMs) {
      reason = 'too little time was left before the commit timers run out to confirm safely'
    }
    if (!reason && options.signal?.aborted) reason = 'the run was aborted'

    const decision = reason ? 'rollback' : 'confirm'
    emit({ type: 'decision', decision, reason: reason || 'every host applied the change and passed its checks' })
    emit({ type: 'phase', phase: decision, hosts: pending.map(([n]) => n) })
    await mapConcurrent(
      pending,
      confirmConcurrency,
      async ([name]) => {
        try {
          if (decision === 'confirm') {
            await phases.confirm(name)
            finals.set(name, { final: 'confirmed', status: 'changed' })
          } else {
            await phases.rollback(name)
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
      },
    )
    await phases.close()

    const results: CommitHostResult[] = applied.map((r) => {
      const f = finals.get(r.host)
      const final: CommitFinal = f?.final ?? (r.value?.changed ? 'confirmed' : 'unchanged')
      const status: HostStatus = f?.status ?? (r.value?.changed ? 'changed' : 'ok')
      const error = f ? f.error : undefined
      const value = r.value ?? (r.error?.cause as { summary?: AppliedChange } | undefined)?.summary
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
    const confirmedReason = names.length === 0 ? 'nothing to do: no host was selected' : 'confirmed everywhere: every host applied the change and passed its checks'
    return { outcome, reason: reason ? `rolled back everywhere: ${reason}` : confirmedReason, hosts: results, summary, durationMs }
  } finally {
    await phases.close()
  }
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
