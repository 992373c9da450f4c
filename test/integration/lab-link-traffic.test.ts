import { afterEach, describe, expect, it } from 'vitest'
import { connect, type Device } from '../../src/index.js'
import { MockLab, startControlApi, type ControlApi, type MockSwitch } from '../../mocks/index.js'

const TOKEN = 'lab-link-traffic-token-0123456789'

/** a and b (7280R, 10 Gb/s ports) cabled twice, a veos (1 Gb/s) c, and a 7130 between a and b. */
async function startLab(): Promise<MockLab> {
  return MockLab.fromTopology(
    {
      defaults: { ports: 4, credentials: { password: 'links-pw' } },
      devices: { a: { profile: '7280r' }, b: { profile: '7280r' }, c: {}, tap1: { profile: '7130-48l' } },
      links: [
        ['a:Ethernet1', 'b:Ethernet1'],
        ['a:Ethernet2', 'b:Ethernet2'],
        ['a:Ethernet3', 'tap1:et1'],
        ['b:Ethernet3', 'tap1:et2'],
        ['a:Ethernet4', 'c:Ethernet1'],
      ],
    },
    { sharedKeys: true },
  )
}

function dev(lab: MockLab, name: string): MockSwitch {
  const d = lab.device(name)
  if (!d) throw new Error(`no device ${name}`)
  return d
}

function counters(lab: MockLab, name: string, port: string) {
  const c = dev(lab, name).traffic.counters.get(port)
  if (!c) throw new Error(`no port ${name}:${port}`)
  return c
}

describe('a lab carries traffic over its links (library API)', () => {
  let lab: MockLab | undefined
  afterEach(async () => {
    await lab?.close()
    lab = undefined
  })

  it('a lab-wide advance: what a sends out Ethernet1, b receives on Ethernet1, packet for packet', async () => {
    lab = await startLab()
    dev(lab, 'a').setTraffic('Ethernet1', { outMbps: 800 })
    lab.advanceTime(60)
    const sent = counters(lab, 'a', 'Ethernet1')
    const got = counters(lab, 'b', 'Ethernet1')
    expect(sent.outOctets).toBe(6_000_000_000n)
    expect(got.inOctets).toBe(6_000_000_000n)
    expect([got.inUcastPkts, got.inMulticastPkts, got.inBroadcastPkts]).toEqual([sent.outUcastPkts, sent.outMulticastPkts, 0n])
    expect(got.inUcastPkts + got.inMulticastPkts).toBe(6_000_000n)
    expect([sent.inOctets, got.outOctets]).toEqual([0n, 0n])
    expect(counters(lab, 'b', 'Ethernet2').inOctets).toBe(0n)
  })

  it('small lab-wide steps: fractions of a packet carry over at both ends, which agree after every step', async () => {
    lab = await startLab()
    dev(lab, 'a').setTraffic('Ethernet1', { outMbps: 0.9, packetBytes: 333 })
    const seen: Array<[bigint, bigint]> = []
    for (let i = 0; i < 200; i++) {
      lab.advanceTime(0.01)
      const [sent, got] = [counters(lab, 'a', 'Ethernet1'), counters(lab, 'b', 'Ethernet1')]
      expect([got.inOctets, got.inUcastPkts, got.inMulticastPkts]).toEqual([sent.outOctets, sent.outUcastPkts, sent.outMulticastPkts])
      seen.push([got.inOctets, got.inUcastPkts + got.inMulticastPkts])
    }
    // 0.9 Mb/s for 2 s: 225,000 bytes, 675 whole 333-byte packets (675.67).
    expect(seen.at(-1)).toEqual([225_000n, 675n])
  })

  it("the sender's drops do not cross: outDropRatio 0.25 on a leaves 4.5e9 bytes for b", async () => {
    lab = await startLab()
    dev(lab, 'a').setTraffic('Ethernet1', { outMbps: 800, outDropRatio: 0.25 })
    lab.advanceTime(60)
    expect(counters(lab, 'a', 'Ethernet1')).toMatchObject({ outOctets: 4_500_000_000n, outDiscards: 1_500_000n })
    expect(counters(lab, 'b', 'Ethernet1')).toMatchObject({ inOctets: 4_500_000_000n, inDiscards: 0n, inErrors: 0n })
  })

  // User trial: spine1 Ethernet1 sending 12,000 Mb/s for 60 s left leaf1 Ethernet1's input counters at 0.
  it('beyond line rate the sender queues and drops; the peer receives the line rate, as much as was sent', async () => {
    lab = await startLab()
    dev(lab, 'a').setTraffic('Ethernet1', { outMbps: 12_000 })
    lab.advanceTime(60)
    const sent = counters(lab, 'a', 'Ethernet1')
    expect(sent.outOctets).toBe(75_000_000_000n)
    expect(sent.outDiscards).toBeGreaterThan(0n)
    expect(counters(lab, 'b', 'Ethernet1').inOctets).toBe(75_000_000_000n)
    dev(lab, 'c').setTraffic('Ethernet1', { outMbps: 12_000 })
    lab.advanceTime(60)
    expect(counters(lab, 'a', 'Ethernet4').inOctets).toBe(7_500_000_000n)
  })

  it("receiving follows the receiver's own clock; both directions at once", async () => {
    lab = await startLab()
    dev(lab, 'a').setTraffic('Ethernet1', { outMbps: 800 })
    dev(lab, 'b').setTraffic('Ethernet1', { outMbps: 400, packetBytes: 500 })
    dev(lab, 'b').advanceTime(60)
    expect(counters(lab, 'b', 'Ethernet1')).toMatchObject({ inOctets: 6_000_000_000n, outOctets: 3_000_000_000n })
    expect(counters(lab, 'a', 'Ethernet1')).toMatchObject({ inOctets: 0n, outOctets: 0n })
    dev(lab, 'a').advanceTime(30)
    expect(counters(lab, 'a', 'Ethernet1')).toMatchObject({ inOctets: 1_500_000_000n, inUcastPkts: 2_970_000n, outOctets: 3_000_000_000n })
    expect(counters(lab, 'b', 'Ethernet1').inOctets).toBe(6_000_000_000n)
  })

  it("inMbps set on a linked port adds to the peer's traffic; the receiver's inErrorRatio applies to both", async () => {
    lab = await startLab()
    dev(lab, 'a').setTraffic('Ethernet1', { outMbps: 800 })
    dev(lab, 'b').setTraffic('Ethernet1', { inMbps: 100 })
    lab.advanceTime(60)
    expect(counters(lab, 'b', 'Ethernet1').inOctets).toBe(6_750_000_000n)
    dev(lab, 'b').setTraffic('Ethernet1', { inErrorRatio: 0.1 })
    lab.advanceTime(60)
    expect(counters(lab, 'b', 'Ethernet1')).toMatchObject({ inOctets: 6_750_000_000n + 5_400_000_000n, inErrors: 600_000n })
  })

  it('no traffic crosses a link that is down: cable pulled, or either end shut down', async () => {
    lab = await startLab()
    const [a, b] = [dev(lab, 'a'), dev(lab, 'b')]
    a.setTraffic('Ethernet1', { outMbps: 800 })
    a.setTraffic('Ethernet2', { outMbps: 800 })
    b.setTraffic('Ethernet1', { outMbps: 800 })
    const inOf = () => [counters(lab as MockLab, 'b', 'Ethernet1').inOctets, counters(lab as MockLab, 'a', 'Ethernet1').inOctets, counters(lab as MockLab, 'b', 'Ethernet2').inOctets]

    lab.setLink('a', 'Ethernet1', false)
    lab.advanceTime(10)
    expect(inOf()).toEqual([0n, 0n, 1_000_000_000n])
    lab.setLink('a', 'Ethernet1', true)

    b.cli(['configure', 'interface Ethernet1', 'shutdown', 'end'])
    lab.advanceTime(10)
    expect(inOf()).toEqual([0n, 0n, 2_000_000_000n])
    expect(counters(lab, 'a', 'Ethernet1').outOctets).toBe(0n)
    b.cli(['configure', 'interface Ethernet1', 'no shutdown', 'end'])

    a.cli(['configure', 'interface Ethernet1', 'shutdown', 'end'])
    lab.advanceTime(10)
    expect(inOf()).toEqual([0n, 0n, 3_000_000_000n])
    a.cli(['configure', 'interface Ethernet1', 'no shutdown', 'end'])

    lab.advanceTime(10)
    expect(inOf()).toEqual([1_000_000_000n, 1_000_000_000n, 4_000_000_000n])
  })

  it('EOS to 7130 and back: the 7130 receives what a sends and passes it, along its L1 source, to b', async () => {
    lab = await startLab()
    const tap = dev(lab, 'tap1')
    tap.cli(['configure', 'interface et2', 'source et1', 'end'])
    dev(lab, 'a').setTraffic('Ethernet3', { outMbps: 800 })
    lab.advanceTime(60)
    const traffic = tap.mos?.traffic
    expect(traffic?.rx.get('et1')).toEqual({ octets: 6_000_000_000n, frames: 6_000_000n })
    expect(traffic?.tx.get('et2')).toEqual({ octets: 6_000_000_000n, frames: 6_000_000n })
    expect(counters(lab, 'b', 'Ethernet3')).toMatchObject({ inOctets: 6_000_000_000n, inUcastPkts: 6_000_000n })
    // An offer on the 7130's port (from a tester) adds to what the cable brings; a pulled cable stops both.
    tap.offerTraffic('et1', { gbps: 0.2 })
    lab.advanceTime(60)
    expect(counters(lab, 'b', 'Ethernet3').inOctets).toBe(13_500_000_000n)
    lab.setLink('tap1', 'et2', false)
    lab.advanceTime(60)
    expect(counters(lab, 'b', 'Ethernet3').inOctets).toBe(13_500_000_000n)
  })

  it("a 7130 core's output port sends its inputs' sum, up to the output's line rate (10 Gb/s)", async () => {
    lab = await startLab()
    const tap = dev(lab, 'tap1')
    tap.cli(['configure', 'interface ap1', 'source et1', 'interface et2', 'source ap59', 'end'])
    dev(lab, 'a').setTraffic('Ethernet3', { outMbps: 800 })
    lab.advanceTime(60)
    expect(counters(lab, 'b', 'Ethernet3').inOctets).toBe(6_000_000_000n)
    tap.offerTraffic('et1', { gbps: 20 })
    lab.advanceTime(60)
    expect(counters(lab, 'b', 'Ethernet3').inOctets).toBe(6_000_000_000n + 75_000_000_000n)
    expect(tap.mos?.traffic.tx.get('et2')?.octets).toBe(6_000_000_000n + 75_000_000_000n)
  })
})

describe('a lab carries traffic over its links (control API, read over eAPI)', () => {
  let lab: MockLab | undefined
  let api: ControlApi | undefined
  const devices: Device[] = []
  afterEach(async () => {
    await Promise.all(devices.splice(0).map((d) => d.close()))
    await api?.close()
    await lab?.close()
    lab = undefined
  })

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${api?.url ?? ''}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, json: await res.json() }
  }

  async function ethernet1(name: string) {
    const sw = await connect(lab?.endpointsOf(name)?.eapi.connectOptions as never)
    devices.push(sw)
    return (await sw.counters.interfaces()).find((i) => i.interface === 'Ethernet1')
  }

  it("PUT traffic on a, a lab-wide clock advance: b's Ethernet1 in counters over eAPI match a's out counters; none with the link down", async () => {
    lab = await startLab()
    api = await startControlApi(lab, { token: TOKEN })
    expect((await call('PUT', '/v1/devices/a/traffic', { interfaces: { Ethernet1: { outMbps: 800, outDropRatio: 0.25 } } })).status).toBe(200)
    expect((await call('POST', '/v1/clock/advance', { seconds: 60 })).json.devices).toMatchObject({ a: { elapsedSeconds: 60 }, b: { elapsedSeconds: 60 } })
    const [sent, got] = [await ethernet1('a'), await ethernet1('b')]
    expect(sent).toMatchObject({ outOctets: 4_500_000_000n, outDiscards: 1_500_000n })
    expect(got).toMatchObject({ inOctets: 4_500_000_000n, inUcastPkts: sent?.outUcastPkts, inMulticastPkts: sent?.outMulticastPkts })

    expect((await call('PUT', '/v1/devices/b/links/Et1', { up: false })).json).toMatchObject({ up: false, peer: { device: 'a', port: 'Ethernet1' } })
    await call('POST', '/v1/clock/advance', { seconds: 60 })
    expect((await ethernet1('b'))?.inOctets).toBe(4_500_000_000n)

    await call('PUT', '/v1/devices/b/links/Et1', { up: true })
    expect((await call('POST', '/v1/devices/b/clock/advance', { seconds: 60 })).json.elapsedSeconds).toBe(180)
    expect((await ethernet1('b'))?.inOctets).toBe(9_000_000_000n)
    expect((await ethernet1('a'))?.outOctets).toBe(4_500_000_000n)
  })

  async function ethernet3(name: string) {
    const sw = await connect(lab?.endpointsOf(name)?.eapi.connectOptions as never)
    devices.push(sw)
    return (await sw.counters.interfaces()).find((i) => i.interface === 'Ethernet3')
  }

  it('a 7130 offer made over the control API crosses its cable to b, after the 7130 passes it on (source et1 on et2)', async () => {
    lab = await startLab()
    api = await startControlApi(lab, { token: TOKEN })
    await call('POST', '/v1/devices/tap1/cli', { commands: ['configure', 'interface et2', 'source et1', 'end'] })
    expect((await call('PUT', '/v1/devices/tap1/traffic', { interfaces: { et1: { gbps: 1, frameBytes: 500 } } })).status).toBe(200)
    await call('POST', '/v1/clock/advance', { seconds: 10 })
    expect(await ethernet3('b')).toMatchObject({ inOctets: 1_250_000_000n, inUcastPkts: 2_500_000n })
    await call('PUT', '/v1/devices/tap1/links/et2', { up: false })
    await call('POST', '/v1/clock/advance', { seconds: 10 })
    expect((await ethernet3('b'))?.inOctets).toBe(1_250_000_000n)
  })
})
