import { z } from 'zod'
import type { Vlan } from '../../src/model/vlan.js'
import { compareInterfaceNames } from '../../src/interface-names.js'
import { parseOutput } from './eos-json.js'

const ShowVlan = z.object({
  vlans: z.record(
    z.string(),
    z.object({
      name: z.string(),
      status: z.string(),
      dynamic: z.boolean().optional(),
      interfaces: z.record(z.string(), z.unknown()),
    }),
  ),
})

/** Parses EOS `show vlan` into VLANs sorted by id. `Cpu` and peer pseudo-interfaces are left out. */
export function parseVlans(output: unknown): Vlan[] {
  const parsed = parseOutput(ShowVlan, output, 'show vlan')
  const vlans: Vlan[] = []
  for (const [key, v] of Object.entries(parsed.vlans)) {
    const id = Number(key)
    if (!Number.isInteger(id)) continue
    vlans.push({
      id,
      name: v.name,
      state: v.status.startsWith('sus') ? 'suspend' : 'active',
      interfaces: Object.keys(v.interfaces)
        .filter((name) => name !== 'Cpu' && !name.startsWith('Peer'))
        .sort(compareInterfaceNames),
      dynamic: v.dynamic ?? false,
    })
  }
  return vlans.sort((a, b) => a.id - b.id)
}
