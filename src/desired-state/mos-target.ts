import { compareMosPorts } from '../model/l1.js'
import type { DesiredState } from './document-schema.js'
import { cloneState, sortedMap, type MosDeviceState } from './device-state.js'
import type { Problem, TargetContext } from './target-context.js'

interface Claim {
  source: string | null
  path: Array<string | number>
}

/**
 * Computes the state a 7130 would have after a document is applied to `current`. The `l1`, `taps` and `metawatch`
 * sections all set L1 sources, so they are resolved together: every output a section names is claimed with its
 * source (or none), and two different claims on one output are a problem ("an output with two sources"). Sweeps
 * of `overridden` and `deleted` (every output of the section's scope that nothing claims) come last.
 *
 * Scopes: `l1` and `taps` cover front-panel outputs (`et…`) fed from another front-panel port or `mac`;
 * `metawatch` covers the aggregation cores' input app ports and the front-panel outputs fed from a core's output.
 */
export function mosTarget(doc: DesiredState, current: MosDeviceState, ctx: TargetContext): { target: MosDeviceState; problems: Problem[] } {
  const target = cloneState(current)
  const problems: Problem[] = []
  const claims = new Map<string, Claim>()
  const sweeps: Array<(output: string, source: string | null) => boolean> = []
  const coreOutputs = new Set(current.cores.map((c) => c.output))
  const frontScope = (output: string, source: string | null) => output.startsWith('et') && source !== null && !coreOutputs.has(source)
  const claim = (output: string, source: string | null, path: Array<string | number>) => {
    if (source === output) return problems.push({ path, message: `${output} cannot transmit its own received traffic` })
    if (ctx.protectedInterfaces.has(output) && !ctx.allowProtected) {
      return problems.push({ path, message: `${output} is protected (management): pass allowProtected: true to change it` })
    }
    const earlier = claims.get(output)
    if (earlier && earlier.source !== source) {
      return problems.push({ path, message: `one source per output: ${output} would take ${earlier.source ?? 'nothing'} (at ${earlier.path.join('.')}) and ${source ?? 'nothing'}` })
    }
    claims.set(output, { source, path })
  }

  const l1 = doc.l1
  if (l1) {
    const items = l1.config ?? []
    items.forEach((item, i) => claim(item.output, l1.state === 'deleted' ? null : item.source, ['l1', 'config', i]))
    if (l1.state === 'overridden' || (l1.state === 'deleted' && l1.config === undefined)) sweeps.push(frontScope)
  }

  const taps = doc.taps
  if (taps) {
    const items = taps.config ?? []
    items.forEach((tap, i) => {
      if (taps.state === 'deleted') {
        for (const [output, source] of current.sources) if (source === tap.source && frontScope(output, source)) claim(output, null, ['taps', 'config', i])
        return
      }
      tap.outputs.forEach((o, j) => claim(o, tap.source, ['taps', 'config', i, 'outputs', j]))
      if (taps.state === 'replaced') sweeps.push((output, source) => source === tap.source && frontScope(output, source))
    })
    if (taps.state === 'overridden' || (taps.state === 'deleted' && taps.config === undefined)) sweeps.push(frontScope)
  }

  const mw = doc.metawatch
  if (mw) {
    const c = mw.config ?? {}
    const defaults = { enabled: false, timesource: 'auto', tsClockSource: 'auto' } as const
    if (mw.state === 'merged') {
      if (c.enabled !== undefined) target.metawatch.enabled = c.enabled
      if (c.timesource !== undefined) target.metawatch.timesource = c.timesource
      if (c.tsClockSource !== undefined) target.metawatch.tsClockSource = c.tsClockSource
    } else if (mw.state === 'deleted') {
      if (mw.config === undefined || c.enabled !== undefined) target.metawatch.enabled = false
      if (mw.config === undefined || c.timesource !== undefined) target.metawatch.timesource = 'auto'
      if (mw.config === undefined || c.tsClockSource !== undefined) target.metawatch.tsClockSource = 'auto'
    } else {
      target.metawatch = { enabled: c.enabled ?? defaults.enabled, timesource: c.timesource ?? defaults.timesource, tsClockSource: c.tsClockSource ?? defaults.tsClockSource }
    }
    const listed = new Set<number>()
    ;(c.cores ?? []).forEach((item, i) => {
      const path = ['metawatch', 'config', 'cores', i]
      const core = current.cores.find((k) => k.index === item.index)
      if (!core) return problems.push({ path: [...path, 'index'], message: `the device has no aggregation core ${item.index}` })
      if (listed.has(item.index)) return problems.push({ path: [...path, 'index'], message: `core ${item.index} is listed twice` })
      listed.add(item.index)
      if (mw.state === 'deleted') {
        core.inputs.forEach((ap) => claim(ap, null, path))
        for (const [output, source] of current.sources) if (source === core.output) claim(output, null, path)
        return
      }
      const inputs = item.inputs
      if (inputs && inputs.length > core.inputs.length) problems.push({ path: [...path, 'inputs'], message: `core ${item.index} has ${core.inputs.length} inputs` })
      if (inputs !== undefined || mw.state !== 'merged') core.inputs.forEach((ap, n) => claim(ap, inputs?.[n] ?? null, [...path, 'inputs', n]))
      ;(item.deliverTo ?? []).forEach((o, j) => claim(o, core.output, [...path, 'deliverTo', j]))
      if (mw.state !== 'merged') sweeps.push((_output, source) => source === core.output)
    })
    if (mw.state === 'overridden' || (mw.state === 'deleted' && mw.config === undefined)) {
      for (const core of current.cores) {
        if (listed.has(core.index)) continue
        const inputs = new Set(core.inputs)
        sweeps.push((output, source) => inputs.has(output) || source === core.output)
      }
    }
  }

  for (const [output, source] of current.sources) {
    if (claims.has(output) || ctx.protectedInterfaces.has(output)) continue
    if (sweeps.some((sweep) => sweep(output, source))) target.sources.set(output, null)
  }
  for (const [output, c] of claims) target.sources.set(output, c.source)
  target.sources = sortedMap(target.sources, compareMosPorts)
  return { target, problems }
}
