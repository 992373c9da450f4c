import type { Change } from '../changes.js'
import { ValidationError } from '../errors.js'
import { InterfaceNameSchema } from '../model/primitives.js'
import { normaliseMosPort } from '../model/l1.js'
import { SECTION_NAMES, SECTIONS_OF, type DesiredState } from './document-schema.js'
import type { DeviceState } from './device-state.js'
import { eosTarget } from './eos-target.js'
import { mosTarget } from './mos-target.js'
import { eosChanges } from './eos-changes.js'
import { mosChanges } from './mos-changes.js'
import { resourceDiffs, type ResourceDiff } from './resource-diff.js'
import { cutOffProblems, defaultProtectedInterfaces } from './safety.js'
import type { Problem } from './target-context.js'

/** Options of a plan: which interfaces are protected, and what may be changed anyway. */
export interface PlanSafetyOptions {
  /**
   * Interfaces (EOS) or ports (7130) that `overridden` and `deleted` leave as they are. Default: the management
   * interfaces and the interface whose address this connection goes to.
   */
  protectedInterfaces?: string[]
  /** Let the document change protected interfaces. */
  allowProtected?: boolean
  /** Allow changes that could cut this connection off the device (its interface shut down, re-addressed, …). */
  force?: boolean
}

/** A plan computed without a device: the target state, the changes in dependency order, and the diff per resource. */
export interface PlannedState {
  target: DeviceState
  changes: Change[]
  resources: ResourceDiff[]
}

/** What `planDocument` needs besides the document and the state. */
export interface PlanContext extends PlanSafetyOptions {
  /** The address the connection goes to (to find the interface it runs through). */
  connectedAddress?: string
  /** No device: treat every well-formed physical port name as present. */
  assumePortsExist?: boolean
  /** Whether the switch has LANZ (`false`: a `lanz` section is refused); left out: not known, taken to have it. */
  lanzAvailable?: boolean
}

/**
 * Plans a validated document against a device state: computes the state the device would have, checks the whole
 * document (every problem, each with its path), refuses changes that would cut the connection off unless `force`,
 * and lists the changes in dependency order. Throws a `ValidationError` listing every problem; sends nothing.
 */
export function planDocument(doc: DesiredState, current: DeviceState, ctx: PlanContext = {}): PlannedState {
  const problems: Problem[] = []
  if (doc.platform !== undefined && doc.platform !== current.platform) {
    problems.push({ path: ['platform'], message: `the document is for ${doc.platform}, the device runs ${current.platform}` })
  }
  for (const section of SECTION_NAMES) {
    if (doc[section] !== undefined && !SECTIONS_OF[current.platform].includes(section)) {
      problems.push({ path: [section], message: `${section} is not a section of ${current.platform === 'eos' ? 'an EOS switch' : 'a 7130 (MOS)'}` })
    }
  }
  if (doc.lanz !== undefined && current.platform === 'eos' && ctx.lanzAvailable === false) {
    problems.push({ path: ['lanz'], message: 'this switch has no LANZ (it answers queue-monitor commands with "not supported on this hardware platform", as vEOS and cEOS do): leave the lanz section out' })
  }
  const guarded = ctx.protectedInterfaces
    ? new Set(ctx.protectedInterfaces.map((n) => (current.platform === 'mos' ? (normaliseMosPort(n) ?? n) : (InterfaceNameSchema.safeParse(n).data ?? n))))
    : defaultProtectedInterfaces(current, ctx.connectedAddress)
  const targetContext = { protectedInterfaces: guarded, allowProtected: ctx.allowProtected ?? false, assumePortsExist: ctx.assumePortsExist ?? false }
  const { target, problems: found } = current.platform === 'eos' ? eosTarget(doc, current, targetContext) : mosTarget(doc, current, targetContext)
  problems.push(...found)
  if (!ctx.force) problems.push(...cutOffProblems(current, target, guarded))
  if (problems.length > 0) throw documentProblems(problems)
  const changes = current.platform === 'eos' && target.platform === 'eos' ? eosChanges(current, target) : current.platform === 'mos' && target.platform === 'mos' ? mosChanges(current, target) : []
  return { target, changes, resources: resourceDiffs(current, target) }
}

/** A `ValidationError` listing every problem of a document with its path. */
export function documentProblems(problems: readonly Problem[]): ValidationError {
  const lines = problems.map((p) => (p.path.length > 0 ? `${p.path.join('.')}: ${p.message}` : p.message))
  return new ValidationError(`the desired state has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${lines.join('; ')}`, problems)
}
