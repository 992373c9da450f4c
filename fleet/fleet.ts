import { connect as sdkConnect, ValidationError, type DesiredState, type Transaction } from '../src/index.js'
import { checkCommitTimer, checkConfirmConcurrency, runCommitConfirm, type AppliedChange, type CommitConfirmOptions, type CommitConfirmResult, type FleetChange, type QueuedChange } from './commit-confirm.js'
import { localCommitPhases } from './commit-phases-local.js'
import { queueCommitPhases } from './queue/queue-commit-phases.js'
import { postChecks } from './post-checks.js'
import type { FleetEvent } from './fleet-events.js'
import { FleetRun } from './fleet-run.js'
import { checkSecrets, type SecretSources } from './host-connect-options.js'
import { executeHost, type ConnectFunction, type FleetTask } from './host-execution.js'
import type { Inventory, InventoryHost } from './inventory.js'
import type { TaskKind } from './retry-policy.js'
import { planBatches, type RolloutOptions } from './rollout.js'
import { runScheduled } from './scheduled-run.js'
import { selectHosts } from './select-hosts.js'
import { openQueueDispatch, type FleetQueueOptions } from './queue/queue-dispatch.js'
import type { QueueTaskSpec } from './queue/named-tasks.js'

/**
 * A named task for a queued run (`run(task, { queue })`): the same JSON `args` for every host, or `argsOf(host)` for
 * each (e.g. the host's desired-state document). Only JSON, never a credential.
 */
export interface QueueRunTask extends QueueTaskSpec {
  readonly argsOf?: (host: InventoryHost) => unknown
}

/** Options of {@link fleet}. */
export interface FleetOptions {
  /** How to open a device (default: switchyard's `connect`). */
  readonly connect?: ConnectFunction
  /** Where `{ env }` and `{ file }` secrets are read (default: the process environment and the file system). */
  readonly secrets?: SecretSources
}

/** Options of {@link Fleet.run}. */
export interface RunOptions extends RolloutOptions {
  /** Most hosts running at once (default 20; never exceeded). */
  readonly concurrency?: number
  /** Each host's deadline, all attempts included, in ms (default 300 000): a hung host ends at it. */
  readonly timeoutMs?: number
  /**
   * `change` (default) when the task may change devices, `read` when it only reads. A read is retried after any
   * connection-level failure, and a read cut off at its deadline is `failed`; a change is retried only when it
   * certainly did not reach the device, and a change cut off is `unknown`.
   */
  readonly kind?: TaskKind
  /** Retries after the first attempt, for retryable failures only (default 2). */
  readonly retries?: number
  /** First retry waits about this long, doubling each time (default 500 ms), at most `maxRetryDelayMs` (default 10 000). */
  readonly retryDelayMs?: number
  readonly maxRetryDelayMs?: number
  /** Stop starting hosts once failed and unknown hosts exceed this percentage of the selected hosts (0-100). */
  readonly maxFailPercentage?: number
  /** Stops starting hosts and cancels the running ones. */
  readonly signal?: AbortSignal
  /** Called with every progress event (the run is also an async iterable of them). */
  readonly onEvent?: (event: FleetEvent<unknown>) => void
  /**
   * Run on `switchyard worker` processes over Redis instead of in this process: one job per host, same results,
   * events and exit codes. The task must then be a named task (`{ name, args }`); secrets are resolved by the workers.
   */
  readonly queue?: FleetQueueOptions
}

/**
 * A set of inventory hosts to run tasks on. Create with {@link fleet}; narrow with {@link Fleet.select}.
 *
 * @example
 * ```ts
 * const leaves = fleet(await loadInventory('inventory.yaml')).select('leaves,!leaf3')
 * const results = await leaves.run((sw) => sw.vlans.list(), { kind: 'read', concurrency: 50 })
 * for (const r of results) if (r.status === 'failed') console.error(r.host, r.error?.code, r.error?.message)
 * ```
 */
export class Fleet {
  /** The selected hosts, in inventory order. */
  readonly hosts: readonly InventoryHost[]
  readonly #inventory: Inventory
  readonly #options: FleetOptions

  /** @internal Use {@link fleet}. */
  constructor(inventory: Inventory, hosts: readonly InventoryHost[], options: FleetOptions) {
    this.#inventory = inventory
    this.hosts = hosts
    this.#options = options
  }

  /** The inventory the fleet comes from. */
  get inventory(): Inventory {
    return this.#inventory
  }

  /** The hosts matching an Ansible-style `--limit` pattern (see `selectHosts`), among this fleet's hosts. */
  select(pattern: string): Fleet {
    const chosen = new Set(selectHosts(this.#inventory, pattern).map((h) => h.name))
    return new Fleet(this.#inventory, this.hosts.filter((h) => chosen.has(h.name)), this.#options)
  }

  /** How hosts are connected and where secrets come from (for code that runs hosts itself, e.g. a queue worker). */
  get connectOptions(): { connect: ConnectFunction; secrets: SecretSources } {
    return { connect: this.#options.connect ?? ((options) => sdkConnect(options)), secrets: this.#options.secrets ?? {} }
  }

  /**
   * Runs `task` on every host: connected for it and closed after it. Every secret of every host is resolved first,
   * so a missing variable stops the run before any device is touched. Resolves with one result per host in selection
   * order, never rejecting because a host failed; `skipped` hosts were never started.
   */
  run<T>(task: FleetTask<T>, options?: RunOptions): FleetRun<T>
  run(task: QueueRunTask, options: RunOptions & { readonly queue: FleetQueueOptions }): FleetRun<unknown>
  run<T>(task: FleetTask<T> | QueueRunTask, options: RunOptions = {}): FleetRun<T> {
    if (typeof task !== 'function') return this.#runOnQueue(task, options) as FleetRun<T>
    return new FleetRun<T>(async (emit) => {
      const started = performance.now()
      const settings = checkRunOptions(options)
      const batches = planBatches(
        this.hosts.map((h) => h.name),
        options,
      )
      await checkSecrets(this.hosts, this.connectOptions.secrets)
      const byName = new Map(this.hosts.map((h) => [h.name, h]))
      const send = (event: FleetEvent<T>) => {
        emit(event)
        options.onEvent?.(event as FleetEvent<unknown>)
      }
      return runScheduled<T>(
        batches,
        (name, signal) => executeHost(byName.get(name) as InventoryHost, task, settings, { ...this.connectOptions, emit: send }, signal),
        { ...options, concurrency: settings.concurrency },
        send,
        started,
      )
    })
  }

  #runOnQueue(task: QueueRunTask, options: RunOptions): FleetRun<unknown> {
    return new FleetRun<unknown>(async (emit) => {
      const started = performance.now()
      const settings = checkRunOptions(options)
      if (!options.queue) throw new ValidationError('a named task ({ name, args }) runs on a queue: give options.queue', [{ path: ['queue'], message: 'required for a named task' }])
      const batches = planBatches(
        this.hosts.map((h) => h.name),
        options,
      )
      const send = (event: FleetEvent<unknown>) => {
        emit(event)
        options.onEvent?.(event)
      }
      const byName = new Map(this.hosts.map((h) => [h.name, h]))
      const { argsOf } = task
      const queued = argsOf ? { name: task.name, argsOf: (name: string) => argsOf(byName.get(name) as InventoryHost) } : { name: task.name, ...(task.args === undefined ? {} : { args: task.args }) }
      const backend = await openQueueDispatch<unknown>(options.queue, queued, settings, send)
      try {
        return await runScheduled<unknown>(batches, backend.dispatch, { ...options, concurrency: settings.concurrency }, send, started)
      } finally {
        await backend.close()
      }
    })
  }

  /**
   * Fleet-wide commit-confirm: applies `change` to every host with a commit timer (`context.confirmWithinSeconds`),
   * runs the post-checks on every host once all are applied, and then confirms everywhere only if every host applied
   * and passed; otherwise rolls every applied host back at once. No new host is applied after the first failure. If
   * this process dies before confirming, each device's timer rolls it back by itself. A host whose outcome is unknown
   * blocks the confirm and is reported as `unknown`.
   *
   * @example
   * ```ts
   * const result = await leaves.commitConfirm(
   *   (sw, _host, ctx) => sw.configure((tx) => tx.vlans.create({ id: 20, name: 'pxe' }), { confirmWithinSeconds: ctx.confirmWithinSeconds }),
   *   { confirmWithinSeconds: 120, checks: [postChecks.deviceAnswers()] },
   * )
   * if (result.outcome !== 'confirmed') console.error(result.reason)
   * ```
   */
  commitConfirm(change: FleetChange | QueuedChange, options: CommitConfirmOptions): FleetRun<AppliedChange, CommitConfirmResult> {
    return new FleetRun<AppliedChange, CommitConfirmResult>(async (emit) => {
      const send = (event: FleetEvent<AppliedChange>) => {
        emit(event)
        options.onEvent?.(event as FleetEvent<unknown>)
      }
      checkCommitTimer(options)
      checkConfirmConcurrency(options)
      const names = this.hosts.map((h) => h.name)
      if (options.queue) {
        if (typeof change === 'function') throw new ValidationError('a function cannot travel through a queue: give { changeOf } (JSON steps) or { documentOf } for a queued commit-confirm', [{ path: ['change'], message: 'a QueuedChange over a queue' }])
        return runCommitConfirm(names, await queueCommitPhases(this.hosts, change, { ...options, queue: options.queue }, send), options, send)
      }
      if (typeof change !== 'function') throw new ValidationError('a { changeOf } or { documentOf } change runs over a queue: give options.queue, or pass a function', [{ path: ['queue'], message: 'required for a QueuedChange' }])
      await checkSecrets(this.hosts, this.connectOptions.secrets)
      return runCommitConfirm(names, localCommitPhases(this.hosts, change, options, this.connectOptions, send), options, send)
    })
  }

  /**
   * {@link commitConfirm} of one transaction per host: `build` records the changes for a host (it gets the host, for
   * its data), the fleet commits them with the timer, and checks that they read back before confirming.
   *
   * @example
   * ```ts
   * await fleet(inv).select('role=leaf').configure((tx, host) => tx.vlans.create({ id: 20, name: `pxe-${host.data.site}` }), { confirmWithinSeconds: 120 })
   * ```
   */
  configure(build: (tx: Transaction, host: InventoryHost) => void | Promise<void>, options: FleetConfigureOptions): FleetRun<AppliedChange, CommitConfirmResult> {
    if (options.queue) {
      throw new ValidationError('a transaction builder cannot travel through a queue: use commitConfirm({ changeOf: (host) => [{ op, args }] }, { queue, … })', [{ path: ['queue'], message: 'not with configure()' }])
    }
    const { readBack, ...rest } = options
    const checks = readBack === false ? (rest.checks ?? []) : [postChecks.readsBack(), ...(rest.checks ?? [])]
    return this.commitConfirm((sw, host, ctx) => sw.configure((tx) => build(tx, host), { confirmWithinSeconds: ctx.confirmWithinSeconds, signal: ctx.signal }), { ...rest, checks })
  }

  /**
   * {@link commitConfirm} of a desired-state document per host (`sw.apply(doc, { confirmWithinSeconds })`): every
   * host applied with a timer, each checked to read back (planned again, nothing left), then confirmed everywhere or
   * rolled back everywhere. Hosts with nothing to do open no session and end `ok`.
   *
   * @example
   * ```ts
   * const { documents } = await loadDesiredStateFiles('desired/', leaves.hosts)
   * const result = await leaves.applyDesiredState((host) => documents.get(host.name) as DesiredState, { confirmWithinSeconds: 300 })
   * ```
   */
  applyDesiredState(documentOf: (host: InventoryHost) => DesiredState, options: FleetApplyOptions): FleetRun<AppliedChange, CommitConfirmResult> {
    const { readBack, ...rest } = options
    if (options.queue) return this.commitConfirm({ documentOf, ...(readBack === undefined ? {} : { readBack }) }, rest)
    const checks = readBack === false ? (rest.checks ?? []) : [postChecks.matchesDesiredState(documentOf), ...(rest.checks ?? [])]
    return this.commitConfirm((sw, host, ctx) => sw.apply(documentOf(host), { confirmWithinSeconds: ctx.confirmWithinSeconds, signal: ctx.signal }), { ...rest, checks })
  }
}

/** Options of {@link Fleet.configure}: those of a commit-confirm, and whether the read-back check is added. */
export interface FleetConfigureOptions extends CommitConfirmOptions {
  /** Add the built-in check that the change reads back (default true). */
  readonly readBack?: boolean
}

/** Options of {@link Fleet.applyDesiredState}. */
export interface FleetApplyOptions extends CommitConfirmOptions {
  /** Add the built-in check that each document reads back (planned again: nothing left to do; default true). */
  readonly readBack?: boolean
}

/**
 * A fleet of every host of an inventory.
 *
 * @example
 * ```ts
 * const results = await fleet(await loadInventory('lab.yaml')).run((sw) => sw.facts(), { kind: 'read' })
 * ```
 */
export function fleet(inventory: Inventory, options: FleetOptions = {}): Fleet {
  return new Fleet(inventory, inventory.hosts, options)
}

function checkRunOptions(o: RunOptions) {
  const problems: string[] = []
  const int = (v: number | undefined, name: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (v !== undefined && !(Number.isInteger(v) && v >= min && v <= max)) problems.push(`${name} must be a whole number from ${min} to ${max}`)
  }
  int(o.concurrency, 'concurrency', 1, 10_000)
  int(o.timeoutMs, 'timeoutMs', 1, 2 ** 31 - 1)
  int(o.retries, 'retries', 0, 20)
  int(o.retryDelayMs, 'retryDelayMs', 0, 600_000)
  int(o.maxRetryDelayMs, 'maxRetryDelayMs', 0, 600_000)
  if (o.maxFailPercentage !== undefined && !(o.maxFailPercentage >= 0 && o.maxFailPercentage <= 100)) problems.push('maxFailPercentage must be from 0 to 100')
  if (o.kind !== undefined && o.kind !== 'read' && o.kind !== 'change') problems.push("kind must be 'read' or 'change'")
  if (problems.length > 0) throw new ValidationError(`invalid run options: ${problems.join('; ')}`, problems.map((message) => ({ path: [], message })))
  return {
    concurrency: o.concurrency ?? 20,
    timeoutMs: o.timeoutMs ?? 300_000,
    kind: o.kind ?? 'change',
    retries: o.retries ?? 2,
    retryDelayMs: o.retryDelayMs ?? 500,
    maxRetryDelayMs: o.maxRetryDelayMs ?? 10_000,
  } as const
}
