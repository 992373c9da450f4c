import { hostname } from 'node:os'
import { DelayedError, Queue, Worker, WaitingError, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import { connect as sdkConnect, ValidationError } from '../../src/index.js'
import { executeHost, type ConnectFunction, type FleetTask } from '../host-execution.js'
import type { SecretSources } from '../host-connect-options.js'
import { toHostError, type HostResult } from '../host-result.js'
import type { Inventory, InventoryHost } from '../inventory.js'
import { AttemptMarks } from './attempt-marks.js'
import { DeviceLocks, jobOfValue, type LockOwner } from './device-lock.js'
import { JobDataSchema, type JobData } from './job-data.js'
import { checkTaskSpec, type QueueTaskDefinition } from './named-tasks.js'
import { describeQueueUrl, queueNames, redisClientOptions, type QueueConnection } from './redis-connection.js'
import { settleLeftSessions, type SettledSession } from './settle-left-sessions.js'

/** One structured log line of a worker (printed as one JSON object per line). */
export type WorkerLogLine = Record<string, unknown> & { msg: string }

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** The Redis that holds the queue. */
  connection: QueueConnection
  /** This worker's own inventory: jobs name a host, the worker finds it here and resolves its secrets itself. */
  inventory: Inventory
  /** Where `{ env }` / `{ file }` secrets are read (default: this process's environment and file system). */
  secrets?: SecretSources
  /** How to open a device (default: switchyard's `connect`). */
  connect?: ConnectFunction
  /** Jobs run at once by this worker (default 50). */
  concurrency?: number
  /** Name of this worker in logs and on jobs (default `hostname:pid`). */
  name?: string
  /** Where structured log lines go (default: one JSON line each on stdout). */
  log?: (line: WorkerLogLine) => void
  /** Life of a device lock without renewal, ms (default 60 000; renewed every third of it). */
  deviceLockTtlMs?: number
  /** BullMQ: how long a job's lock lives without renewal, ms (default 30 000); a dead worker's jobs stall after it. */
  lockDurationMs?: number
  /** BullMQ: how often stalled jobs are looked for, ms (default 30 000). */
  stalledIntervalMs?: number
  /** BullMQ: how often a job may stall before it fails, and is reported `unknown` (default 3). */
  maxStalledCount?: number
}

/** A running worker. */
export interface QueueWorker {
  /** The BullMQ worker. */
  readonly worker: Worker
  /**
   * Stops taking jobs and waits for the running ones; after `graceMs` (default 30 000) the rest are cancelled: a read,
   * or a job that has not reached its device yet, goes back to the queue for another worker, and a change under way
   * ends with its honest outcome (applied, not applied, or unknown).
   */
  close(graceMs?: number): Promise<void>
}

const SHUTDOWN = 'worker shutting down'

/**
 * Starts a worker that runs fleet jobs from a BullMQ queue: for each job, the named task on the named host of this
 * worker's inventory, with the in-process runner's per-host execution (deadline, retries where nothing can have
 * changed, statuses). A task that may configure the device holds the device's lock across every worker; a job taken
 * over from a dead worker first settles what that worker left on the device (see {@link settleLeftSessions}).
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { queueName, prefix } = queueNames(options.connection)
  const redisOptions = await redisClientOptions(options.connection)
  const name = options.name ?? `${hostname()}:${process.pid}`
  const log = options.log ?? ((line: WorkerLogLine) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), worker: name, ...line })}\n`))
  const connect: ConnectFunction = options.connect ?? ((o) => sdkConnect(o))
  const hosts = new Map<string, InventoryHost>(options.inventory.hosts.map((h) => [h.name, h]))
  const ttlMs = options.deviceLockTtlMs ?? 60_000
  const redis = new Redis(redisOptions)
  redis.on('error', () => undefined)
  const keyPrefix = `${prefix}:${queueName}`
  const locks = new DeviceLocks(redis, keyPrefix, ttlMs)
  const marks = new AttemptMarks(redis, keyPrefix)
  let closing: Promise<void> | undefined

  const processor = async (job: Job, token?: string, signal?: AbortSignal): Promise<HostResult<unknown>> => {
    const parsed = JobDataSchema.safeParse(job.data)
    if (!parsed.success) {
      const host = String((job.data as { host?: unknown } | undefined)?.host ?? '?')
      return report(job, undefined, { host, status: 'failed', error: toHostError(new ValidationError(`job ${job.id} has a format this worker does not know: ${parsed.error.issues[0]?.message ?? ''}`)), durationMs: 0, attempts: 0 })
    }
    const data = parsed.data
    let definition: QueueTaskDefinition<unknown>
    let args: unknown
    try {
      ;({ definition, args } = checkTaskSpec(data.task))
    } catch (error) {
      return report(job, data, { host: data.host, status: 'failed', error: toHostError(error), durationMs: 0, attempts: 0 })
    }
    const host = hosts.get(data.host)
    if (!host) {
      return report(job, data, { host: data.host, status: 'failed', error: toHostError(new ValidationError(`host ${data.host} is not in the inventory of worker ${name}`)), durationMs: 0, attempts: 0 })
    }
    const owner: LockOwner = { jobId: String(job.id), token: token ?? 'none' }
    if (definition.writes && !(await acquireOrWait(job, data.host, owner, token))) throw new DelayedError()

    const run = new AbortController()
    const onAbort = () => run.abort(signal?.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    const renewal = definition.writes ? renewWhileRunning(data.host, owner, job, () => run.abort(new Error(`the device lock of ${data.host} was taken over`))) : undefined
    let touched = false
    let settled: SettledSession[] = []
    const task: FleetTask<unknown> = async (sw, _host, context) => {
      const call = { signal: context.signal }
      if (definition.writes) {
        const mark = await marks.get(owner.jobId)
        if (mark) {
          settled = await settleLeftSessions(sw, mark.since, call)
          log({ msg: 'takeover', job: job.id, host: data.host, since: new Date(mark.since).toISOString(), settled })
        }
        touched = true
        await marks.set(owner.jobId, { since: Date.now(), attempts: (mark?.attempts ?? 0) + 1 })
      } else {
        touched = true
      }
      return definition.run(sw, args, { host: data.host, call })
    }
    try {
      const result = await executeHost(
        host,
        task,
        { kind: definition.writes ? 'change' : 'read', timeoutMs: data.timeoutMs ?? 300_000, retries: data.retries ?? 2, retryDelayMs: 500, maxRetryDelayMs: 10_000 },
        { connect, secrets: options.secrets ?? {}, emit: () => undefined },
        run.signal,
      )
      if (run.signal.aborted && run.signal.reason === SHUTDOWN && (!touched || !definition.writes)) {
        await job.moveToWait(token)
        log({ msg: 'released', job: job.id, host: data.host, reason: SHUTDOWN })
        throw new WaitingError()
      }
      if (definition.writes && result.status !== 'unknown') await marks.clear(owner.jobId)
      return report(job, data, result, settled)
    } finally {
      signal?.removeEventListener('abort', onAbort)
      renewal?.stop()
      if (definition.writes) await locks.release(data.host, owner).catch(() => undefined)
    }
  }

  const report = (job: Job, data: JobData | undefined, result: HostResult<unknown>, settled: SettledSession[] = []): HostResult<unknown> => {
    log({
      msg: 'job',
      job: job.id,
      ...(data ? { run: data.run, task: data.task.name } : {}),
      host: result.host,
      outcome: result.status,
      durationMs: result.durationMs,
      attempts: result.attempts,
      ...(result.error ? { error: result.error.code, reason: result.error.message } : {}),
      ...(settled.length > 0 ? { settled: settled.map((s) => `${s.session} ${s.action}`) } : {}),
    })
    return result
  }

  /** Takes the device lock; when another live job holds it, puts this job back for a moment and returns false. */
  const acquireOrWait = async (job: Job, host: string, owner: LockOwner, token: string | undefined): Promise<boolean> => {
    for (let i = 0; i < 2; i++) {
      const attempt = await locks.tryAcquire(host, owner)
      if (attempt.acquired) return true
      const state = await queue.getJobState(jobOfValue(attempt.holder))
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') break
      // The holder ended (or vanished) without releasing: its outcome is already reported, so the lock is stale.
      if (await locks.takeFrom(host, attempt.holder, owner)) return true
    }
    await job.moveToDelayed(Date.now() + 100 + Math.floor(Math.random() * 300), token)
    return false
  }

  const renewWhileRunning = (host: string, owner: LockOwner, job: Job, onLost: () => void) => {
    const timer = setInterval(() => {
      locks.renew(host, owner).then(
        (ok) => {
          if (ok) return
          log({ msg: 'device lock lost', job: job.id, host })
          onLost()
        },
        () => undefined,
      )
    }, Math.max(100, Math.floor(ttlMs / 3)))
    timer.unref()
    return { stop: () => clearInterval(timer) }
  }

  const queue = new Queue(queueName, { connection: redisOptions, prefix })
  queue.on('error', () => undefined)
  const worker = new Worker(queueName, processor, {
    connection: redisOptions,
    prefix,
    concurrency: options.concurrency ?? 50,
    name,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 3,
    removeOnComplete: { age: 86_400, count: 100_000 },
    removeOnFail: { age: 7 * 86_400 },
  })
  let lastError = ''
  worker.on('error', (error) => {
    if (error.message !== lastError) log({ msg: 'redis error', error: error.message })
    lastError = error.message
  })
  worker.on('ready', () => (lastError = ''))
  await worker.waitUntilReady()
  log({ msg: 'worker started', queue: queueName, redis: describeQueueUrl(options.connection.url), concurrency: options.concurrency ?? 50, hosts: hosts.size })

  return {
    worker,
    close: (graceMs = 30_000) =>
      (closing ??= (async () => {
        log({ msg: 'stopping', graceMs })
        const timer = setTimeout(() => worker.cancelAllJobs(SHUTDOWN), graceMs)
        try {
          await worker.close()
        } finally {
          clearTimeout(timer)
          await queue.close().catch(() => undefined)
          await redis.quit().catch(() => redis.disconnect())
          log({ msg: 'stopped' })
        }
      })()),
  }
}
