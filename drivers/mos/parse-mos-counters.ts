import { z } from 'zod'
import type { CoreCounters, MosPortCounters } from '../../src/model/metawatch.js'
import { parseOutput } from '../eos/eos-json.js'
import { mosCount } from './mos-numbers.js'
import { compareMosPorts } from '../../src/model/l1.js'

const Count = z.union([z.string(), z.number()])
const Counters = z.object({ interfaces: z.record(z.string(), z.record(z.string(), Count)) })

const TRAFFIC = ['rxoctets', 'txoctets', 'rxucastpkts', 'txucastpkts', 'rxmcastpkts', 'txmcastpkts', 'rxbcastpkts', 'txbcastpkts'] as const
const ERRORS = ['fcs', 'align', 'runts', 'giants', 'rx', 'tx'] as const

/** Joins MOS `show interfaces counters` and `… errors` (counts as comma-grouped strings) into port counters. */
export function parseMosCounters(showCounters: unknown, showErrors: unknown): MosPortCounters[] {
  const traffic = parseOutput(Counters, showCounters, 'show interfaces counters').interfaces
  const errors = parseOutput(Counters, showErrors, 'show interfaces counters errors').interfaces
  return Object.entries(traffic)
    .map(([port, t]) => {
      const e = errors[port] ?? {}
      const n = (row: Record<string, unknown>, key: string, command: string) => mosCount(row[key] ?? '0', command, `${port}.${key}`)
      const c = Object.fromEntries(TRAFFIC.map((k) => [k, n(t, k, 'show interfaces counters')])) as Record<(typeof TRAFFIC)[number], bigint>
      const x = Object.fromEntries(ERRORS.map((k) => [k, n(e, k, 'show interfaces counters errors')])) as Record<(typeof ERRORS)[number], bigint>
      return {
        port,
        rxOctets: c.rxoctets,
        txOctets: c.txoctets,
        rxUcastPkts: c.rxucastpkts,
        txUcastPkts: c.txucastpkts,
        rxMcastPkts: c.rxmcastpkts,
        txMcastPkts: c.txmcastpkts,
        rxBcastPkts: c.rxbcastpkts,
        txBcastPkts: c.txbcastpkts,
        fcsErrors: x.fcs,
        alignErrors: x.align,
        runts: x.runts,
        giants: x.giants,
        rxErrors: x.rx,
        txErrors: x.tx,
      }
    })
    .sort((a, b) => compareMosPorts(a.port, b.port))
}

const Cores = z.object({ cores: z.record(z.string(), z.record(z.string(), Count)) })
const CORE_FIELDS = ['framesIn', 'framesOut', 'bytesIn', 'bytesOut', 'overflowDropFrames', 'overflowDropBytes', 'bufferBytesUsed', 'bufferHighWaterBytes'] as const

/** Parses `show metawatch aggregation counters` (the mock's command; the real MOS command is not public). */
export function parseCoreCounters(output: unknown): CoreCounters[] {
  const cores = parseOutput(Cores, output, 'show metawatch aggregation counters').cores
  return Object.entries(cores)
    .map(([index, c]) => {
      const fields = Object.fromEntries(CORE_FIELDS.map((k) => [k, mosCount(c[k] ?? '', 'show metawatch aggregation counters', `${index}.${k}`)]))
      return { core: Number(index), ...(fields as Record<(typeof CORE_FIELDS)[number], bigint>) }
    })
    .sort((a, b) => a.core - b.core)
}
