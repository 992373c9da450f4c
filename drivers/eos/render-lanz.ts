import type { Change } from '../../src/changes.js'

/**
 * Renders a LANZ change into EOS lines: `queue-monitor length` (on) or `no queue-monitor length` (off) and the default
 * thresholds (`queue-monitor length default thresholds <high> <low>` or its `no` form) globally, and
 * `queue-monitor length thresholds <high> <low>` or its `no` form in each port's interface block.
 *
 * @example
 * renderLanzChange({ kind: 'lanz.configure', enabled: true, thresholds: [{ interface: 'Ethernet1', high: 20000, low: 10000 }], clearThresholds: [] })
 * // ['queue-monitor length', 'interface Ethernet1', 'queue-monitor length thresholds 20000 10000', 'exit']
 */
export function renderLanzChange(change: Extract<Change, { kind: 'lanz.configure' }>): string[] {
  const lines: string[] = []
  if (change.enabled !== undefined) lines.push(change.enabled ? 'queue-monitor length' : 'no queue-monitor length')
  const d = change.defaultThresholds
  if (d !== undefined) lines.push(d === null ? 'no queue-monitor length default thresholds' : `queue-monitor length default thresholds ${d.high} ${d.low}`)
  for (const t of change.thresholds) lines.push(`interface ${t.interface}`, `queue-monitor length thresholds ${t.high} ${t.low}`, 'exit')
  for (const name of change.clearThresholds) lines.push(`interface ${name}`, 'no queue-monitor length thresholds', 'exit')
  return lines
}
