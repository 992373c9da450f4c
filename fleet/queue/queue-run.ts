import { randomBytes } from 'node:crypto'
import { Queue, QueueEvents } from 'bullmq'
import { Redis } from 'ioredis'
import { SwitchyardError } from '../../src/index.js'
import { AttemptMarks } from './attempt-marks.js'
import { resultFromWire, type HostResult, type WireHostResult } from './host-result.js'
import { JOB_FORMAT, jobIdOf, type JobData } from './job-data.js'
import { checkTaskSpec, type QueueTaskSpec } from './named-tasks.js'
import { queueNames, redisClientOptions, type QueueConnection } from './redis-connection.js'

/** Progress of a queued run, as the in-process runner reports it. */
export type QueueProgressEvent =
  | { type: 'start'; host: string; total: number }
  | { type: 'result'; host: string; result: HostResult; done: number; total: number }

/** Options of {@link runOnQueue}. */
export interface QueueRunOptions {
  /** The Redis that holds the queue (the workers' too). */
  connection: QueueConnection
  /** Deadline of one attempt on one device, ms (passed to the worker). */
  timeoutMs?: number
  /** Connection failures (nothing sent) retried by the worker. */
  retries?: number
  /**
   * How long the submitter waits for all results, ms (default 600 000). Jobs not accounted for by then are
   * reported `unknown` (or `skipped` when they provably never started), never `ok`.
   */
  runTimeoutMs?: number
  /** Stops waiting: jobs not started are withdrawn, the rest reported as at the deadline. */
  signal?: AbortSignal
  /** Called for every job started and every result. */
  onProgress?: (event: QueueProgressEvent) => void
  /** The run's id (default: random); job ids are `RUN--HOST`. */
  runId?: string
  /** How often the submitter checks on jobs besides listening to queue events, ms (default 2 000). */
  pollMs?: number
}

const WITHDRAWABLE = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children'])

/**
 * Runs a named task on every host through the queue: one job per host (the host's name and the task's JSON
 * arguments; never credentials), results back through queue events, with a poll as a safety net. Resolves with one
 * result per host in the order given, shaped as the in-process runner's. A job the submitter cannot account for
 * (Redis lost, the deadline passed, the job vanished) is `unknown`, never `ok`.
 */
export async function runOnQueue(hosts: readonly string[], task: QueueTaskSpec, options: QueueRunOptions): Promise<HostResult[]> {
  const { definition, args } = checkTaskSpec(task)
  const { queueName, prefix } = queueNames(options.connection)
  const redisOptions = await redisClientOptions(options.connection)
  const run = options.runId ?? `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
  const started = Date.now()
  const total = hosts.length
  const results = new Map<string, HostResult>()
  const outstanding = new Map<string, string>(hosts.map((h) => [jobIdOf(run, h), h]))
  const startedHosts = new Set<string>()
  let finishRun: () => void = () => undefined
  const allDone = new Promise<void>((resolve) => (finishRun = resolve))

  const record = (jobId: string, result: HostResult) => {
    const host = outstanding.get(jobId)
    if (host === undefined) return
    outstanding.delete(jobId)
    results.set(host, result)
    options.onProgress?.({ type: 'result', host, result, done: results.size, total })
    if (outstanding.size === 0) finishRun()
  }
  const fromReturn = (jobId: string, raw: unknown) => {
    const host = outstanding.get(jobId)
    if (host === undefined) return
    try {
      const wire = (typeof raw === 'string' ? JSON.parse(raw) : raw) as WireHostResult
      record(jobId, { ...resultFromWire(wire), host })
    } catch {
      record(jobId, unaccounted(host, jobId, 'its result could not be read'))
    }
  }
  const fromFailure = (jobId: string, reason: string) => {
    const host = outstanding.get(jobId)
    if (host === undefined) return
    if (definition.writes) record(jobId, unaccounted(host, jobId, `the job failed in the queue (${reason})`))
    else record(jobId, { host, status: 'failed', error: new SwitchyardError('SY_CONNECTION', `the job for ${host} failed in the queue: ${reason}`, { host }), durationMs: Date.now() - started, attempts: 1 })
  }
  const unaccounted = (host: string, jobId: string, why: string): HostResult => ({
    host,
    status: 'unknown',
    error: new SwitchyardError(
      'SY_OUTCOME_UNKNOWN',
      `the outcome on ${host} is unknown: ${why}. Job ${jobId} in queue ${queueName} may still run or have run; look at the device (for a change: switchyard sessions with sw.sessionOutcome) before retrying`,
      { host },
    ),
    durationMs: Date.now() - started,
    attempts: 0,
  })

  const queue = new Queue(queueName, { connection: redisOptions, prefix })
  const events = new QueueEvents(queueName, { connection: redisOptions, prefix })
  const redis = new Redis(redisOptions)
  queue.on('error', () => undefined)
  events.on('error', () => undefined)
  redis.on('error', () => undefined)
  const marks = new AttemptMarks(redis, `${prefix}:${queueName}`)
  events.on('completed', ({ jobId, returnvalue }) => fromReturn(jobId, returnvalue))
  events.on('failed', ({ jobId, failedReason }) => fromFailure(jobId, failedReason))
  events.on('active', ({ jobId }) => {
    const host = outstanding.get(jobId)
    if (host === undefined || startedHosts.has(host)) return
    startedHosts.add(host)
    options.onProgress?.({ type: 'start', host, total })
  })

  const deadline = options.runTimeoutMs ?? 600_000
  let whyStopped: string | undefined
  let resolveStopped: (why: string) => void = () => undefined
  const stopped = new Promise<string>((resolve) => (resolveStopped = resolve))
  const stopWaiting = (why: string) => {
    whyStopped ??= why
    resolveStopped(whyStopped)
  }
  const timer = setTimeout(() => stopWaiting(`no result within ${deadline} ms`), deadline)
  const onAbort = () => stopWaiting('the run was aborted')
  options.signal?.addEventListener('abort', onAbort, { once: true })
  let poller: NodeJS.Timeout | undefined
  let enqueued = false

  try {
    const ready = await Promise.race([events.waitUntilReady().then(() => queue.waitUntilReady()).then(() => 'ready'), stopped])
    if (ready === 'ready' && outstanding.size > 0) {
      const jobs = hosts.map((host) => {
        const data: JobData = { v: JOB_FORMAT, host, task: { name: task.name, ...(args === undefined ? {} : { args }) }, run, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.retries ? { retries: options.retries } : {}) }
        return { name: task.name, data, opts: { jobId: jobIdOf(run, host), attempts: 1, removeOnComplete: { age: 86_400 }, removeOnFail: { age: 7 * 86_400 } } }
      })
      enqueued = true
      const added = await Promise.race([queue.addBulk(jobs).then(() => 'added'), stopped])
      if (added === 'added') {
        let polling = false
        poller = setInterval(() => {
          if (polling) return
          polling = true
          void poll([...outstanding.keys()]).finally(() => (polling = false))
        }, options.pollMs ?? 2_000)
        await Promise.race([allDone, stopped])
      }
    }
  } catch (error) {
    stopWaiting(`the queue refused the jobs (${error instanceof Error ? error.message : String(error)})`)
  } finally {
    clearTimeout(timer)
    clearInterval(poller)
    options.signal?.removeEventListener('abort', onAbort)
  }
  if (outstanding.size > 0 && !enqueued) {
    for (const [jobId, host] of [...outstanding]) {
      record(jobId, { host, status: 'skipped', error: new SwitchyardError('SY_ABORTED', `${host} was not started: ${whyStopped ?? 'the queue was not reached'}; no job was sent`, { host }), durationMs: Date.now() - started, attempts: 0 })
    }
  }
  if (outstanding.size > 0) await withdraw([...outstanding.keys()])
  await Promise.race([Promise.allSettled([events.close(), queue.close(), redis.quit()]), sleep(2_000)])
  events.disconnect().catch(() => undefined)
  queue.disconnect().catch(() => undefined)
  redis.disconnect()
  return hosts.map((host) => results.get(host) ?? unaccounted(host, jobIdOf(run, host), 'no result was received'))

  async function poll(jobIds: string[]): Promise<void> {
    await Promise.race([
      Promise.all(
        jobIds.map(async (jobId) => {
          const job = await queue.getJob(jobId)
          if (!outstanding.has(jobId)) return
          if (!job) return record(jobId, unaccounted(outstanding.get(jobId) as string, jobId, 'the job is no longer in Redis (was Redis restarted without persistence?)'))
          if (job.finishedOn && job.failedReason === undefined && job.returnvalue !== undefined && job.returnvalue !== null) return fromReturn(jobId, job.returnvalue)
          if (job.finishedOn && job.failedReason) return fromFailure(jobId, job.failedReason)
        }),
      ),
      sleep(5_000),
    ]).catch(() => undefined)
  }

  /** At the deadline: withdraw jobs that never started; everything else is unknown. */
  async function withdraw(jobIds: string[]): Promise<void> {
    const why = whyStopped ?? 'no result was received'
    await Promise.race([
      Promise.all(
        jobIds.map(async (jobId) => {
          const host = outstanding.get(jobId) as string
          const job = await queue.getJob(jobId)
          if (!job) return
          const state = await job.getState()
          if (!WITHDRAWABLE.has(state)) return
          await job.remove()
          const touched = await marks.get(jobId)
          if (touched) return record(jobId, unaccounted(host, jobId, `${why}; an earlier attempt reached the device and was not settled`))
          record(jobId, { host, status: 'skipped', error: new SwitchyardError('SY_ABORTED', `${host} was not started: ${why}; its job was withdrawn`, { host }), durationMs: Date.now() - started, attempts: 0 })
        }),
      ),
      sleep(3_000),
    ]).catch(() => undefined)
    for (const jobId of [...outstanding.keys()]) record(jobId, unaccounted(outstanding.get(jobId) as string, jobId, why))
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
