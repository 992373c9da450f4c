import { hostname } from 'node:os'
import { DelayedError, Queue, Worker, WaitingError, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import { connect as defaultConnect, SwitchyardError, type CallOptions, type ConnectOptions, type Device } from '../../src/index.js'
import { AttemptMarks } from './attempt-marks.js'
import { DeviceLocks, jobOfValue, type LockOwner } from './device-lock.js'
import { errorToWire, type WireHostResult } from './host-result.js'
import { JobDataSchema, type JobData } from './job-data.js'
import { checkTaskSpec, type QueueTaskDefinition } from './named-tasks.js'
import { describeQueueUrl, queueNames, redisClientOptions, type QueueConnection } from './redis-connection.js'
import type { SettledSession } from './settle-left-sessions.js'
import { settleLeftSessions } from './settle-left-sessions.js'

/** One structured log line of a worker (printed as JSON). */
export type WorkerLogLine = Record<string, unknown> & { msg: string }

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** The Redis that holds the queue. */
  connection: QueueConnection
  /**
   * The `connect()` options of a host, from this worker's own inventory and environment (secrets resolved here, never
   * received through Redis); `undefined` when the host is not in it.
   */
  resolveHost: (name: string) => Promise<ConnectOptions | undefined>
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
  /** BullMQ: how often a job may stall before it fails (default 3). */
  maxStalledCount?: number
  /** The connect function (tests give a counting one). */
  connect?: (options: ConnectOptions) => Promise<Device>
}

/** A running worker. */
export interface QueueWorker {
  /** The BullMQ worker. */
  readonly worker: Worker
  /**
   * Stops taking jobs and waits for the running ones; after `graceMs` (default 30 000) the rest are cancelled: a job
   * that has not touched its device yet, or a read, goes back to the queue for another worker, and a change that was
   * under way ends with its honest outcome (applied, not applied, or unknown).
   */
  close(graceMs?: number): Promise<void>
}

const SHUTDOWN = 'worker shutting down'

/**
 * Starts a worker that runs fleet jobs from a BullMQ queue: for each job, the named task on the named host. A task
 * that may configure the device holds that device's lock across every worker; a job taken over from a dead worker
 * first settles what that worker left on the device (see `settleLeftSessions`).
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { queueName, prefix } = queueNames(options.connection)
  const redisOptions = await redisClientOptions(options.connection)
  const name = options.name ?? `${hostname()}:${process.pid}`
  const log = options.log ?? ((line: WorkerLogLine) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), worker: name, ...line })}\n`))
  const connectDevice = options.connect ?? defaultConnect
  const ttlMs = options.deviceLockTtlMs ?? 60_000
  const redis = new Redis({ ...redisOptions, lazyConnect: false })
  redis.on('error', () => undefined)
  const keyPrefix = `${prefix}:${queueName}`
  const locks = new DeviceLocks(redis, keyPrefix, ttlMs)
  const marks = new AttemptMarks(redis, keyPrefix)
  let shuttingDown = false

  const processor = async (job: Job, token?: string, signal?: AbortSignal): Promise<WireHostResult> => {
    const started = Date.now()
    const data = JobDataSchema.safeParse(job.data)
    if (!data.success) {
      const result: WireHostResult = { host: String((job.data as { host?: unknown } | undefined)?.host ?? '?'), status: 'failed', error: { name: 'ValidationError', code: 'SY_VALIDATION', message: `job ${job.id} has an unknown format: ${data.error.issues[0]?.message ?? ''}` }, durationMs: 0, attempts: 0, worker: name }
      log({ msg: 'job', job: job.id, host: result.host, outcome: result.status, error: result.error?.code })
      return result
    }
    const jobData: JobData = data.data
    const host = jobData.host
    let definition: QueueTaskDefinition<unknown>
    let args: unknown
    try {
      ;({ definition, args } = checkTaskSpec(jobData.task))
    } catch (error) {
      return finish(job, jobData, started, { status: 'failed', error: errorToWire(error), attempts: 0 })
    }
    const owner: LockOwner = { jobId: String(job.id), token: token ?? 'none' }
    if (definition.writes) {
      const acquired = await acquireOrWait(job, host, owner, token)
      if (!acquired) throw new DelayedError()
    }
    const renewal = definition.writes ? renewWhileRunning(host, owner, job) : undefined
    const abort = new AbortController()
    const onAbort = () => abort.abort(signal?.reason)
    signal?.addEventListener('abort', onAbort, { once: true })
    renewal?.lost.then(() => abort.abort(new Error(`the device lock of ${host} was taken over`)))
    let sw: Device | undefined
    let touched = false
    let mark = definition.writes ? await marks.get(owner.jobId) : undefined
    try {
      const connectOptions = await options.resolveHost(host)
      if (!connectOptions) {
        return await finish(job, jobData, started, { status: 'failed', error: { name: 'ValidationError', code: 'SY_VALIDATION', message: `host ${host} is not in the inventory of worker ${name}` }, attempts: mark?.attempts ?? 0 })
      }
      const call: CallOptions = { signal: abort.signal, ...(jobData.timeoutMs ? { timeoutMs: jobData.timeoutMs } : {}) }
      sw = await connectWithRetries(() => connectDevice({ ...connectOptions, signal: abort.signal }), jobData.retries ?? 0, abort.signal)
      let settled: SettledSession[] = []
      if (definition.writes) {
        if (mark) {
          settled = await settleLeftSessions(sw, mark.since, call)
          log({ msg: 'takeover', job: job.id, host, since: new Date(mark.since).toISOString(), settled })
        }
        mark = { since: Date.now(), attempts: (mark?.attempts ?? 0) + 1 }
        await marks.set(owner.jobId, mark)
      }
      touched = true
      const outcome = await definition.run(sw, args, { host, call })
      const result = await finish(job, jobData, started, { status: outcome.status, value: outcome.value, attempts: mark?.attempts ?? 1, ...(settled.length ? { settled } : {}) })
      if (definition.writes) await marks.clear(owner.jobId)
      return result
    } catch (error) {
      if (abort.signal.aborted && abort.signal.reason === SHUTDOWN && (!touched || !definition.writes)) {
        await job.moveToWait(token)
        log({ msg: 'released', job: job.id, host, reason: SHUTDOWN })
        throw new WaitingError()
      }
      const wire = errorToWire(error)
      const status = SwitchyardError.isSwitchyardError(error) && error.code === 'SY_OUTCOME_UNKNOWN' ? 'unknown' : 'failed'
      const result = await finish(job, jobData, started, { status, error: wire, attempts: mark?.attempts ?? 1 })
      if (definition.writes && status !== 'unknown') await marks.clear(owner.jobId).catch(() => undefined)
      return result
    } finally {
      signal?.removeEventListener('abort', onAbort)
      await sw?.close().catch(() => undefined)
      renewal?.stop()
      if (definition.writes) await locks.release(host, owner).catch(() => undefined)
    }
  }

  const finish = async (job: Job, data: JobData, started: number, part: Omit<WireHostResult, 'host' | 'durationMs' | 'worker'>): Promise<WireHostResult> => {
    const result: WireHostResult = { host: data.host, ...part, durationMs: Date.now() - started, worker: name }
    log({ msg: 'job', job: job.id, run: data.run, task: data.task.name, host: data.host, outcome: result.status, durationMs: result.durationMs, attempts: result.attempts, ...(result.error ? { error: result.error.code ?? result.error.name, reason: result.error.message } : {}), ...(result.settled ? { settled: result.settled.length } : {}) })
    return result
  }

  /** Takes the device lock; when another live job holds it, puts this job back for a short while and returns false. */
  const acquireOrWait = async (job: Job, host: string, owner: LockOwner, token: string | undefined): Promise<boolean> => {
    for (let i = 0; i < 2; i++) {
      const attempt = await locks.tryAcquire(host, owner)
      if (attempt.acquired) return true
      const holderJob = jobOfValue(attempt.holder)
      const state = await queue.getJobState(holderJob)
      if (state === 'completed' || state === 'failed' || state === 'unknown') {
        // The holder finished (or vanished) without releasing: its outcome is already reported, the lock is stale.
        if (await locks.takeFrom(host, attempt.holder, owner)) return true
        continue
      }
      break
    }
    await job.moveToDelayed(Date.now() + 150 + Math.floor(Math.random() * 350), token)
    return false
  }

  const renewWhileRunning = (host: string, owner: LockOwner, job: Job) => {
    let resolveLost: () => void = () => undefined
    const lost = new Promise<void>((resolve) => (resolveLost = resolve))
    const timer = setInterval(() => {
      locks.renew(host, owner).then(
        (ok) => {
          if (!ok) {
            log({ msg: 'device lock lost', job: job.id, host })
            resolveLost()
          }
        },
        () => undefined,
      )
    }, Math.max(100, Math.floor(ttlMs / 3)))
    timer.unref()
    return { lost, stop: () => clearInterval(timer) }
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
  worker.on('error', (error) => log({ msg: 'redis error', error: error.message }))
  await worker.waitUntilReady()
  log({ msg: 'worker started', queue: queueName, redis: describeQueueUrl(options.connection.url), concurrency: options.concurrency ?? 50 })

  return {
    worker,
    close: async (graceMs = 30_000) => {
      if (shuttingDown) return
      shuttingDown = true
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
    },
  }
}

/** Connects, retrying connection failures where nothing was sent, with backoff (200 ms, 400 ms, …). */
async function connectWithRetries(open: () => Promise<Device>, retries: number, signal: AbortSignal): Promise<Device> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await open()
    } catch (error) {
      const retriable = SwitchyardError.isSwitchyardError(error) && (error.code === 'SY_CONNECTION' || error.code === 'SY_TIMEOUT') && error.requestSent !== true
      if (!retriable || attempt >= retries || signal.aborted) throw error
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt))
    }
  }
}
