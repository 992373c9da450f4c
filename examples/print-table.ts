/** Prints rows as an aligned text table with a title; bigints and arrays are shown plainly. */
export function printTable(title: string, rows: ReadonlyArray<Record<string, unknown>>): void {
  console.log(`\n== ${title}`)
  if (rows.length === 0) {
    console.log('(none)')
    return
  }
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const cell = (v: unknown): string => (Array.isArray(v) ? v.join(',') : v === null || v === undefined ? '-' : String(v))
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)))
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  console.log(line(columns))
  console.log(line(widths.map((w) => '-'.repeat(w))))
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c]))))
}
