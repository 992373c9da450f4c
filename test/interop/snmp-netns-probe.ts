/**
 * Runs inside the test's network namespace: reads interfaces and counters from snmpd on 127.0.0.1 with switchyard's
 * SNMP driver, with `ip -j -s link` read just before and just after (the veths must not move in between), and (for ifHCInUcastPkts) Debian's
 * snmpbulkwalk; prints them as JSON. A read during which the kernel's counters moved is done again (at most 3 times),
 * so the test compares numbers taken while the links were quiet.
 * Usage: tsx snmp-netns-probe.ts PORT
 */
import { execFileSync } from 'node:child_process'
import { connect, stringifyJson } from '../../src/index.js'

const port = Number(process.argv[2])
const ipLink = () => JSON.parse(execFileSync('ip', ['-j', '-s', 'link', 'show']).toString()) as Array<{ ifname: string; stats64: unknown }>
/** The veths' counters (lo carries the SNMP requests themselves, so it always moves). */
const vethCounters = (links: ReturnType<typeof ipLink>) => JSON.stringify(links.filter((l) => l.ifname !== 'lo').map((l) => [l.ifname, l.stats64]))
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

const sw = await connect({ host: '127.0.0.1', port, driver: 'snmp', snmp: { version: '2c', community: 'public' } })
try {
  for (let attempt = 1; ; attempt++) {
    const link = ipLink()
    const interfaces = await sw.interfaces.list()
    const counters = await sw.counters.interfaces()
    const names = walk('1.3.6.1.2.1.31.1.1.1.1')
    const inUcast = walk('1.3.6.1.2.1.31.1.1.1.7')
    const linkAfter = ipLink()
    const quiet = vethCounters(link) === vethCounters(linkAfter)
    if (quiet || attempt === 3) {
      const snmpbulkwalkInUcast = Object.fromEntries(Object.entries(names).map(([index, name]) => [String(name).replace(/"/g, ''), inUcast[index as string]]))
      process.stdout.write(stringifyJson({ attempts: attempt, quiet, interfaces, counters, link, linkAfter, snmpbulkwalkInUcast }))
      break
    }
  }
} finally {
  await sw.close()
}
