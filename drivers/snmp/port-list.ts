/**
 * A Q-BRIDGE PortList: octet k covers bridge ports 8k+1..8k+8, most significant bit first. Shorter lists mean the
 * missing octets are zero.
 */
export function encodePortList(ports: Iterable<number>, maxPort: number): Buffer {
  const buf = Buffer.alloc(Math.max(1, Math.ceil(maxPort / 8)))
  for (const p of ports) {
    const i = (p - 1) >> 3
    if (p >= 1 && i < buf.length) buf[i] = (buf[i] as number) | (0x80 >> ((p - 1) & 7))
  }
  return buf
}

/** The bridge ports set in a PortList. */
export function decodePortList(buf: Buffer): number[] {
  const ports: number[] = []
  for (let i = 0; i < buf.length; i++) {
    for (let bit = 0; bit < 8; bit++) if (((buf[i] as number) & (0x80 >> bit)) !== 0) ports.push(i * 8 + bit + 1)
  }
  return ports
}
