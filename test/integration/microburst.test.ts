import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Device } from '../../src/index.js'
import { MockSwitch, simulatedClock, type EosProfileId } from '../../mocks/index.js'

/** What a burst of `rate` for `durationS` into one egress queue of `bufferBytes` must give, by hand. */
function burstArithmetic(o: { rate: number; line: number; durationS: number; bufferBytes: number; highBytes: number; lowBytes: number }) {
  const excess = o.rate - o.line
  const fillS = o.bufferBytes / excess
  const peakBytes = Math.min(o.bufferBytes, excess * o.durationS)
  const droppedBytes = o.durationS > fillS ? excess * (o.durationS - fillS) : 0
  const startS = o.highBytes / excess
  const endS = o.durationS + (peakBytes - o.lowBytes) / o.line
  return { peakBytes, droppedBytes, startS, durationS: endS - startS }
}

const within1 = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(0.01)

const CASES: Array<{ profile: EosProfileId; lineGbps: number; burstGbps: number; durationMs: number; thresholds: { high: number; low: number }; segment: number }> = [
  // Sand: LANZ counts bytes.
  { profile: '7280r', lineGbps: 10, burstGbps: 20, durationMs: 2, thresholds: { high: 200_000, low: 100_000 }, segment: 1 },
  // Strata: LANZ counts 208-byte segments.
  { profile: '7050x', lineGbps: 25, burstGbps: 40, durationMs: 1, thresholds: { high: 1_000, low: 500 }, segment: 208 },
]

describe.each(CASES)('a burst of known size into a known buffer on the $profile', (c) => {
  const BUFFER = 1_000_000
  const PACKET = 1_000
  let dev: MockSwitch
  let sw: Device
  beforeAll(async () => {
    dev = new MockSwitch({ hostname: `burst-${c.profile}`, profile: c.profile, ports: 4, queueBufferBytes: BUFFER, username: 'admin', password: 'pw' })
    const { eapi } = await dev.listen()
    sw = await connect(eapi.connectOptions)
  })
  afterAll(async () => {
    await sw.close()
    await dev.close()
  })

  it('LANZ peak, duration and the drops match the arithmetic within 1 %', async () => {
    await sw.lanz.configure({ enabled: true, thresholds: [{ interface: 'Ethernet1', ...c.thresholds }] })
    const expected = burstArithmetic({
      rate: (c.burstGbps * 1e9) / 8,
      line: (c.lineGbps * 1e9) / 8,
      durationS: c.durationMs / 1000,
      bufferBytes: BUFFER,
      highBytes: c.thresholds.high * c.segment,
      lowBytes: c.thresholds.low * c.segment,
    })
    expect(expected.droppedBytes).toBeGreaterThan(0)
    dev.burst('Ethernet1', { outMbps: c.burstGbps * 1000, durationMs: c.durationMs, packetBytes: PACKET, trafficClass: 3, from: ['Ethernet2', 'Ethernet3'] })
    const startedAt = (dev.bootTime + dev.traffic.elapsedSeconds * 1000) * 1000
    dev.advanceTime(0.05)

    const buffers = await sw.counters.buffers()
    expect(buffers.source.lanz).toBe('enabled')
    const end = buffers.lanz?.records.find((r) => r.entryType === 'end')
    const start = buffers.lanz?.records.find((r) => r.entryType === 'start')
    expect(end).toMatchObject({ interface: 'Ethernet1', trafficClass: 3, ingressInterfaces: ['Ethernet2', 'Ethernet3'] })
    within1(end?.queueLengthBytes ?? 0, expected.peakBytes)
    within1(end?.durationUs ?? 0, expected.durationS * 1e6)
    within1((start?.timeUs ?? 0) - startedAt, expected.startS * 1e6)
    within1(start?.queueLengthBytes ?? 0, c.thresholds.high * c.segment)

    const droppedPackets = expected.droppedBytes / PACKET
    const drops = await sw.counters.drops()
    within1(Number(drops.interfaces.find((i) => i.interface === 'Ethernet1')?.outDiscards ?? 0n), droppedPackets)
    const queue = drops.queues.find((q) => q.interface === 'Ethernet1' && q.trafficClass === 3 && q.droppedPackets > 0n)
    within1(Number(queue?.droppedPackets ?? 0n), droppedPackets)
    if (c.profile === '7280r') {
      expect(buffers.source.hardwareDrops).toBe('supported')
      within1(Number(buffers.hardwareDropTotals?.congestion ?? 0n), droppedPackets)
      expect(buffers.hardwareDrops[0]).toMatchObject({ chip: 'Jericho0', type: 'congestion', eventCount: 1 })
    } else {
      expect(buffers.source.hardwareDrops).toBe('unsupported')
    }
  })

  it('the drop rate per second during a longer burst, from counters.watch on the simulated clock', async () => {
    const clock = simulatedClock(dev)
    const line = (c.lineGbps * 1e9) / 8
    const dropRate = ((c.burstGbps * 1e9) / 8 - line) / PACKET
    dev.burst('Ethernet1', { outMbps: c.burstGbps * 1000, durationMs: 40, startInMs: 1, packetBytes: PACKET, trafficClass: 3 })
    const perSecond: number[] = []
    for await (const s of sw.counters.watch({ intervalMs: 5, maxSamples: 11, clock })) {
      const r = s.rates.find((x) => x.subject.interface === 'Ethernet1' && x.counter === 'outDiscards')
      if (s.seq === 0) expect(r?.perSecond).toBeUndefined()
      else perSecond.push(r?.perSecond ?? -1)
      expect(s.time.clock).toBe('client')
    }
    // Polls at 0, 5, …, 50 ms; the burst runs from 1 to 41 ms: the intervals from 5 to 40 ms drop at the full rate.
    expect(perSecond).toHaveLength(10)
    for (const rate of perSecond.slice(1, 8)) within1(rate, dropRate)
    expect(perSecond.at(-1)).toBe(0)
  })
})
