import { compareInterfaceNames } from '../interface-names.js'
import type { DesiredState } from './document-schema.js'
import { emptyLanz, sortedMap, type EosDeviceState } from './device-state.js'
import type { Problem, TargetContext } from './target-context.js'

type Report = (path: Array<string | number>, message: string) => void

/**
 * Applies the `lanz` section to the target state:
 * - `merged`: `enabled` and `defaultThresholds` set when given; each listed port gets its thresholds (which it must give);
 * - `replaced`: as merged, but a listed port without thresholds returns to the default thresholds;
 * - `overridden`: LANZ becomes exactly the document: `enabled` left out means off (EOS's default), `defaultThresholds`
 *   left out means the platform's own, unlisted ports lose their thresholds;
 * - `deleted`: what is named goes back to its default (`enabled` given: LANZ off; `defaultThresholds` given: the
 *   platform's own; each listed port: its thresholds removed); everything when `config` is left out or empty.
 */
export function targetLanz(doc: DesiredState, current: EosDeviceState, t: EosDeviceState, ctx: TargetContext, problem: Report): void {
  const section = doc.lanz
  if (!section) return
  const c = section.config ?? {}
  const items = c.interfaces ?? []
  const seen = new Map<string, number>()
  items.forEach((item, i) => {
    const path = ['lanz', 'config', 'interfaces', i]
    const first = seen.get(item.name)
    if (first !== undefined) problem([...path, 'name'], `${item.name} is listed twice (also at lanz.config.interfaces.${first})`)
    else seen.set(item.name, i)
    if (!ctx.assumePortsExist && !current.interfaces.has(item.name)) problem([...path, 'name'], `${item.name}: the device has no such port`)
    if (section.state === 'merged' && item.thresholds === undefined) problem([...path, 'thresholds'], `${item.name}: merged needs the thresholds to set (replaced or deleted return a port to the defaults)`)
  })
  const lanz = t.lanz
  switch (section.state) {
    case 'merged':
    case 'replaced':
      if (c.enabled !== undefined) lanz.enabled = c.enabled
      if (c.defaultThresholds !== undefined) lanz.defaultThresholds = c.defaultThresholds === null ? null : { ...c.defaultThresholds }
      for (const item of items) {
        if (item.thresholds) lanz.thresholds.set(item.name, { ...item.thresholds })
        else lanz.thresholds.delete(item.name)
      }
      break
    case 'overridden':
      t.lanz = {
        enabled: c.enabled ?? false,
        defaultThresholds: c.defaultThresholds ? { ...c.defaultThresholds } : null,
        thresholds: new Map(items.flatMap((item) => (item.thresholds ? [[item.name, { ...item.thresholds }] as const] : []))),
      }
      break
    case 'deleted':
      if (c.enabled === undefined && c.defaultThresholds === undefined && c.interfaces === undefined) {
        t.lanz = emptyLanz()
        break
      }
      if (c.enabled !== undefined) lanz.enabled = false
      if (c.defaultThresholds !== undefined) lanz.defaultThresholds = null
      for (const item of items) lanz.thresholds.delete(item.name)
      break
  }
  t.lanz.thresholds = sortedMap(t.lanz.thresholds, compareInterfaceNames)
}
