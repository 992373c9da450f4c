/**
 * Renders rows as an aligned text table: one column per key seen in any row, in first-seen order.
 * Arrays are joined with commas, missing values shown as `-`, bigints printed in full.
 */
export function formatTable(rows: ReadonlyArray<Readonly<Record<string, unknown>>>): string {
  if (rows.length === 0) return '(none)\n'
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cellText(row[column]).length)))
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  const out = [line(columns), line(widths.map((width) => '-'.repeat(width)))]
  for (const row of rows) out.push(line(columns.map((column) => cellText(row[column]))))
  return `${out.join('\n')}\n`
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '-'
  if (Array.isArray(value)) return value.map(cellText).join(',')
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  return String(value)
}
