import { ParseError } from '../../src/errors.js'

/** A short description of a value for an error message (never the whole of a large or deep value). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) return String(value)
  return Array.isArray(value) ? 'a list' : 'an object'
}

/** Parses a MOS count: a string with thousands separators (`"68,966,711"`), `""` for none, or a number. */
export function mosCount(value: unknown, command: string, field: string): bigint {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  if (typeof value === 'bigint') return value
  if (typeof value !== 'string') throw new ParseError(command, `${field} is not a count: ${describeValue(value)}`)
  const digits = value.trim().replace(/,/g, '')
  if (digits === '') return 0n
  if (!/^\d+$/.test(digits)) throw new ParseError(command, `${field} is not a count: ${describeValue(value)}`)
  return BigInt(digits)
}

/** Parses MOS's uptime text (`8:49:16.860000`, optionally `2 days, 8:49:16.86`) into seconds; `undefined` when it is not one. */
export function mosUptimeSeconds(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined
  const m = /^(?:(\d+) days?,\s*)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text.trim())
  if (!m) return undefined
  return Number(m[1] ?? 0) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])
}
