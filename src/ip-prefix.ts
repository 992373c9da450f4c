/** An interface address with its prefix length, parsed: `10.0.20.1/24` or `2001:db8::1/64`. */
export interface IpPrefix {
  family: 4 | 6
  /** The address as an unsigned integer (32 or 128 bits). */
  value: bigint
  length: number
}

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** Parses a dotted-quad IPv4 address, or returns `undefined`. */
export function parseIpv4(text: string): bigint | undefined {
  if (!V4.test(text)) return undefined
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n)
}

/** Parses an IPv6 address in any RFC 4291 text form (`::` compression, embedded IPv4), or returns `undefined`. */
export function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.length > 45) return undefined
  let head = text
  let tail4: bigint | undefined
  const lastColon = text.lastIndexOf(':')
  if (text.includes('.')) {
    tail4 = parseIpv4(text.slice(lastColon + 1))
    if (tail4 === undefined) return undefined
    head = `${text.slice(0, lastColon + 1)}0:0`
  }
  const halves = head.split('::')
  if (halves.length > 2) return undefined
  const groups = (s: string) => (s === '' ? [] : s.split(':'))
  const left = groups(halves[0] as string)
  const right = halves.length === 2 ? groups(halves[1] as string) : []
  const missing = 8 - left.length - right.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right]
  let value = 0n
  for (const g of all) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined
    value = (value << 16n) | BigInt(Number.parseInt(g, 16))
  }
  if (tail4 !== undefined) value = (value & ~0xffffffffn) | tail4
  return value
}

/** Formats a 32-bit value as a dotted quad. */
export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.')
}

/** Formats a 128-bit value in the RFC 5952 canonical form (lower case, longest zero run compressed), as EOS prints it. */
export function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn))
  let bestStart = -1
  let bestLength = 1
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLength) {
      bestStart = i
      bestLength = j - i
    }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestStart < 0) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`
}

/** Parses `address/length` of either family, or returns `undefined`. */
export function parsePrefix(text: string): IpPrefix | undefined {
  const slash = text.indexOf('/')
  if (slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined
  const length = Number(text.slice(slash + 1))
  const address = text.slice(0, slash)
  const v4 = parseIpv4(address)
  if (v4 !== undefined) return length <= 32 ? { family: 4, value: v4, length } : undefined
  const v6 = parseIpv6(address)
  if (v6 !== undefined) return length <= 128 ? { family: 6, value: v6, length } : undefined
  return undefined
}

function bits(p: IpPrefix): bigint {
  return p.family === 4 ? 32n : 128n
}

/** The network part of a prefix (host bits cleared). */
export function networkOf(p: IpPrefix): bigint {
  const host = bits(p) - BigInt(p.length)
  return (p.value >> host) << host
}

/** `address/length` in canonical text. */
export function formatPrefix(p: IpPrefix): string {
  return `${p.family === 4 ? formatIpv4(p.value) : formatIpv6(p.value)}/${p.length}`
}

/** The subnet of a prefix in canonical text: `10.0.20.0/24`, `2001:db8::/64`. */
export function formatNetwork(p: IpPrefix): string {
  return formatPrefix({ ...p, value: networkOf(p) })
}

/** Whether two prefixes of the same family share any address (one subnet contains the other). */
export function prefixesOverlap(a: IpPrefix, b: IpPrefix): boolean {
  if (a.family !== b.family) return false
  const shorter = Math.min(a.length, b.length)
  return networkOf({ ...a, length: shorter }) === networkOf({ ...b, length: shorter })
}
