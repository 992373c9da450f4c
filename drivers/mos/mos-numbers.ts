import { ParseError } from '../../src/errors.js'

/** Parses a MOS count: a string with thousands separators (`"68,966,711"`), `""` for none, or a number. */
export function mosCount(value: unknown, command: string, field: string): bigint {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value)
  if (typeof value === 'bigint') return value
  if (typeof value !== 'string') throw new ParseError(command, `${field} is not a count: ${JSON.stringify(value)}`)
  const digits = value.trim().replace(/,/g, '')
  if (digits === '') return 0n
  if (!/^\d+$/.test(digits)) throw new ParseError(command, `${field} is not a count: ${JSON.stringify(value)}`)
  return BigInt(digits)
}

/** Parses MOS's uptime text (`8:49:16.860000`, optionally `2 days, 8:49:16.86`) into seconds. */
export function mosUptimeSeconds(text: string): number | undefined {
  const m = /^(?:(\d+) days?,\s*)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(text.trim())
  if (!m) return undefined
  return Number(m[1] ?? 0) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])
}
