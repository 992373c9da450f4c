import { z } from 'zod'
import { compareMosPorts, type L1Port } from '../../src/model/l1.js'
import { parseOutput } from '../eos/eos-json.js'

const Status = z.object({
  interfaces: z.record(
    z.string(),
    z.object({
      name: z.string().optional(),
      tx: z.string().optional(),
      rx: z.string().optional(),
      source: z.string().optional(),
      speed: z.string().optional(),
      type: z.string().optional(),
    }),
  ),
})

const KIND: Record<string, L1Port['kind']> = { et: 'front', ap: 'app', ma: 'mgmt' }

/**
 * Parses MOS `show interfaces status` into L1 ports: the source of each output (`""` → `null`), MOS's rx/tx text,
 * speed and transceiver; the description is the status's `name` column.
 */
export function parseMosPorts(output: unknown): L1Port[] {
  const parsed = parseOutput(Status, output, 'show interfaces status').interfaces
  return Object.entries(parsed)
    .filter(([name]) => /^(et|ap|ma)\d+$/.test(name))
    .map(([name, p]) => ({
      name,
      kind: KIND[name.slice(0, 2)] as L1Port['kind'],
      description: p.name ?? '',
      source: p.source ? p.source : null,
      rx: p.rx ?? '',
      tx: p.tx ?? '',
      speed: p.speed ?? '',
      transceiver: p.type ?? '',
    }))
    .sort((a, b) => compareMosPorts(a.name, b.name))
}
