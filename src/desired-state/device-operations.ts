import type { CallOptions, Driver, Feature } from '../driver.js'
import type { ConfigureResult } from '../device.js'
import { checkCallOptions } from '../call-options.js'
import { addOutcomeHandles, withTimerHandles } from '../timed-commit-handles.js'
import { CommandRejectedError, ConflictError, UnsupportedError, ValidationError } from '../errors.js'
import { SECTION_NAMES, SECTIONS_OF, type DesiredState, type DesiredStateInput, type SectionName } from './document-schema.js'
import { validateDesiredState } from './parse-desired-state.js'
import { parseRunningConfigState } from './parse-running-config.js'
import { stateFromModel, type ModelReads } from './state-from-model.js'
import { documentOfState } from './gathered-document.js'
import type { DeviceState } from './device-state.js'
import { buildPlan, isPlan, stateFingerprint, type Plan } from './plan.js'
import type { PlanSafetyOptions } from './plan-document.js'

/** What the desired-state operations need from a {@link Device}. */
export interface DesiredStateHost {
  readonly driver: Driver
  /** The address the connection goes to, to find the interface it runs through. */
  readonly connectedAddress: string | undefined
  assertOpen(): void
  /** Runs `task` holding this device's write lock (one change at a time per device). */
  withWriteLock<T>(task: () => Promise<T>): Promise<T>
}

/** Options of `device.plan()`. */
export interface DesiredPlanOptions extends CallOptions, PlanSafetyOptions {
  /**
   * Also stage the changes in a dry-run configure session and return the device's own diff (`plan.deviceDiff`).
   * Costs a session open and abort (two more requests over eAPI); off by default. MOS has no sessions.
   */
  deviceDiff?: boolean
}

/** Options of `device.apply()`. */
export interface DesiredApplyOptions extends CallOptions, PlanSafetyOptions {
  /** Stage the change, read the device's diff, and abort: nothing changes. */
  dryRun?: boolean
  /** Commit with a timer: the device rolls back unless `result.confirm()` is called in time (1-86400 s). */
  confirmWithinSeconds?: number
}

/** What `device.apply()` did, and the plan it carried out. */
export interface DesiredApplyResult extends ConfigureResult {
  plan: Plan
}

const FEATURE_OF: Record<SectionName, Feature> = { vlans: 'vlans', interfaces: 'interfaces', lags: 'lags', dhcpRelay: 'dhcpRelay', lanz: 'buffers', l1: 'l1', taps: 'taps', metawatch: 'metawatch' }

function callOf(options: CallOptions): CallOptions {
  return { ...(options.signal ? { signal: options.signal } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }
}

/** Whether {@link readDeviceState} reads this driver's state from the running-config (eAPI, SSH) rather than typed reads. */
function readsRunningConfig(d: Driver): boolean {
  return d.runningConfig !== undefined && d.capabilities.config.read
}

/**
 * Reads the device's state in as few round trips as the driver allows: the running-config in one request where
 * the driver can read it (eAPI, SSH), else the typed reads the driver has (SNMP), with notes on what it lacks.
 * With `lanz`, also asks whether the switch has LANZ (`lanzAvailable`; the driver learns it once per connection,
 * side by side with the running-config read).
 */
export async function readDeviceState(host: DesiredStateHost, options: CallOptions = {}, lanz = false): Promise<{ state: DeviceState; notes: string[]; lanzAvailable?: boolean }> {
  const d = host.driver
  const call = callOf(options)
  if (readsRunningConfig(d) && d.runningConfig) {
    const probe = lanz && d.platform === 'eos' && d.lanzAvailable ? d.lanzAvailable(call) : undefined
    const [text, lanzAvailable] = await Promise.all([d.runningConfig({}, call), probe])
    return { state: parseRunningConfigState(text, d.platform), notes: [], ...(lanzAvailable === undefined ? {} : { lanzAvailable }) }
  }
  if (d.platform === 'mos') throw new UnsupportedError({ driver: d.name, feature: 'gather', reason: 'this driver cannot read the 7130 configuration', alternative: "driver: 'eapi' or 'ssh'" })
  const can = (f: Feature) => d.capabilities[f].read
  const reads: ModelReads = {}
  const notes: string[] = []
  const [vlans, interfaces, lags, relay, ip] = await Promise.all([
    can('vlans') ? d.vlans(call) : undefined,
    can('interfaces') ? d.interfaces(call) : undefined,
    can('lags') ? d.lags(call) : undefined,
    can('dhcpRelay') ? d.dhcpRelay(call) : undefined,
    can('l3') && d.ipInterfaces ? d.ipInterfaces(call) : undefined,
  ])
  if (vlans) reads.vlans = vlans
  if (interfaces) reads.interfaces = interfaces
  if (lags) reads.lags = lags
  if (relay) reads.dhcpRelay = relay
  if (ip) reads.ipInterfaces = ip
  for (const f of ['dhcpRelay', 'l3'] as const) if (!can(f)) notes.push(`the ${d.name} driver cannot read ${f === 'l3' ? 'interface addresses and VRFs' : 'DHCP relay'}: ${d.capabilities[f].note ?? ''}`.trim())
  if (lags && lags.some((l) => l.minLinks === null)) notes.push(`the ${d.name} driver cannot read port-channel min-links; they are shown as 0`)
  return { state: stateFromModel(reads), notes }
}

function checkSections(host: DesiredStateHost, sections: readonly SectionName[], mode: 'read' | 'write'): void {
  const d = host.driver
  for (const s of sections) {
    if (!SECTIONS_OF[d.platform].includes(s)) {
      throw new UnsupportedError({ driver: d.name, feature: `${s}.${mode}`, reason: `${s} is not a section of ${d.platform === 'eos' ? 'an EOS switch' : 'a 7130 (MOS)'}` })
    }
    const cap = d.capabilities[FEATURE_OF[s]]
    if (!cap[mode]) throw new UnsupportedError({ driver: d.name, feature: `${s}.${mode}`, reason: cap.note ?? `not available on ${d.platform}` })
  }
}

/** `device.gather()`: the device's state as a document (every section `overridden`): applying it changes nothing. */
export async function gatherDocument(host: DesiredStateHost, sections?: readonly SectionName[], options: CallOptions = {}): Promise<DesiredState> {
  host.assertOpen()
  checkCallOptions(options, 'gather')
  const d = host.driver
  const wanted = sections ?? SECTIONS_OF[d.platform].filter((s) => d.capabilities[FEATURE_OF[s]].read)
  for (const s of wanted) if (!SECTION_NAMES.includes(s)) throw new ValidationError(`invalid input to gather: unknown section ${String(s)}`, [{ path: ['sections'], message: `unknown section ${String(s)}` }])
  checkSections(host, wanted, 'read')
  const { state, lanzAvailable } = await readDeviceState(host, options, wanted.includes('lanz'))
  if (lanzAvailable === false && sections?.includes('lanz')) {
    throw new UnsupportedError({ driver: d.name, feature: 'lanz.read', reason: 'this switch has no LANZ (it answers queue-monitor commands with "not supported on this hardware platform")' })
  }
  return documentOfState(state, wanted.filter((s) => s !== 'taps' && (s !== 'lanz' || lanzAvailable !== false)))
}

function sectionsOf(doc: DesiredState): SectionName[] {
  return SECTION_NAMES.filter((s) => doc[s] !== undefined)
}

/** `device.plan()`: validates the whole document, reads the device once, and plans; nothing is changed. */
export async function planOnDevice(host: DesiredStateHost, input: DesiredStateInput | DesiredState, options: DesiredPlanOptions = {}): Promise<Plan> {
  host.assertOpen()
  checkCallOptions(options, 'plan')
  const doc = validateDesiredState(input)
  checkSections(host, sectionsOf(doc).filter((s) => SECTIONS_OF[host.driver.platform].includes(s)), 'read')
  const { state, notes, lanzAvailable } = await readDeviceState(host, options, doc.lanz !== undefined)
  const plan = await buildPlan(doc, state, { ...safetyOf(options), ...(host.connectedAddress ? { connectedAddress: host.connectedAddress } : {}), ...lanzOf(lanzAvailable) }, notes)
  if (!options.deviceDiff || !plan.changed) return plan
  if (!host.driver.commitTimer) return { ...plan, notes: [...plan.notes, `the ${host.driver.platform} ${host.driver.name} driver has no configure sessions: no device diff`] }
  checkWritable(host, plan)
  const outcome = await host.withWriteLock(() => host.driver.apply(plan.changes, { ...callOf(options), dryRun: true }))
  return { ...plan, deviceDiff: outcome.diff }
}

function lanzOf(lanzAvailable: boolean | undefined): { lanzAvailable?: boolean } {
  return lanzAvailable === undefined ? {} : { lanzAvailable }
}

function safetyOf(options: PlanSafetyOptions): PlanSafetyOptions {
  return {
    ...(options.protectedInterfaces ? { protectedInterfaces: options.protectedInterfaces } : {}),
    ...(options.allowProtected ? { allowProtected: true } : {}),
    ...(options.force ? { force: true } : {}),
  }
}

/** Refuses, before anything is sent, a plan the driver cannot apply as one atomic change. */
function checkWritable(host: DesiredStateHost, plan: Plan): void {
  const d = host.driver
  if (!d.capabilities.config.write) {
    throw new UnsupportedError({
      driver: d.name,
      feature: 'apply',
      reason: `a desired state is applied as one configure session, which the ${d.name} driver cannot open (${d.capabilities.config.note ?? 'no CLI'}); it can gather and plan`,
      alternative: "driver: 'eapi' or 'ssh'",
    })
  }
  checkSections(host, sectionsOf(plan.document), 'write')
}

function checkApplyOptions(options: DesiredApplyOptions): void {
  checkCallOptions(options, 'apply')
  const s = options.confirmWithinSeconds
  if (s !== undefined && !(Number.isInteger(s) && s >= 1 && s <= 86_400)) {
    throw new ValidationError('invalid input to apply: confirmWithinSeconds must be an integer from 1 to 86400', [{ path: ['confirmWithinSeconds'], message: 'must be an integer from 1 to 86400' }])
  }
}

/**
 * `device.apply()`: applies a document (read, plan, apply) or a stored plan as ONE change through the driver's
 * honest-outcome path (EOS: one configure session, staged, checked, committed with a timer and confirmed; MOS: one
 * checkpoint). A plan's basis is checked again before the commit (EOS: on the running-config read in the request
 * that stages the session, after it opened; MOS: by a read before the change): a device that changed since is a
 * `ConflictError` and nothing is applied. A plan with nothing to do opens no session.
 */
export async function applyOnDevice(host: DesiredStateHost, input: DesiredStateInput | DesiredState | Plan, options: DesiredApplyOptions = {}): Promise<DesiredApplyResult> {
  host.assertOpen()
  checkApplyOptions(options)
  const d = host.driver
  const given = isPlan(input) ? input : undefined
  const doc = given ? validateDesiredState(given.document) : validateDesiredState(input)
  if (given && given.platform !== d.platform) throw new ValidationError(`the plan is for ${given.platform}, the device runs ${d.platform}`, [{ path: ['platform'], message: 'platform mismatch' }])
  if (!d.capabilities.config.write || sectionsOf(doc).some((s) => !SECTIONS_OF[d.platform].includes(s) || !d.capabilities[FEATURE_OF[s]].write)) {
    checkWritable(host, given ?? ({ document: doc } as Plan))
  }
  const call = callOf(options)
  const safety = { ...safetyOf(options), ...(host.connectedAddress ? { connectedAddress: host.connectedAddress } : {}) }
  return host.withWriteLock(async () => {
    let plan: Plan
    if (given) {
      plan = given
    } else {
      const { state, notes, lanzAvailable } = await readDeviceState(host, call, doc.lanz !== undefined)
      plan = await buildPlan(doc, state, { ...safety, ...lanzOf(lanzAvailable) }, notes)
    }
    if (!plan.changed) return withTimerHandles({ diff: '', commands: [], applied: !options.dryRun, changed: false, plan }, options)
    // Only a change needs the timer: a device already as asked is `unchanged` whatever the driver (a fleet-wide
    // commit-confirm over a mixed fleet must not fail on the hosts it leaves alone).
    if (options.confirmWithinSeconds !== undefined && !d.commitTimer) {
      throw new UnsupportedError({ driver: d.name, feature: 'apply.confirmWithinSeconds', reason: `the ${d.platform} ${d.name} driver has no commit timer; nothing was applied (the plan has ${plan.lines.length} line(s))` })
    }
    const checkBasis = async (state: DeviceState) => {
      if (stateFingerprint(state) !== plan.basis) {
        const planned = await buildPlan(doc, state, safety).catch(() => undefined)
        const differences = planned ? planned.lines.filter((l) => !plan.lines.includes(l)).map((l) => `now needed: ${l}`) : []
        throw new ConflictError('the device changed since the plan was computed; nothing was applied. Plan again.', differences.length > 0 ? differences : [`basis ${plan.basis.slice(0, 12)} no longer holds`])
      }
    }
    const recheck = async () => checkBasis((await readDeviceState(host, call)).state)
    // The basis is a running-config where the plan was read from one: the driver can then read it while staging.
    const onRunningConfig = readsRunningConfig(d) ? { recheckRunningConfig: (text: string) => checkBasis(parseRunningConfigState(text, d.platform)) } : {}
    if (given && d.platform === 'mos' && !options.dryRun) await recheck()
    let outcome
    try {
      outcome = await d.apply(plan.changes, { ...call, ...(options.dryRun ? { dryRun: true } : {}), ...(options.confirmWithinSeconds !== undefined ? { confirmWithinSeconds: options.confirmWithinSeconds } : {}), recheck, ...onRunningConfig })
    } catch (error) {
      if (given && error instanceof CommandRejectedError) {
        await recheck().catch((conflict: unknown) => {
          if (conflict instanceof ConflictError) throw new ConflictError(`${conflict.message} (the device refused '${error.command}')`, conflict.differences, { cause: error })
        })
      }
      throw error
    }
    const result: DesiredApplyResult = { diff: outcome.diff, commands: outcome.commands, applied: outcome.applied, changed: outcome.changed, plan }
    return withTimerHandles(addOutcomeHandles(result, outcome, d, (task) => host.withWriteLock(task)), options)
  })
}

/** The address part of a device's lock key (`eapi://10.0.0.1:443`), the address its connection goes to. */
export function addressOfLockKey(lockKey: string): string | undefined {
  const m = /^[a-z]+:\/\/(\[[^\]]+\]|[^:/]+)(?::[^/]*)?$/i.exec(lockKey)
  return m ? (m[1] as string).replace(/^\[|\]$/g, '') : undefined
}
