import { z } from 'zod'

/** A 7130 port name as MOS prints it: `et1` (front panel), `ap1` (FPGA application port), `ma1` (management). */
export const MosPortSchema = z.string().transform((value, ctx) => {
  const name = normaliseMosPort(value)
  if (name === undefined) {
    ctx.addIssue({ code: 'custom', message: `'${JSON.stringify(value).slice(1, -1)}' is not a 7130 port (et1, ap1, ma1)` })
    return z.NEVER
  }
  return name
})

/** `et1`, `Et1`, `ethernet1`, `Ethernet1` → `et1`; `ap5`/`Application5` → `ap5`; `ma1`/`Management1` → `ma1`. */
export function normaliseMosPort(value: string): string | undefined {
  const m = /^\s*([A-Za-z]+)(\d+)\s*$/.exec(value)
  if (!m) return undefined
  const prefix = (m[1] as string).toLowerCase()
  const n = Number(m[2])
  if (n < 1) return undefined
  if ('ethernet'.startsWith(prefix) && prefix.length >= 2) return `et${n}`
  if ('application'.startsWith(prefix) && prefix.length >= 2) return `ap${n}`
  if ('management'.startsWith(prefix) && prefix.length >= 2) return `ma${n}`
  return undefined
}

/** Orders MOS port names: et, then ap, then ma, each by number. */
export function compareMosPorts(a: string, b: string): number {
  const rank = (p: string) => ['et', 'ap', 'ma'].indexOf(p.slice(0, 2))
  return rank(a) - rank(b) || Number(a.slice(2)) - Number(b.slice(2))
}

/** What a port's output carries: another port's received traffic, the port's own MAC (`mac`), or nothing. */
export type L1Source = string | null

/** One port of the L1 crosspoint. */
export const L1PortSchema = z.object({
  name: z.string(),
  kind: z.enum(['front', 'app', 'mgmt']),
  description: z.string(),
  /** The port whose received traffic this port transmits (`mac` for the port's own MAC), or `null`. */
  source: z.string().nullable(),
  /** MOS's own rx/tx state text, e.g. `up (link)`, `up <- et1`; empty when the port is unpopulated. */
  rx: z.string(),
  tx: z.string(),
  speed: z.string(),
  /** Transceiver type, e.g. `1X Copper Passive`, `NOT PRESENT`. */
  transceiver: z.string(),
})
/** One port of the L1 crosspoint. */
export type L1Port = z.infer<typeof L1PortSchema>

/** One port's received traffic copied to several outputs. */
export const TapSchema = z.object({ source: z.string(), outputs: z.array(z.string()) })
/** One port's received traffic copied to several outputs. */
export type Tap = z.infer<typeof TapSchema>

/** Input of `taps.create`. */
export const TapCreateSchema = z.strictObject({
  source: MosPortSchema,
  outputs: z.array(MosPortSchema).min(1, { error: 'a tap needs at least one output' }).max(64),
})
/** Input of `taps.create`. */
export type TapCreate = z.input<typeof TapCreateSchema>
