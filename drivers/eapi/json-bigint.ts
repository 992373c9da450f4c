import { isSafeNumber, parse } from 'lossless-json'

/**
 * Parses JSON text, keeping integers above 2^53 exact as `bigint` (64-bit counters do get that large). Text without
 * a 16-digit number takes the fast `JSON.parse` path.
 */
export function parseJsonKeepingBigInts(text: string): unknown {
  if (!/\d{16,}/.test(text)) return JSON.parse(text)
  return parse(text, null, (value: string) => {
    if (isSafeNumber(value)) return Number(value)
    return /^-?\d+$/.test(value) ? BigInt(value) : Number(value)
  })
}
