import { createHash } from 'node:crypto'
import type { Change } from '../changes.js'
import type { DesiredState } from './document-schema.js'
import { canonicalStateJson, type DeviceState } from './device-state.js'
import type { ResourceDiff } from './resource-diff.js'
import { planDocument, type PlanContext, type PlanSafetyOptions } from './plan-document.js'
import { loadLineRenderer } from './line-renderer.js'

/**
 * What applying a desired-state document would do to one device: per resource the items added, changed field by
 * field and removed; the configuration lines in dependency order; the device's own diff where a dry run was asked
 * for; and `basis`, a fingerprint of the state it was computed from, which `apply(plan)` checks again. Plain data:
 * it can be stored as JSON and applied later.
 */
export interface Plan {
  /** Marks a plan object (`apply` takes a document or a plan). */
  readonly kind: 'switchyard.desired-state.plan'
  readonly platform: 'eos' | 'mos'
  /** True when applying it would change the device. */
  readonly changed: boolean
  /** Per resource, what changes (resources without changes are left out). */
  readonly resources: ResourceDiff[]
  /** The configuration lines an apply sends, in order (inside one configure session, or one checkpoint on MOS). */
  readonly lines: string[]
  /** The resolved changes the lines come from. */
  readonly changes: Change[]
  /** The device's own diff of the change from a dry-run configure session, when asked for (`deviceDiff: true`). */
  readonly deviceDiff?: string
  /** Fingerprint (SHA-256) of the device state the plan was computed from. */
  readonly basis: string
  /** The validated document. */
  readonly document: DesiredState
  /** The safety options it was planned with. */
  readonly safety: PlanSafetyOptions
  /** Remarks, e.g. what the driver could not read. */
  readonly notes: string[]
}

/** True when `value` is a {@link Plan}. */
export function isPlan(value: unknown): value is Plan {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'switchyard.desired-state.plan'
}

/** The SHA-256 fingerprint of a device state, as a plan's `basis`. */
export function stateFingerprint(state: DeviceState): string {
  return createHash('sha256').update(canonicalStateJson(state)).digest('hex')
}

/** Builds a plan for a validated document against a state, with the lines of the state's platform. */
export async function buildPlan(doc: DesiredState, current: DeviceState, ctx: PlanContext, notes: string[] = []): Promise<Plan> {
  const planned = planDocument(doc, current, ctx)
  const render = await loadLineRenderer(current.platform)
  const safety: PlanSafetyOptions = {
    ...(ctx.protectedInterfaces ? { protectedInterfaces: [...ctx.protectedInterfaces] } : {}),
    ...(ctx.allowProtected ? { allowProtected: true } : {}),
    ...(ctx.force ? { force: true } : {}),
  }
  return {
    kind: 'switchyard.desired-state.plan',
    platform: current.platform,
    changed: planned.changes.length > 0,
    resources: planned.resources,
    lines: render(planned.changes),
    changes: planned.changes,
    basis: stateFingerprint(current),
    document: doc,
    safety,
    notes,
  }
}
