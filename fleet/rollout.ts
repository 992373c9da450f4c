import { ValidationError } from '../src/index.js'

/** A batch size: a number of hosts, or a percentage of the selected hosts (`'25%'`, rounded up, at least 1). */
export type BatchSize = number | `${number}%`

/** How hosts are rolled out: canaries first, then batches. */
export interface RolloutOptions {
  /** Hosts run first, alone, before any other: a count (the first N selected) or host names. Any canary failing halts the run. */
  readonly canary?: number | readonly string[]
  /**
   * Batches after the canaries, Ansible's `serial`: one size for every batch, or a list whose last size repeats
   * (`[1, '10%', '50%']`). Each batch finishes before the next starts. Default: all remaining hosts in one batch.
   */
  readonly serial?: BatchSize | readonly BatchSize[]
}

/** Splits hosts into batches: the canaries (batch 0, when any), then `serial` batches. Every host is in exactly one. */
export function planBatches(hosts: readonly string[], options: RolloutOptions = {}): string[][] {
  const canaries = typeof options.canary === 'number' ? hosts.slice(0, checkCount(options.canary, 'canary', true)) : [...(options.canary ?? [])]
  for (const c of canaries) {
    if (!hosts.includes(c)) throw new ValidationError(`invalid rollout: canary '${c}' is not among the selected hosts`, [{ path: ['canary'], message: `unknown host ${c}` }])
  }
  const rest = hosts.filter((h) => !canaries.includes(h))
  const sizes = options.serial === undefined ? [] : Array.isArray(options.serial) ? (options.serial as readonly BatchSize[]) : [options.serial as BatchSize]
  const batches: string[][] = canaries.length > 0 ? [canaries] : []
  let i = 0
  let n = 0
  while (i < rest.length) {
    const spec = sizes.length === 0 ? rest.length : (sizes[Math.min(n, sizes.length - 1)] as BatchSize)
    const size = sizeOf(spec, hosts.length)
    batches.push(rest.slice(i, i + size))
    i += size
    n++
  }
  return batches
}

function sizeOf(spec: BatchSize, total: number): number {
  if (typeof spec === 'number') return checkCount(spec, 'serial', false)
  const m = /^(\d+(?:\.\d+)?)%$/.exec(spec)
  const pct = m ? Number(m[1]) : NaN
  if (!(pct > 0 && pct <= 100)) throw new ValidationError(`invalid rollout: serial '${spec}' is not a percentage from 0 to 100`, [{ path: ['serial'], message: 'bad percentage' }])
  return Math.max(1, Math.ceil((total * pct) / 100))
}

function checkCount(n: number, what: string, zeroOk: boolean): number {
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) throw new ValidationError(`invalid rollout: ${what} must be a whole number${zeroOk ? '' : ' of at least 1'}`, [{ path: [what], message: 'bad count' }])
  return n
}
