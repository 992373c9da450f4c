/**
 * Conversions between VLAN id lists and the compact range text EOS uses (`1-10,20,30-32`).
 */

/** Lowest and highest usable 802.1Q VLAN ids. */
export const VLAN_MIN = 1
/** Highest usable VLAN id (4095 is reserved). */
export const VLAN_MAX = 4094

/**
 * Parses EOS range text (`"1-10,20"`, `"ALL"`, `"none"`, `""`) into a sorted list of unique VLAN ids.
 * Throws a plain `Error` on malformed text; callers wrap it in their own error class.
 */
export function parseVlanRanges(text: string): number[] {
  const trimmed = text.trim()
  const lower = trimmed.toLowerCase()
  if (lower === 'all') return rangeOf(VLAN_MIN, VLAN_MAX)
  if (lower === '' || lower === 'none') return []
  const ids = new Set<number>()
  for (const part of trimmed.split(',')) {
    const match = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(part)
    if (!match) throw new Error(`malformed VLAN range '${part}'`)
    const start = Number(match[1])
    const end = match[2] === undefined ? start : Number(match[2])
    if (start < VLAN_MIN || end > VLAN_MAX || start > end) throw new Error(`VLAN range '${part}' is outside 1-4094`)
    for (let id = start; id <= end; id++) ids.add(id)
  }
  return [...ids].sort((a, b) => a - b)
}

/** Formats VLAN ids as compact EOS range text: `[1,2,3,5]` → `"1-3,5"`; an empty list gives `"none"`. */
export function formatVlanRanges(ids: Iterable<number>): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b)
  if (sorted.length === 0) return 'none'
  const parts: string[] = []
  let start = sorted[0] as number
  let prev = start
  for (let i = 1; i <= sorted.length; i++) {
    const id = sorted[i]
    if (id === prev + 1) {
      prev = id
      continue
    }
    parts.push(start === prev ? `${start}` : `${start}-${prev}`)
    if (id !== undefined) start = prev = id
  }
  return parts.join(',')
}

/** All integers from `start` to `end` inclusive. */
export function rangeOf(start: number, end: number): number[] {
  const out: number[] = []
  for (let i = start; i <= end; i++) out.push(i)
  return out
}
