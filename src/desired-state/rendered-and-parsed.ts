import { SECTIONS_OF, type DesiredState, type DesiredStateInput } from './document-schema.js'
import { validateDesiredState } from './parse-desired-state.js'
import { parseRunningConfigState } from './parse-running-config.js'
import { documentOfState } from './gathered-document.js'
import { emptyEosState, emptyMosState, type DeviceState } from './device-state.js'
import { planDocument } from './plan-document.js'
import { loadLineRenderer } from './line-renderer.js'
import type { PlanSafetyOptions } from './plan-document.js'

/**
 * Ansible's `parsed`: reads a running-config text (as `show running-config` prints it, EOS or MOS; the platform is
 * detected unless given) into the desired-state document that describes it, every section `overridden`. No device.
 */
export function parsed(runningConfig: string, platform?: 'eos' | 'mos'): DesiredState {
  return documentOfState(parseRunningConfigState(runningConfig, platform))
}

/**
 * The device state a `state` argument describes: a running-config text, or a document as `gather()` or `parsed()`
 * returns it (applied to an empty device of its platform).
 */
export function stateOf(state: string | DesiredStateInput | DesiredState): DeviceState {
  if (typeof state === 'string') return parseRunningConfigState(state)
  const doc = validateDesiredState(state)
  const platform = doc.platform ?? (doc.l1 || doc.taps || doc.metawatch ? 'mos' : 'eos')
  const empty: DeviceState = platform === 'eos' ? emptyEosState() : emptyMosState()
  return planDocument(doc, empty, { assumePortsExist: true, allowProtected: true, force: true }).target
}

/**
 * Ansible's `rendered`: the configuration lines that applying `doc` to a device in `state` would send, in order,
 * with no device. `state` is a running-config text or a gathered/parsed document; default: a device with nothing
 * configured (a 7130 is taken to be a 7130-48L). Ports named in the document are taken to exist. The document is validated whole first.
 *
 * @example
 * ```ts
 * const lines = await rendered(parseDesiredState(yaml), await readFile('running-config.txt', 'utf8'))
 * ```
 */
export async function rendered(doc: DesiredStateInput | DesiredState, state?: string | DesiredStateInput | DesiredState, safety: PlanSafetyOptions = {}): Promise<string[]> {
  const valid = validateDesiredState(doc)
  const mos = valid.platform === 'mos' || (valid.platform === undefined && (valid.l1 || valid.taps || valid.metawatch))
  const current = state === undefined ? (mos ? emptyMosState() : emptyEosState()) : stateOf(state)
  const planned = planDocument(valid, current, { ...safety, assumePortsExist: true })
  return (await loadLineRenderer(current.platform))(planned.changes)
}

/**
 * A document in the form `gather()` returns it after the document was applied with every section `overridden`:
 * defaults filled in and then left out, names canonical, items sorted. No device.
 */
export function normalised(doc: DesiredStateInput | DesiredState): DesiredState {
  const valid = validateDesiredState(doc)
  const state = stateOf(valid)
  return documentOfState(state, valid.lanz && state.platform === 'eos' ? SECTIONS_OF.eos : undefined)
}
