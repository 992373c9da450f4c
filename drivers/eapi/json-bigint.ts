import { isSafeNumber, parse } from 'lossless-json'
import { ParseError } from '../../src/errors.js'

/**
 * Parses JSON text, keeping integers above 2^53 exact as `bigint` (64-bit counters do get that large). Text without
 * a 16-digit number takes the fast `JSON.parse` path. Anything that is not JSON (or nests too deep to parse) is a
 * {@link ParseError} naming `command`.
 */
export function parseJsonKeepingBigInts(text: string, command = 'a JSON answer'): unknown {
  if (typeof text !== 'string') throw new ParseError(command, `expected JSON text, got ${text === null ? 'null' : typeof text}`)
  try {
    if (!/\d{16,}/.test(text)) return JSON.parse(text)
    return parse(text, null, (value: string) => {
      if (isSafeNumber(value)) return Number(value)
      return /^-?\d+$/.test(value) ? BigInt(value) : Number(value)
    })
  } catch (cause) {
    throw new ParseError(command, `not valid JSON (${text.length} characters)`, { cause })
  }
}
