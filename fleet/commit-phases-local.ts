import { isPendingCommit, type ConfigureResult, type Device } from '../src/index.js'
import { committedWithoutTimer, type AppliedChange, type CheckOutcome, type CommitConfirmOptions, type CommitPhases, type FleetChange, type HeldHost } from './commit-confirm.js'
import { executeHost, type ConnectFunction } from './host-execution.js'
import type { SecretSources } from './host-connect-options.js'
import type { FleetEvent } from './fleet-events.js'
import { toHostError } from './host-result.js'
import type { InventoryHost } from './inventory.js'
import { asPostCheck, type PostCheck } from './post-checks.js'

interface Held extends HeldHost {
  sw: Device
  result: ConfigureResult
}

/**
 * @internal The phases of a fleet-wide commit-confirm in this process: each host's device stays open from its apply
 * to its confirm or rollback, and the checks run over that same connection.
 */
export function localCommitPhases(
  hosts: readonly InventoryHost[],
  change: FleetChange,
  options: CommitConfirmOptions,
  how: { connect: ConnectFunction; secrets: SecretSources },
  emit: (event: FleetEvent<AppliedChange>) => void,
): CommitPhases {
  const timer = options.confirmWithinSeconds
  const checks = (options.checks ?? []).map(asPostCheck)
  const byName = new Map(hosts.map((h) => [h.name, h]))
  const held = new Map<string, Held>()
  const heldOf = (name: string) => held.get(name) as Held
  let closing: Promise<void> | undefined
  return {
    checking: checks.length > 0,
    apply: (name, signal) =>
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
            throw committedWithoutTimer(host.name, summary)
          }
          held.set(host.name, { sw, result, expiresAt: sentAt + (result.pending?.rollsBackInSeconds ?? timer) * 1000, pending: isPendingCommit(result) })
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
    held: () => held,
    check: (name, budgetMs, signal) => runChecks(heldOf(name), byName.get(name) as InventoryHost, checks, budgetMs, signal),
    confirm: async (name) => {
      await (heldOf(name).result.confirm as NonNullable<ConfigureResult['confirm']>)()
    },
    rollback: async (name) => {
      await (heldOf(name).result.rollback as NonNullable<ConfigureResult['rollback']>)()
    },
    close: () => (closing ??= Promise.all([...held.values()].map((h) => h.sw.close().catch(() => undefined))).then(() => undefined)),
  }
}

/** Runs the checks on one held host, each within what is left of `budgetMs`. */
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

