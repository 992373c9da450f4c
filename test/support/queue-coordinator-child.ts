/**
 * A queue coordinator that dies between phases: runs a fleet-wide commit-confirm of one VLAN over the queue
 * (argv: INVENTORY REDIS_URL VLAN_ID TIMER_SECONDS [LIMIT]) and, the moment every host has applied its change with the timer
 * (the `check` phase begins), prints `applied` and blocks its event loop for good, so that no post-check, confirm or
 * rollback job is ever sent. The test then SIGKILLs it; each device's commit timer is the only thing left.
 */
import { writeSync } from 'node:fs'
import { fleet, loadInventory } from '../../fleet/index.js'

const [file, url, vlan, timer, limit] = process.argv.slice(2) as [string, string, string, string, string | undefined]
const inventory = await loadInventory(file)
const document = { vlans: { state: 'merged' as const, config: [{ id: Number(vlan), name: `coord${vlan}` }] } }
const hosts = limit ? fleet(inventory).select(limit) : fleet(inventory)
const result = await hosts.applyDesiredState(() => document, {
  confirmWithinSeconds: Number(timer),
  concurrency: 100,
  queue: { connection: { url }, pollMs: 500 },
  onEvent: (event) => {
    if (event.type === 'phase' && event.phase === 'check') {
      writeSync(1, 'applied\n')
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
    }
  },
})
writeSync(1, `finished ${result.outcome}\n`)
