import type { ConfigureResult, DesiredState, Device } from '../src/index.js'
import { linesNotReadBack } from './diff-read-back.js'
import type { InventoryHost } from './inventory.js'

/** What a post-check gets besides the device and the host. */
export interface PostCheckContext {
  /** Aborted when the check runs out of time. */
  readonly signal: AbortSignal
  /** What the change did on this host (`changed: false` when it was already as asked). */
  readonly applied: ConfigureResult
}

/** A check run on every host after the change is applied everywhere and before it is confirmed. */
export interface PostCheck {
  /** Shown in results and reports. */
  readonly name: string
  /** Passes by returning (anything but `false`); fails by returning `false` or throwing. */
  run(sw: Device, host: InventoryHost, context: PostCheckContext): Promise<unknown>
}

/**
 * Built-in post-checks.
 *
 * @example
 * ```ts
 * await leaves.commitConfirm(change, { confirmWithinSeconds: 120, checks: [postChecks.deviceAnswers(), myPingCheck] })
 * ```
 */
export const postChecks = {
  /** The device still answers (its facts can be read over the same connection): the change did not cut management off. */
  deviceAnswers(): PostCheck {
    return {
      name: 'device answers',
      run: async (sw, _host, { signal }) => {
        await sw.facts({ signal })
      },
    }
  },
  /**
   * The applied state reads back: the device's running-config, read again, shows the change as the device's own
   * diff of it says (every added line under its parent, every removed line gone). Passes when nothing changed.
   */
  readsBack(): PostCheck {
    return {
      name: 'state reads back',
      run: async (sw, _host, { signal, applied }) => {
        if (!applied.changed || applied.diff.trim() === '') return
        const missing = linesNotReadBack(applied.diff, await sw.runningConfig({ signal }))
        if (missing.length > 0) throw new Error(`the running-config does not show the change: ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? ` (${missing.length - 5} more)` : ''}`)
      },
    }
  },
  /**
   * The applied state reads back for a desired-state document: planned again against what the device now reports,
   * the document has nothing left to do.
   */
  matchesDesiredState(documentOf: (host: InventoryHost) => DesiredState): PostCheck {
    return {
      name: 'desired state reads back',
      run: async (sw, host, { signal }) => {
        const plan = await sw.plan(documentOf(host), { signal })
        if (plan.changed) throw new Error(`planned again, the document still differs from the device: ${plan.lines.length} line(s) left, e.g. ${plan.lines.slice(0, 3).join('; ')}`)
      },
    }
  },
}

/** A post-check from a plain function (named after it). */
export function asPostCheck(check: PostCheck | ((sw: Device, host: InventoryHost, context: PostCheckContext) => Promise<unknown>)): PostCheck {
  return typeof check === 'function' ? { name: check.name || 'post-check', run: check } : check
}
