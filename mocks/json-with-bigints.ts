const MARK = '\u0000bigint:'

/** JSON.stringify that writes bigints as plain JSON numbers, as EOS does for its 64-bit counters. */
export function stringifyWithBigInts(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${MARK}${v}` : v), indent)
  return text.includes('\\u0000bigint:') ? text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1') : text
}
