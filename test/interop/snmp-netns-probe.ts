/**
 * Runs inside the test's network namespace: reads interfaces and counters from snmpd on 127.0.0.1 with switchyard's
 * SNMP driver, then `ip -j -s link` and (for ifHCInUcastPkts) Debian's snmpbulkwalk, and prints them as JSON.
 * Usage: tsx snmp-netns-probe.ts PORT
 */
import { execFileSync } from 'node:child_process'
import { connect } from '../../src/index.js'

const port = Number(process.argv[2])
const sw = await connect({ host: '127.0.0.1', port, driver: 'snmp', snmp: { version: '2c', community: 'public' } })
const interfaces = await sw.interfaces.list()
const counters = await sw.counters.interfaces()
await sw.close()
const link = JSON.parse(execFileSync('ip', ['-j', '-s', 'link', 'show']).toString())
const walk = (column: string) =>
  Object.fromEntries(
    execFileSync('snmpbulkwalk', ['-v2c', '-c', 'public', '-On', '-Oq', `127.0.0.1:${port}`, column], { env: { ...process.env, MIBS: '' } })
      .toString()
      .trim()
      .split('\n')
      .map((line) => {
        const [oid = '', value = ''] = line.split(' ')
        return [oid.split('.').at(-1), value]
      }),
  )
const names = walk('1.3.6.1.2.1.31.1.1.1.1')
const inUcast = walk('1.3.6.1.2.1.31.1.1.1.7')
const snmpbulkwalkInUcast = Object.fromEntries(Object.entries(names).map(([index, name]) => [String(name).replace(/"/g, ''), inUcast[index as string]]))
process.stdout.write(JSON.stringify({ interfaces, counters, link, snmpbulkwalkInUcast }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
