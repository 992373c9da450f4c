const MARK = '\u0000bigint:'

/**
 * JSON.stringify that writes bigints as plain JSON numbers, as EOS does for its 64-bit counters. Values without a
 * bigint take the plain (fast) path.
 */
export function stringifyWithBigInts(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent)
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
  }
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${MARK}${v}` : v), indent)
  return text.includes('\\u0000bigint:') ? text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1') : text
}
