import { AbortedError, TimeoutError, type ConnectOptions, type Device } from '../src/index.js'
import type { FleetEvent } from './fleet-events.js'
import { hostConnectOptions, type SecretSources } from './host-connect-options.js'
import { statusOfError, statusOfValue, toHostError, type HostResult } from './host-result.js'
import type { InventoryHost } from './inventory.js'
import { backoffMs, isRetryable, type AttemptPhase, type TaskKind } from './retry-policy.js'

/** What a task gets besides the device and the host. */
export interface TaskContext {
  /** Aborted at the host's deadline or when the run is aborted: pass it to every device call. */
  readonly signal: AbortSignal
  /** 1 for the first attempt. */
  readonly attempt: number
}

/** A fleet task: any async function of a connected device and its inventory host. */
export type FleetTask<T> = (sw: Device, host: InventoryHost, context: TaskContext) => Promise<T>

/** Opens a device; `connect` from switchyard unless a fleet is given another (tests, pools, custom drivers). */
export type ConnectFunction = (options: ConnectOptions, host: InventoryHost) => Promise<Device>

/** Per-host settings of a run. */
export interface HostExecutionOptions {
  readonly kind: TaskKind
  /** Deadline of the host, all attempts included (ms). */
  readonly timeoutMs: number
  /** Retries after the first attempt, for retryable failures only. */
  readonly retries: number
  readonly retryDelayMs: number
  readonly maxRetryDelayMs: number
  /** Leave the device open after a successful task (the task keeps it, e.g. to confirm a timed commit later). */
  readonly keepDeviceOpen?: boolean
}

/** What runs one host: how to connect, where secrets come from, where events go. */
export interface HostExecutionContext {
  readonly connect: ConnectFunction
  readonly secrets: SecretSources
  readonly emit: (event: FleetEvent<never>) => void
}

/**
 * Runs a task on one host: connects, runs it, closes, and retries where {@link isRetryable} allows, with backoff.
 * Ends at the host's deadline or when `runSignal` aborts, at once (the host's signal is aborted and its device
 * closed; a task still running then is abandoned): the result is `failed` when no change can have started (still
 * connecting, a read task, waiting to retry) and `unknown` for a change task cut off while it ran.
 */
export async function executeHost<T>(
  host: InventoryHost,
  task: FleetTask<T>,
  options: HostExecutionOptions,
  context: HostExecutionContext,
  runSignal: AbortSignal | undefined,
): Promise<HostResult<T>> {
  const started = performance.now()
  const controller = new AbortController()
  let attempts = 0
  let phase: AttemptPhase | 'wait' = 'connect'
  let device: Device | undefined
  const elapsed = () => Math.round(performance.now() - started)
  const end = (result: Omit<HostResult<T>, 'host' | 'durationMs' | 'attempts'>): HostResult<T> => ({ host: host.name, ...result, durationMs: elapsed(), attempts })

  const stopped = new Promise<HostResult<T>>((resolve) => {
    controller.signal.addEventListener(
      'abort',
      () => {
        void device?.close().catch(() => undefined)
        const reason: unknown = controller.signal.reason
        const cutOff = phase === 'task' && options.kind === 'change'
        resolve(end({ status: cutOff ? 'unknown' : 'failed', error: toHostError(cutOff ? withCheck(reason) : reason) }))
      },
      { once: true },
    )
  })
  const timer = setTimeout(
    () => controller.abort(new TimeoutError(`host ${host.name} did not finish within its deadline of ${options.timeoutMs} ms`, options.timeoutMs, { host: host.name })),
    options.timeoutMs,
  )
  const onRunAbort = () => controller.abort(new AbortedError(`the run was aborted while host ${host.name} ran`, { host: host.name }))
  if (runSignal?.aborted) onRunAbort()
  else runSignal?.addEventListener('abort', onRunAbort, { once: true })

  const work = async (): Promise<HostResult<T>> => {
    for (;;) {
      attempts++
      context.emit({ type: 'host-start', host: host.name, attempt: attempts })
      phase = 'connect'
      try {
        const connectOptions = await hostConnectOptions(host, context.secrets)
        device = await context.connect({ ...connectOptions, signal: controller.signal }, host)
        if (controller.signal.aborted) return await stopped
        phase = 'task'
        const value = await task(device, host, { signal: controller.signal, attempt: attempts })
        if (options.keepDeviceOpen) device = undefined
        return end({ status: statusOfValue(value), value })
      } catch (error) {
        if (controller.signal.aborted) return await stopped
        if (attempts > options.retries || !isRetryable(error, phase as AttemptPhase, options.kind)) return end({ status: statusOfError(error), error: toHostError(error) })
        const delayMs = backoffMs(attempts, options.retryDelayMs, options.maxRetryDelayMs)
        context.emit({ type: 'host-retry', host: host.name, attempt: attempts, delayMs, error: toHostError(error) })
        phase = 'wait'
        await closeQuietly(device)
        device = undefined
        await sleep(delayMs, controller.signal)
      } finally {
        await closeQuietly(device)
      }
    }
  }
  try {
    return await Promise.race([work(), stopped])
  } finally {
    clearTimeout(timer)
    runSignal?.removeEventListener('abort', onRunAbort)
  }
}

function withCheck(reason: unknown): unknown {
  if (reason instanceof Error) reason.message += '; the change may or may not have been applied: check the device (a commit timer, if the task set one, rolls it back by itself)'
  return reason
}

async function closeQuietly(device: Device | undefined): Promise<void> {
  await device?.close().catch(() => undefined)
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true })
  })
}
