/**
 * A fleet runner that dies mid-way: applies VLAN 2999 with a 60 s commit timer to the hosts of the inventory given
 * as argv[2], one at a time, prints `applied HOST` for each, and hangs for good on the host after `argv[3]` hosts,
 * so that the test can kill it with half the fleet applied.
 */
import { loadInventory, fleet } from '../../fleet/index.js'

const inventory = await loadInventory(process.argv[2] as string)
const applyCount = Number(process.argv[3])
let applied = 0
await fleet(inventory).commitConfirm(
  async (sw, host, ctx) => {
    if (applied >= applyCount) {
      process.stdout.write('half\n')
      await new Promise(() => undefined)
    }
    const result = await sw.configure((tx) => tx.vlans.create({ id: 2999, name: 'half' }), { confirmWithinSeconds: ctx.confirmWithinSeconds })
    applied++
    process.stdout.write(`applied ${host.name}\n`)
    return result
  },
  { confirmWithinSeconds: 60, concurrency: 1, timeoutMs: 600_000 },
)
