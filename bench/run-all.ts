/** Runs every benchmark in turn: `npm run bench`. */
import { benchVlansVsPyeapi } from './vlans-vs-pyeapi.js'
import { benchFleetCounters } from './fleet-counters.js'
import { benchVlans4094 } from './vlans-4094.js'
import { benchSshVsNetmiko } from './ssh-vs-netmiko.js'
import { benchSshFleet } from './ssh-fleet.js'
import { benchSshLargeOutput } from './ssh-large-output.js'
import { benchSnmpWalks } from './snmp-walks.js'
import { benchDesiredStatePlan } from './desired-state-plan.js'
import { benchFleetDrops } from './fleet-drops.js'
import { benchFleetApply } from './fleet-apply.js'
import { benchQueueOverhead } from './queue-overhead.js'
import { benchLabStart } from './lab-start.js'
import { missingNeeds } from '../test/support/interop-needs.js'

console.log(`node ${process.version}, ${new Date().toISOString()}`)
await benchVlansVsPyeapi()
await benchVlans4094()
await benchFleetCounters()
await benchSshVsNetmiko()
await benchSshFleet()
await benchSshLargeOutput()
await benchSnmpWalks()
await benchDesiredStatePlan()
await benchFleetDrops()
await benchFleetApply()
await benchLabStart()
const noRedis = missingNeeds(['redis-server'])[0]
if (noRedis) console.log(`queue overhead: skipped, ${noRedis.reason}; install: ${noRedis.install}`)
else await benchQueueOverhead()
