/**
 * A minimal BER (X.690) encoder for building SNMP messages byte by byte in tests, including ones no SNMP library
 * would produce: odd PDU tags, out-of-range integers, OIDs with huge arcs, values of any tag.
 */

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/** One TLV with a one-byte tag. */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag & 0xff]), lengthBytes(content.length), content])
}

/** A two's-complement INTEGER (or any integer-shaped type such as Counter32 with another tag), minimal length. */
export function integer(value: number | bigint, tag = 0x02): Buffer {
  let n = BigInt(value)
  const bytes: number[] = []
  for (;;) {
    const byte = Number(n & 0xffn)
    bytes.unshift(byte)
    n >>= 8n
    if ((n === 0n && (byte & 0x80) === 0) || (n === -1n && (byte & 0x80) !== 0)) break
  }
  return tlv(tag, Buffer.from(bytes))
}

/** An OCTET STRING. */
export function octets(value: Buffer | string, tag = 0x04): Buffer {
  return tlv(tag, typeof value === 'string' ? Buffer.from(value, 'latin1') : value)
}

/** NULL. */
export function nullValue(): Buffer {
  return tlv(0x05, Buffer.alloc(0))
}

function base128(arc: bigint): number[] {
  const out = [Number(arc & 0x7fn)]
  for (let n = arc >> 7n; n > 0n; n >>= 7n) out.unshift(Number(n & 0x7fn) | 0x80)
  return out
}

/** An OBJECT IDENTIFIER from its arcs (at least two; arcs may exceed 32 bits). */
export function oid(arcs: ReadonlyArray<number | bigint>): Buffer {
  const [first = 0n, second = 0n, ...rest] = arcs.map((a) => BigInt(a))
  const bytes = [...base128(first * 40n + second), ...rest.flatMap(base128)]
  return tlv(0x06, Buffer.from(bytes))
}

/** A constructed SEQUENCE (or a PDU when given a context tag such as 0xa0). */
export function sequence(items: Buffer[], tag = 0x30): Buffer {
  return tlv(tag, Buffer.concat(items))
}
