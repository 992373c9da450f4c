import type { Plan } from './plan.js'
import type { FieldValue } from './resource-diff.js'

function show(value: FieldValue): string {
  if (value === null) return '(none)'
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.join(', ')}]`
  if (typeof value === 'string') return value === '' ? '""' : value
  return String(value)
}

/** Options of {@link formatDrift}. */
export interface DriftFormatOptions {
  /** Also list the configuration lines the apply would send (default true). */
  lines?: boolean
  /** At most this many items per resource and kind before the rest are counted (default 50). */
  maxItems?: number
}

/**
 * The drift report in human form, like `terraform plan`: `+` added, `~` changed (field: before -> after), `-`
 * removed, per resource, then a summary line and the lines to send.
 *
 * @example
 * ```
 * ~ interfaces Ethernet1
 *     accessVlan: 1 -> 10
 * + vlans 20
 *     name: pxe
 * Plan: 1 to add, 1 to change, 0 to remove.
 * ```
 */
export function formatDrift(plan: Plan, options: DriftFormatOptions = {}): string {
  const max = options.maxItems ?? 50
  const out: string[] = []
  let add = 0
  let change = 0
  let remove = 0
  for (const r of plan.resources) {
    add += r.added.length
    change += r.changed.length
    remove += r.removed.length
    const more = (n: number, sign: string) => n > max && out.push(`${sign} ${r.resource}: … and ${n - max} more`)
    for (const a of r.added.slice(0, max)) {
      out.push(`+ ${r.resource} ${a.key}`)
      for (const [f, v] of Object.entries(a.after)) out.push(`    ${f}: ${show(v)}`)
    }
    more(r.added.length, '+')
    for (const c of r.changed.slice(0, max)) {
      out.push(`~ ${r.resource} ${c.key}`)
      for (const f of c.fields) out.push(`    ${f.field}: ${show(f.before)} -> ${show(f.after)}`)
    }
    more(r.changed.length, '~')
    for (const d of r.removed.slice(0, max)) out.push(`- ${r.resource} ${d.key}`)
    more(r.removed.length, '-')
  }
  if (!plan.changed) out.push('No changes. The device matches the desired state.')
  else out.push(`Plan: ${add} to add, ${change} to change, ${remove} to remove (${plan.lines.length} configuration lines).`)
  if (plan.changed && options.lines !== false) out.push('', 'Lines to send:', ...plan.lines.map((l) => `  ${l}`))
  if (plan.deviceDiff) out.push('', "The device's own diff (dry-run session):", plan.deviceDiff.trimEnd())
  for (const note of plan.notes) out.push(`Note: ${note}`)
  return `${out.join('\n')}\n`
}

/** The drift report as JSON-safe data: what changes per resource, the counts, and the lines. */
export function driftJson(plan: Plan): { changed: boolean; summary: { add: number; change: number; remove: number }; resources: Plan['resources']; lines: string[]; deviceDiff?: string; basis: string } {
  const sum = (k: 'added' | 'changed' | 'removed') => plan.resources.reduce((n, r) => n + r[k].length, 0)
  return {
    changed: plan.changed,
    summary: { add: sum('added'), change: sum('changed'), remove: sum('removed') },
    resources: plan.resources,
    lines: plan.lines,
    ...(plan.deviceDiff === undefined ? {} : { deviceDiff: plan.deviceDiff }),
    basis: plan.basis,
  }
}
