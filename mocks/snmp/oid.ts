/** An OID as numbers, e.g. `[1, 3, 6, 1, 2, 1, 1, 5, 0]`. */
export type Oid = readonly number[]

/** Parses dotted text (`1.3.6.1…`, a leading dot allowed). */
export function parseOid(text: string): number[] {
  return text.replace(/^\./, '').split('.').filter((p) => p !== '').map(Number)
}

/** Lexicographic OID order, as SNMP walks it. */
export function compareOids(a: Oid, b: Oid): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number)
    if (d !== 0) return d
  }
  return a.length - b.length
}

/** True when `oid` lies under `prefix`. */
export function isUnder(oid: Oid, prefix: Oid): boolean {
  return oid.length > prefix.length && prefix.every((p, i) => oid[i] === p)
}

/** An 8-byte big-endian Counter64 value, as net-snmp sends it. */
export function counter64(value: bigint): Buffer {
  const buf = Buffer.alloc(8)
  buf.writeBigUInt64BE(BigInt.asUintN(64, value))
  return buf
}

/** A Counter32 value: the low 32 bits, as the counter wraps. */
export function counter32(value: bigint): number {
  return Number(BigInt.asUintN(32, value))
}
