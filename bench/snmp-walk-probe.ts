/**
 * Times, on 127.0.0.1:PORT, walks of ifTable + ifXTable: switchyard's SnmpSession (in-process, after session
 * creation) against Debian's snmpbulkwalk (one process per table, start-up included), median of RUNS each.
 * Prints JSON. Usage: node snmp-walk-probe.js PORT COMMUNITY RUNS
 */
import { execFileSync } from 'node:child_process'
import { SnmpSession } from '../drivers/snmp/index.js'
import { ConnectOptionsSchema } from '../src/index.js'
import { median } from './bench-util.js'

const [port, community, runs] = [Number(process.argv[2]), process.argv[3] ?? 'public', Number(process.argv[4] ?? 5)]
const TABLES = ['1.3.6.1.2.1.2.2', '1.3.6.1.2.1.31.1.1']
const REPS = 50
const session = new SnmpSession(
  ConnectOptionsSchema.parse({ host: '127.0.0.1', port, driver: 'snmp', snmp: { version: '2c', community, maxRepetitions: REPS * TABLES.length } }),
)
const ours: number[] = []
let varbinds = 0
for (let i = 0; i < runs + 1; i++) {
  const start = performance.now()
  const columns = await session.walkColumns(TABLES)
  const ms = performance.now() - start
  varbinds = columns.reduce((n, c) => n + c.size, 0)
  if (i > 0) ours.push(ms)
}
session.close()
const theirs: number[] = []
let theirVarbinds = 0
for (let i = 0; i < runs; i++) {
  const start = performance.now()
  theirVarbinds = 0
  for (const table of TABLES) {
    const out = execFileSync('snmpbulkwalk', ['-v2c', '-c', community, `-Cr${REPS}`, '-On', '-Oq', `127.0.0.1:${port}`, table], { env: { ...process.env, MIBS: '' }, maxBuffer: 256 * 1024 * 1024 })
    theirVarbinds += out.toString().trim().split('\n').length
  }
  theirs.push(performance.now() - start)
}
process.stdout.write(JSON.stringify({ switchyardMs: median(ours), snmpbulkwalkMs: median(theirs), varbinds, theirVarbinds }))
