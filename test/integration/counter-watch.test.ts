import { afterEach, describe, expect, it } from 'vitest'
import { connect, ValidationError, type CounterWatchSample, type Device } from '../../src/index.js'
import { MockSwitch, simulatedClock } from '../../mocks/index.js'

/** 20 Gb/s offered to a 10 Gb/s port with a full 1 MB queue: 1.25 M packets of 1000 bytes dropped per second. */
const OVERLOAD = { outMbps: 20_000, packetBytes: 1_000 } as const
const DROPS_PER_SECOND = 1_250_000

const rateOf = (s: CounterWatchSample, iface: string, counter = 'outDiscards') => s.rates.find((r) => r.subject.interface === iface && r.counter === counter)

describe('counters.watch on the mock clock', () => {
  let dev: MockSwitch
  let sw: Device
  afterEach(async () => {
    await sw.close()
    await dev.close()
  })

  async function start(driver: 'eapi' | 'ssh' | 'snmp'): Promise<void> {
    dev = new MockSwitch({ hostname: `watch-${driver}`, profile: '7280r', ports: 4, queueBufferBytes: 1_000_000, username: 'admin', password: 'pw-watch' })
    const endpoints = await dev.listen()
    sw = await connect(endpoints[driver].connectOptions)
  }

  it.each(['eapi', 'ssh'] as const)('over %s: steady rates, a reset reported (no negative rate), an interface that comes and goes', async (driver) => {
    await start(driver)
    dev.setTraffic('Ethernet1', OVERLOAD)
    dev.advanceTime(1)
    const samples: CounterWatchSample[] = []
    for await (const s of sw.counters.watch({ intervalMs: 1000, maxSamples: 6, clock: simulatedClock(dev) })) {
      samples.push(s)
      if (s.seq === 1) dev.cli('clear counters')
      if (s.seq === 2) dev.cli(['configure', 'interface Ethernet4', 'channel-group 5 mode on', 'end'])
      if (s.seq === 3) dev.cli(['configure', 'no interface Port-Channel5', 'end'])
    }
    expect(samples.map((s) => s.seq)).toEqual([0, 1, 2, 3, 4, 5])
    expect(samples[0]?.intervalMs).toBeUndefined()
    expect(rateOf(samples[0] as CounterWatchSample, 'Ethernet1')?.perSecond).toBeUndefined()
    expect(rateOf(samples[1] as CounterWatchSample, 'Ethernet1')).toMatchObject({ delta: BigInt(DROPS_PER_SECOND), perSecond: DROPS_PER_SECOND })
    const queue = samples[1]?.rates.find((r) => r.subject.interface === 'Ethernet1' && r.subject.direction === 'ingress' && r.subject.trafficClass === 0)
    expect(queue?.perSecond).toBe(DROPS_PER_SECOND)

    const afterClear = rateOf(samples[2] as CounterWatchSample, 'Ethernet1')
    expect(afterClear?.event).toBe('reset')
    expect(afterClear?.perSecond).toBeUndefined()
    expect(samples.flatMap((s) => s.rates).every((r) => r.perSecond === undefined || r.perSecond >= 0)).toBe(true)

    expect(rateOf(samples[3] as CounterWatchSample, 'Port-Channel5')).toMatchObject({ event: 'new' })
    expect(samples[4]?.missing).toContainEqual({ subject: { interface: 'Port-Channel5' }, counter: 'outDiscards' })
    expect(rateOf(samples[5] as CounterWatchSample, 'Ethernet1')?.perSecond).toBe(DROPS_PER_SECOND)
  })

  it('over SNMP: the 32-bit ifOutDiscards wraps and is unwrapped, on the device clock (sysUpTime)', async () => {
    await start('snmp')
    const counters = dev.traffic.counters.get('Ethernet1')
    if (!counters) throw new Error('no Ethernet1')
    counters.outDiscards = 2n ** 32n - 500n
    dev.setTraffic('Ethernet1', OVERLOAD)
    const samples: CounterWatchSample[] = []
    for await (const s of sw.counters.watch({ intervalMs: 10_000, maxSamples: 3, clock: simulatedClock(dev) })) samples.push(s)
    expect(samples.every((s) => s.time.clock === 'device')).toBe(true)
    const first = rateOf(samples[0] as CounterWatchSample, 'Ethernet1')
    expect(first?.value).toBeGreaterThan(2n ** 32n - 1_000_000n)
    const wrapped = rateOf(samples[1] as CounterWatchSample, 'Ethernet1')
    expect(wrapped?.event).toBe('wrapped')
    expect(wrapped?.value).toBeLessThan(2n ** 32n - 1_000_000n)
    const expected = 10 * DROPS_PER_SECOND
    expect(Math.abs(Number(wrapped?.delta ?? 0n) - expected)).toBeLessThanOrEqual(DROPS_PER_SECOND * 0.01)
    // sysUpTime counts the simulated 10 s plus the few real milliseconds of each poll, in 10 ms ticks.
    expect(Math.abs((wrapped?.perSecond ?? 0) - DROPS_PER_SECOND) / DROPS_PER_SECOND).toBeLessThan(0.01)
    expect(rateOf(samples[2] as CounterWatchSample, 'Ethernet1')?.event).toBeUndefined()
  })

  it('an aborted watch ends quietly and sends nothing more', async () => {
    await start('eapi')
    const controller = new AbortController()
    const seen: number[] = []
    for await (const s of sw.counters.watch({ intervalMs: 1000, signal: controller.signal, clock: simulatedClock(dev) })) {
      seen.push(s.seq)
      if (s.seq === 1) controller.abort()
    }
    expect(seen).toEqual([0, 1])
    const sent = dev.commandLog.length
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(dev.commandLog.length).toBe(sent)
  })

  it('an aborted watch on the real clock ends at once, its timer cleared', async () => {
    await start('eapi')
    const controller = new AbortController()
    const startedAt = performance.now()
    const watch = sw.counters.watch({ intervalMs: 3_600_000, signal: controller.signal })
    expect((await watch.next()).done).toBe(false)
    setTimeout(() => controller.abort(), 10)
    expect((await watch.next()).done).toBe(true)
    expect(performance.now() - startedAt).toBeLessThan(5_000)
  })

  it('options are checked before anything is sent', async () => {
    await start('eapi')
    const sent = dev.commandLog.length
    expect(() => sw.counters.watch({ intervalMs: 0 })).toThrow(ValidationError)
    expect(() => sw.counters.watch({ intervalMs: 1.5 })).toThrow(ValidationError)
    expect(() => sw.counters.watch({ intervalMs: 100, read: 'bogus' as never })).toThrow(ValidationError)
    expect(dev.commandLog.length).toBe(sent)
  })
})
