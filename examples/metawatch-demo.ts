/**
 * 7130 demo: starts a mock 7130-48L running MOS with MetaWatch, taps two links, aggregates the four tapped streams
 * into one MetaWatch core delivered to a capture port, offers more traffic than the capture port can carry, and
 * prints the overflow it causes.
 *
 * Run: npm run build && node dist/examples/metawatch-demo.js   (or: npx tsx examples/metawatch-demo.ts)
 */
import { connect, stringifyJson } from 'switchyard'
import { MockSwitch } from 'switchyard/mocks'
import { printTable } from './print-table.js'

const dev = new MockSwitch({ hostname: 'tap1', platform: 'mos', coreBufferBytes: 64 * 1024 * 1024, username: 'admin', password: 'demo-password' })
const { eapi } = await dev.listen()
const sw = await connect(eapi.connectOptions)

try {
  const facts = await sw.facts()
  console.log(`connected to ${facts.hostname}: ${facts.model}, MOS ${facts.osVersion} (platform ${sw.platform})`)

  await sw.configure((tx) => {
    tx.l1.patch('et1', 'et2')
    tx.l1.patch('et3', 'et4')
  })
  const metawatch = await sw.metawatch.setTimesource({ timesource: 'pps' })
  console.log(`\ntimesource set to pps (${metawatch.commands.join(' / ')})`)
  await sw.metawatch.enable()
  const aggregate = await sw.metawatch.aggregate({ core: 0, inputs: ['et1', 'et2', 'et3', 'et4'], deliverTo: ['et32'] })
  console.log(`\n== aggregation into core 0, delivered to et32\n${aggregate.diff}`)

  printTable('taps (source → outputs)', (await sw.taps.list()).map((t) => ({ source: t.source, outputs: t.outputs })))
  const core = (await sw.metawatch.get()).cores[0]
  printTable('core 0 inputs', (core?.inputs ?? []).filter((i) => i.source).map((i) => ({ appPort: i.appPort, source: i.source })))

  for (const port of ['et1', 'et2', 'et3', 'et4']) dev.offerTraffic(port, { gbps: 3.5, frameBytes: 800 })
  for (let second = 0; second < 10; second++) dev.advanceTime(1)

  const counters = await sw.metawatch.counters()
  printTable(
    'core counters after 10 s of 4 × 3.5 Gb/s into a 10 Gb/s output (64 MiB buffer)',
    counters.cores
      .filter((c) => c.bytesIn > 0n)
      .map((c) => ({
        core: c.core,
        gbitIn: Number(c.bytesIn * 8n) / 1e9,
        gbitOut: Number(c.bytesOut * 8n) / 1e9,
        overflowDropFrames: c.overflowDropFrames,
        overflowDropGbit: Number(c.overflowDropBytes * 8n) / 1e9,
        bufferHighWaterMiB: Number(c.bufferHighWaterBytes) / 1024 / 1024,
      })),
  )
  printTable(
    'front ports',
    counters.ports
      .filter((p) => p.rxOctets + p.txOctets > 0n)
      .map((p) => ({ port: p.port, rxOctets: p.rxOctets, txOctets: p.txOctets, txFrames: p.txUcastPkts })),
  )
  console.log(`\n== core 0 counters as JSON (64-bit counters as decimal strings)\n${stringifyJson(counters.cores.find((c) => c.core === 0), 2)}`)
  const sync = await sw.metawatch.syncStatus()
  console.log(`\nMetaWatch sync: ${sync.syncStatus}; ${sync.windows.map((w) => `${w.label} avg ${w.averageNs} ns`).join(', ')}`)
} finally {
  await sw.close()
  await dev.close()
}
