import { randomBytes } from 'node:crypto'
import { SwitchyardError, ValidationError } from '../../src/index.js'
import { committedWithoutTimer, type AppliedChange, type CheckOutcome, type CommitConfirmOptions, type CommitPhases, type HeldHost, type QueuedChange } from '../commit-confirm.js'
import type { FleetEvent } from '../fleet-events.js'
import { toHostError, type HostError, type HostResult } from '../host-result.js'
import type { InventoryHost } from '../inventory.js'
import { asPostCheck } from '../post-checks.js'
import { openQueueDispatch, type FleetQueueOptions, type QueueDispatch, type QueuedTask, type QueueDispatchSettings } from './queue-dispatch.js'

/** The checks the `post-check` task runs, by the names of the in-process built-ins. */
const BUILT_IN_CHECKS = new Set(['device answers', 'state reads back', 'desired state reads back'])
const CHECK_NAMES: Record<string, string> = { answers: 'device answers', 'reads back': 'state reads back', 'desired state reads back': 'desired state reads back' }

interface QueueHeld extends HeldHost {
  sessionName?: string
  /** The device's own diff of the applied change (what the read-back check looks for). */
  diff: string
}

/** What an `apply-with-timer` job returns (see named-tasks.ts). */
interface TimedValue {
  changed: boolean
  diff: string
  commands: string[]
  pending?: { sessionName: string; rollsBackInSeconds: number }
}

/**
 * @internal The phases of a fleet-wide commit-confirm as jobs for `switchyard worker` processes: `apply-with-timer`
 * on every host, `post-check` on every applied host, then `confirm` or `rollback` by session name. This process is
 * the coordinator and decides (see `runCommitConfirm`); a worker holds a device only for the length of one job, so if
 * this process or a worker dies between phases, each device's commit timer rolls its change back.
 */
export async function queueCommitPhases(
  hosts: readonly InventoryHost[],
  change: QueuedChange,
  options: CommitConfirmOptions & { readonly queue: FleetQueueOptions },
  emit: (event: FleetEvent<AppliedChange>) => void,
): Promise<CommitPhases> {
  const custom = (options.checks ?? []).map(asPostCheck).filter((c) => !BUILT_IN_CHECKS.has(c.name))
  if (custom.length > 0) {
    throw new ValidationError(
      `post-checks over a queue are the built-in ones the workers run (the device answers; the change reads back); these cannot travel through Redis: ${custom.map((c) => c.name).join(', ')}`,
      [{ path: ['checks'], message: 'only built-in checks over a queue' }],
    )
  }
  const timer = options.confirmWithinSeconds
  const byName = new Map(hosts.map((h) => [h.name, h]))
  const hostOf = (name: string) => byName.get(name) as InventoryHost
  const what = (name: string) => ('changeOf' in change ? { change: change.changeOf(hostOf(name)) } : { document: change.documentOf(hostOf(name)) })
  const run = options.queue.runId ?? `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
  const opened: Array<Promise<QueueDispatch<unknown>>> = []
  const open = (phase: string, task: QueuedTask, settings: QueueDispatchSettings, queue: Partial<FleetQueueOptions> = {}, onEvent: (e: FleetEvent<unknown>) => void = () => undefined) => {
    const dispatch = openQueueDispatch<unknown>({ ...options.queue, ...queue, runId: `${run}-${phase}` }, task, settings, onEvent)
    opened.push(dispatch)
    return dispatch
  }
  const lazily = <T>(make: () => Promise<T>) => {
    let made: Promise<T> | undefined
    return () => (made ??= make())
  }

  const applying = await open(
    'apply',
    { name: 'apply-with-timer', argsOf: (name) => ({ ...what(name), confirmWithinSeconds: timer }) },
    { timeoutMs: options.timeoutMs ?? Math.max(1_000, Math.floor((timer * 1000) / 2)), retries: options.retries ?? 2 },
    {},
    emit as (e: FleetEvent<unknown>) => void,
  )
  const held = new Map<string, QueueHeld>()
  const heldOf = (name: string) => held.get(name) as QueueHeld
  const timeLeft = () => Math.max(1_000, Math.min(...[...held.values()].map((h) => h.expiresAt)) - Date.now())
  const checking = lazily(() =>
    open('check', { name: 'post-check', argsOf: (name) => (change.readBack === false ? {} : 'changeOf' in change ? { diff: heldOf(name).diff } : what(name)) }, { timeoutMs: timeLeft(), retries: 0 }, { maxWaitMs: 0 }),
  )
  const confirming = lazily(() => open('confirm', { name: 'confirm', argsOf: (name) => ({ sessionName: heldOf(name).sessionName ?? null }) }, { timeoutMs: timeLeft(), retries: 2 }, { maxWaitMs: 0 }))
  const rollingBack = lazily(() => open('rollback', { name: 'rollback', argsOf: (name) => ({ sessionName: heldOf(name).sessionName ?? null }) }, { timeoutMs: timeLeft(), retries: 2 }, { maxWaitMs: 0 }))
  let closing: Promise<void> | undefined

  return {
    checking: true,
    apply: async (name, signal) => {
      const sentAt = Date.now()
      const r = await applying.dispatch(name, signal)
      if (r.status !== 'ok' && r.status !== 'changed') return r as HostResult<AppliedChange>
      const v = r.value as TimedValue
      const summary: AppliedChange = { changed: v.changed, diff: v.diff, commands: v.commands, ...(v.pending ? { sessionName: v.pending.sessionName } : {}) }
      if (v.changed && !v.pending) return { host: name, status: 'failed', error: toHostError(committedWithoutTimer(name, summary)), durationMs: r.durationMs, attempts: r.attempts }
      held.set(name, { expiresAt: sentAt + (v.pending?.rollsBackInSeconds ?? timer) * 1000, pending: v.pending !== undefined, diff: v.diff, ...(v.pending ? { sessionName: v.pending.sessionName } : {}) })
      return { ...r, value: summary }
    },
    held: () => held,
    check: async (name, budgetMs, signal) => {
      const dispatch = await checking()
      let timeout: NodeJS.Timeout | undefined
      const outOfTime = new Promise<undefined>((resolve) => (timeout = setTimeout(() => resolve(undefined), Math.max(1, budgetMs))))
      const r = await Promise.race([dispatch.dispatch(name, signal), outOfTime]).finally(() => clearTimeout(timeout))
      if (r === undefined) return [{ name: 'post-check', passed: false, error: toHostError(new Error(`post-check on ${name} ran out of time before the commit timer`)) }]
      if (r.status === 'ok' || r.status === 'changed') {
        const checks = (r.value as { checks?: string[] } | undefined)?.checks ?? []
        return checks.map((c): CheckOutcome => ({ name: CHECK_NAMES[c] ?? c, passed: true }))
      }
      return [{ name: 'post-check', passed: false, error: r.error ?? toHostError(new Error(`post-check on ${name} ended ${r.status}`)) }]
    },
    confirm: async (name) => settled(name, await (await confirming()).dispatch(name, undefined), 'confirm'),
    rollback: async (name) => settled(name, await (await rollingBack()).dispatch(name, undefined), 'rollback'),
    close: () =>
      (closing ??= Promise.allSettled(opened).then(async (all) => {
        await Promise.all(all.map((d) => (d.status === 'fulfilled' ? d.value.close() : undefined)))
      })),
  }
}

/** Returns when a confirm or rollback job did its work; otherwise throws as the device's own call would. */
function settled(host: string, r: HostResult<unknown>, what: 'confirm' | 'rollback'): void {
  if (r.status === 'ok' || r.status === 'changed') return
  const e: HostError = r.error ?? { name: 'Error', code: 'ERROR', message: `the ${what} job ended ${r.status}` }
  throw new SwitchyardError(e.code === 'SY_COMMIT_EXPIRED' ? 'SY_COMMIT_EXPIRED' : 'SY_OUTCOME_UNKNOWN', `${what} job for ${host} ended ${r.status} (${e.code}): ${e.message}`, { host })
}
