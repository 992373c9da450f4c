import { randomBytes } from 'node:crypto'
import { Queue, QueueEvents } from 'bullmq'
import { Redis } from 'ioredis'
import { SwitchyardError } from '../../src/index.js'
import type { FleetEvent } from '../fleet-events.js'
import { toHostError, type HostResult } from '../host-result.js'
import type { DispatchHost } from '../scheduler.js'
import { AttemptMarks } from './attempt-marks.js'
import { JOB_FORMAT, jobIdOf, type JobData } from './job-data.js'
import { checkTaskSpec, type QueueTaskDefinition, type QueueTaskSpec } from './named-tasks.js'
import { describeQueueUrl, queueNames, redisClientOptions, type QueueConnection } from './redis-connection.js'

/** How a fleet run goes through a queue (`fleet(inv).run(task, { queue })`). */
export interface FleetQueueOptions {
  /** The Redis that holds the queue; the workers use the same. */
  connection: QueueConnection
  /**
   * How long a job may wait in the queue before a worker starts it, ms, on top of the host's own deadline
   * (default 300 000). A job not accounted for by then is `unknown` (or `skipped` when it provably never started).
   */
  maxWaitMs?: number
  /** A host is given up as `unknown` when Redis has been unreachable this long, ms (default 60 000). */
  redisDownMs?: number
  /** How often the submitter checks on its jobs besides listening to queue events, ms (default 2 000). */
  pollMs?: number
  /** The run's id (default: random); job ids are `RUN--HOST`. */
  runId?: string
}

/**
 * The named task of a queued run: the same JSON `args` for every host, or `argsOf(host)` for each (a desired-state
 * document per host). Arguments are checked on the submitter before a job is sent; a host whose arguments fail the
 * check ends `failed` with nothing enqueued.
 */
export interface QueuedTask extends QueueTaskSpec {
  readonly argsOf?: (host: string) => unknown
}

/** The per-host settings a queued run passes to the workers. */
export interface QueueDispatchSettings {
  timeoutMs: number
  retries: number
}

/** A dispatcher for the fleet scheduler that sends one job per host, and closes its connections when done. */
export interface QueueDispatch<T> {
  readonly dispatch: DispatchHost<T>
  close(): Promise<void>
}

const WITHDRAWABLE = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children'])

/**
 * Opens a queue backend for one fleet run: each `dispatch(host)` enqueues a job naming the host and the task (never
 * a credential) and resolves with the result a worker returns, received through queue events with a poll as a safety
 * net. A job the submitter cannot account for (Redis unreachable, the wait passed, the job vanished) is `unknown`,
 * never `ok`; one withdrawn before any worker started it is `skipped`.
 */
export async function openQueueDispatch<T>(queueOptions: FleetQueueOptions, task: QueuedTask, settings: QueueDispatchSettings, emit: (event: FleetEvent<T>) => void): Promise<QueueDispatch<T>> {
  const { definition, argsFor } = taskArguments(task)
  const { queueName, prefix } = queueNames(queueOptions.connection)
  const redisOptions = await redisClientOptions(queueOptions.connection)
  const run = queueOptions.runId ?? `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
  const queue = new Queue(queueName, { connection: redisOptions, prefix })
  const events = new QueueEvents(queueName, { connection: redisOptions, prefix })
  const redis = new Redis(redisOptions)
  queue.on('error', () => undefined)
  events.on('error', () => undefined)
  let downSince: number | undefined
  let lastRedisError: string | undefined
  redis.on('error', (error: Error) => (lastRedisError = redisErrorText(error)))
  redis.on('close', () => (downSince ??= Date.now()))
  redis.on('ready', () => (downSince = undefined))
  const marks = new AttemptMarks(redis, `${prefix}:${queueName}`)
  const pending = new Map<string, { host: string; since: number; resolve: (r: HostResult<T>) => void; started: boolean }>()

  const settle = (jobId: string, result: HostResult<T>) => {
    const entry = pending.get(jobId)
    if (!entry) return
    pending.delete(jobId)
    entry.resolve(result)
  }
  const unknownResult = (host: string, jobId: string, since: number, why: string): HostResult<T> => ({
    host,
    status: 'unknown',
    error: toHostError(
      new SwitchyardError(
        'SY_OUTCOME_UNKNOWN',
        `the outcome on ${host} is unknown: ${why}. Job ${jobId} of queue ${queueName} may still run or have run; check the device (for a change: its switchyard configure sessions, sw.sessionOutcome) before trying again`,
        { host },
      ),
    ),
    durationMs: Date.now() - since,
    attempts: 0,
  })
  const fromReturn = (jobId: string, raw: unknown) => {
    const entry = pending.get(jobId)
    if (!entry) return
    try {
      const value = (typeof raw === 'string' ? JSON.parse(raw) : raw) as HostResult<T>
      if (typeof value !== 'object' || value === null || typeof value.status !== 'string') throw new Error('not a host result')
      settle(jobId, { ...value, host: entry.host })
    } catch {
      settle(jobId, unknownResult(entry.host, jobId, entry.since, 'the worker returned something that is not a host result'))
    }
  }
  const fromFailure = (jobId: string, reason: string) => {
    const entry = pending.get(jobId)
    if (!entry) return
    if (definition.writes) return settle(jobId, unknownResult(entry.host, jobId, entry.since, `the job failed in the queue (${reason})`))
    settle(jobId, { host: entry.host, status: 'failed', error: toHostError(new SwitchyardError('SY_CONNECTION', `the job for ${entry.host} failed in the queue: ${reason}`, { host: entry.host })), durationMs: Date.now() - entry.since, attempts: 1 })
  }

  events.on('completed', ({ jobId, returnvalue }) => fromReturn(jobId, returnvalue))
  events.on('failed', ({ jobId, failedReason }) => fromFailure(jobId, failedReason))
  events.on('active', ({ jobId }) => {
    const entry = pending.get(jobId)
    if (!entry || entry.started) return
    entry.started = true
    emit({ type: 'host-start', host: entry.host, attempt: 1 })
  })
  const closeAll = async () => {
    await within(2_000, Promise.allSettled([events.close(), queue.close(), redis.quit()])).catch(() => undefined)
    redis.disconnect()
    await within(2_000, Promise.allSettled([events.disconnect(), queue.disconnect()])).catch(() => undefined)
  }
  const reachable = await within(queueOptions.redisDownMs ?? 60_000, Promise.all([events.waitUntilReady(), queue.waitUntilReady(), redis.ping()])).then(
    () => undefined,
    (error: unknown) => `${error instanceof Error ? error.message : String(error)}${lastRedisError ? `; last error: ${lastRedisError}` : ''}`,
  )
  if (reachable !== undefined) {
    // Nothing was enqueued: every host is known not to have been started.
    await closeAll()
    return {
      dispatch: async (host) => ({ host, status: 'failed', error: toHostError(new SwitchyardError('SY_CONNECTION', `the queue at ${describeQueueUrl(queueOptions.connection.url)} could not be used (${reachable}); no job was sent for ${host}`, { host, requestSent: false })), durationMs: 0, attempts: 0 }),
      close: async () => undefined,
    }
  }

  let polling = false
  const poll = async () => {
    if (polling || pending.size === 0) return
    polling = true
    try {
      if (downSince !== undefined && Date.now() - downSince > (queueOptions.redisDownMs ?? 60_000)) {
        for (const [jobId, e] of [...pending]) settle(jobId, unknownResult(e.host, jobId, e.since, `Redis has been unreachable for ${Math.round((Date.now() - downSince) / 1000)} s`))
        return
      }
      await within(5_000, Promise.all([...pending.keys()].map(async (jobId) => {
        const job = await queue.getJob(jobId)
        const entry = pending.get(jobId)
        if (!entry) return
        if (!job) {
          // Added but gone: Redis lost it (restarted without persistence) or someone removed it.
          if (Date.now() - entry.since > 1_000) settle(jobId, unknownResult(entry.host, jobId, entry.since, 'the job is no longer in Redis (was Redis restarted without persistence?)'))
          return
        }
        if (job.finishedOn && job.failedReason) return fromFailure(jobId, job.failedReason)
        if (job.finishedOn && job.returnvalue !== undefined && job.returnvalue !== null) return fromReturn(jobId, job.returnvalue)
      })))
    } catch {
      // Redis away: the next tick tries again, and redisDownMs gives up.
    } finally {
      polling = false
    }
  }
  const poller = setInterval(() => void poll(), queueOptions.pollMs ?? 2_000)

  /** Withdraws a job that no worker started; everything else is unknown (a change) or failed (a read). */
  const giveUp = async (jobId: string, why: string, kind: 'deadline' | 'aborted') => {
    const entry = pending.get(jobId)
    if (!entry) return
    try {
      const job = await within(3_000, queue.getJob(jobId))
      if (job && WITHDRAWABLE.has(await within(3_000, job.getState()))) {
        await within(3_000, job.remove())
        const touched = await within(3_000, marks.get(jobId))
        if (!touched) {
          return settle(jobId, { host: entry.host, status: 'skipped', error: { name: 'SkippedHost', code: 'SY_SKIPPED', message: `${entry.host} was not started: ${why}; its job was withdrawn from the queue` }, durationMs: 0, attempts: 0 })
        }
      }
    } catch {
      // cannot tell: unknown below
    }
    if (!definition.writes && kind === 'aborted') {
      return settle(jobId, { host: entry.host, status: 'failed', error: { name: 'AbortedError', code: 'SY_ABORTED', message: `${why} while ${entry.host} ran` }, durationMs: Date.now() - entry.since, attempts: 1 })
    }
    settle(jobId, unknownResult(entry.host, jobId, entry.since, why))
  }

  const dispatch: DispatchHost<T> = (host, signal) =>
    new Promise<HostResult<T>>((resolve) => {
      const jobId = jobIdOf(run, host)
      const since = Date.now()
      const waitMs = settings.timeoutMs + (queueOptions.maxWaitMs ?? 300_000)
      const timer = setTimeout(() => void giveUp(jobId, `no result within ${waitMs} ms`, 'deadline'), waitMs)
      const onAbort = () => void giveUp(jobId, 'the run was aborted', 'aborted')
      pending.set(jobId, {
        host,
        since,
        started: false,
        resolve: (result) => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
          resolve(result)
        },
      })
      if (signal?.aborted) return onAbort()
      let args: unknown
      try {
        args = argsFor(host)
      } catch (error) {
        return settle(jobId, { host, status: 'failed', error: toHostError(error), durationMs: 0, attempts: 0 })
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      const data: JobData = { v: JOB_FORMAT, host, task: { name: task.name, ...(args === undefined ? {} : { args }) }, run, timeoutMs: settings.timeoutMs, retries: settings.retries }
      queue.add(task.name, data, { jobId, attempts: 1, removeOnComplete: { age: 86_400 }, removeOnFail: { age: 7 * 86_400 } }).catch((error: unknown) => {
        settle(jobId, unknownResult(host, jobId, since, `the job could not be enqueued (${error instanceof Error ? error.message : String(error)})`))
      })
    })

  return {
    dispatch,
    close: async () => {
      clearInterval(poller)
      for (const [jobId, e] of [...pending]) settle(jobId, unknownResult(e.host, jobId, e.since, 'the run ended before its result arrived'))
      await closeAll()
    },
  }
}

/** The task's definition, and its checked arguments for a host (the same for all unless `argsOf` is given). */
function taskArguments(task: QueuedTask): { definition: QueueTaskDefinition<unknown>; argsFor: (host: string) => unknown } {
  const { argsOf } = task
  if (!argsOf) {
    const { definition, args } = checkTaskSpec(task)
    return { definition, argsFor: () => args }
  }
  const { definition } = checkTaskSpec({ name: task.name, args: undefined }, false)
  return { definition, argsFor: (host) => checkTaskSpec({ name: task.name, args: argsOf(host) }).args }
}

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer))
}

/**
 * What a Redis connection error says, for a message: its text and code (e.g. a TLS verification failure such as
 * `self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`); ioredis errors carry no credentials.
 */
function redisErrorText(error: Error): string {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message
}
