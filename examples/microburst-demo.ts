/**
 * switchyard microburst demo: a mock Arista 7280R (Sand: LANZ in bytes, hardware drop counters), LANZ turned on
 * through the SDK, then a 10 ms burst into a 10 Gb/s port with a 2 MB egress queue. It prints the drop rate per
 * second while it happens (counters.watch on the mock's simulated clock: no real waiting), the LANZ records the burst
 * left and the chip's congestion drop counter, next to what the arithmetic says they must be.
 *
 * Run: npm run demo:microburst
 */
import { connect, subjectLabel } from 'switchyard'
import { MockSwitch, simulatedClock } from 'switchyard/mocks'
import { printTable } from './print-table.js'

const LINE_GBPS = 10
const BUFFER_BYTES = 2_000_000
const PACKET_BYTES = 1_000
const STEADY_GBPS = 6
const BURST = { gbps: 30, startInMs: 5, durationMs: 10 }
const PORT = 'Ethernet48'

const dev = new MockSwitch({ hostname: 'leaf1', profile: '7280r', ports: 48, queueBufferBytes: BUFFER_BYTES, username: 'admin', password: 'demo-password' })
const { eapi } = await dev.listen()
const sw = await connect(eapi.connectOptions)

try {
  const before = await sw.counters.buffers()
  console.log(`buffers on ${(await sw.facts()).model}: LANZ ${before.source.lanz}, hardware drop counters ${before.source.hardwareDrops}`)

  const lanz = await sw.lanz.configure({ enabled: true, thresholds: [{ interface: PORT, high: 500_000, low: 250_000 }] })
  console.log(`\n== LANZ on (bytes on this platform)\n${lanz.commands.join('\n')}`)

  dev.setTraffic(PORT, { outMbps: STEADY_GBPS * 1000, packetBytes: PACKET_BYTES })
  dev.burst(PORT, {
    outMbps: BURST.gbps * 1000,
    durationMs: BURST.durationMs,
    startInMs: BURST.startInMs,
    packetBytes: PACKET_BYTES,
    from: ['Ethernet1', 'Ethernet2', 'Ethernet3', 'Ethernet4'],
  })

  const rows: Array<Record<string, unknown>> = []
  for await (const sample of sw.counters.watch({ intervalMs: 2, maxSamples: 13, read: 'drops', clock: simulatedClock(dev) })) {
    const port = sample.rates.find((r) => r.subject.interface === PORT && r.counter === 'outDiscards')
    rows.push({
      't (ms)': sample.time.ms.toFixed(0),
      counter: subjectLabel(port?.subject ?? {}),
      outDiscards: port?.value,
      'dropped since last': port?.delta ?? '-',
      'drops/s': port?.perSecond === undefined ? '-' : Math.round(port.perSecond),
    })
  }
  printTable(`drop rate per second on ${PORT} (polled every 2 ms of simulated time)`, rows)

  const after = await sw.counters.buffers()
  printTable(
    'LANZ records the burst left (newest first)',
    (after.lanz?.records ?? []).map((r) => ({
      type: r.entryType,
      interface: r.interface,
      tc: r.trafficClass,
      'queue (bytes)': r.queueLengthBytes,
      'queue (segments)': r.queueLengthSegments,
      'duration (us)': r.durationUs,
      ingress: r.ingressInterfaces,
    })),
  )
  printTable(
    'hardware drop counters',
    after.hardwareDrops.map((d) => ({ chip: d.chip, type: d.type, counter: d.name, drops: d.dropCount, events: d.eventCount, lastMinute: d.recent.lastMinute })),
  )

  const excess = ((STEADY_GBPS + BURST.gbps - LINE_GBPS) * 1e9) / 8
  const fillMs = (BUFFER_BYTES / excess) * 1000
  const dropped = (excess * (BURST.durationMs - fillMs)) / 1000 / PACKET_BYTES
  console.log(
    `\n== the arithmetic: ${STEADY_GBPS + BURST.gbps} Gb/s into ${LINE_GBPS} Gb/s fills ${BUFFER_BYTES} bytes in ${fillMs.toFixed(3)} ms, ` +
      `then drops ${Math.round((excess / PACKET_BYTES))} packets/s: ${Math.round(dropped)} packets in the burst; LANZ peak ${BUFFER_BYTES} bytes`,
  )
} finally {
  await sw.close()
  await dev.close()
}
