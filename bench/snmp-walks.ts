/**
 * SNMP walks of ifTable + ifXTable: (1) on Debian's snmpd serving a few hundred interfaces in a network namespace,
 * switchyard vs snmpbulkwalk in one run; (2) on switchyard's own mock agent with about 10 000 varbinds.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { MockSwitch } from '../mocks/index.js'
import { report } from './bench-util.js'
import { startSnmpdLab } from './snmpd-lab.js'

const run = promisify(execFile)
const PROBE = fileURLToPath(new URL('./snmp-walk-probe.js', import.meta.url))
const PAIRS = 227

interface WalkResult {
  switchyardMs: number
  snmpbulkwalkMs: number
  varbinds: number
  theirVarbinds: number
}

export async function benchSnmpWalks(): Promise<void> {
  const lab = await startSnmpdLab(`sy-bench-${process.pid}`, PAIRS, 16162)
  try {
    const { stdout } = await run('ip', ['netns', 'exec', lab.namespace, process.execPath, PROBE, String(lab.port), 'public', '5'], { timeout: 300_000 })
    const r = JSON.parse(stdout) as WalkResult
    report(`ifTable+ifXTable on Debian snmpd, ${PAIRS * 2 + 1} interfaces (median of 5, GETBULK 50 rows/request)`, {
      switchyardMs: r.switchyardMs,
      snmpbulkwalkMs: r.snmpbulkwalkMs,
      varbinds: r.varbinds,
      snmpbulkwalkVarbinds: r.theirVarbinds,
      ratio: `${(r.switchyardMs / r.snmpbulkwalkMs).toFixed(2)}x of the C tool's time`,
    })
  } finally {
    await lab.close()
  }
  const dev = new MockSwitch({ hostname: 'walk', ports: 243 })
  try {
    const { snmp } = await dev.listen()
    const { stdout } = await run(process.execPath, [PROBE, String(snmp.port), 'public', '5'], { timeout: 300_000 })
    const r = JSON.parse(stdout) as WalkResult
    report('ifTable+ifXTable on the mock agent (median of 5)', {
      switchyardMs: r.switchyardMs,
      snmpbulkwalkMs: r.snmpbulkwalkMs,
      varbinds: r.varbinds,
      snmpbulkwalkVarbinds: r.theirVarbinds,
    })
  } finally {
    await dev.close()
  }
}
