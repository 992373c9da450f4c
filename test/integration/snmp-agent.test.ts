import dgram from 'node:dgram'
import snmp from 'net-snmp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthorizationError, TimeoutError, UnsupportedError, connect, type Device } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'

let mock: MockSwitch
let ep: MockEndpoints
beforeAll(async () => {
  mock = new MockSwitch({ hostname: 'agent1', ports: 8, profile: '7050x' })
  ep = await mock.listen()
})
afterAll(() => mock.close())

function session(community = 'private'): snmp.Session {
  return snmp.createSession('127.0.0.1', community, { port: ep.snmp.port, version: snmp.Version2c, retries: 0, timeout: 1000 })
}

function set(s: snmp.Session, varbinds: snmp.Varbind[]): Promise<Error | undefined> {
  return new Promise((resolve) => s.set(varbinds, (error) => resolve(error ?? undefined)))
}

function get(s: snmp.Session, oids: string[]): Promise<snmp.Varbind[]> {
  return new Promise((resolve, reject) => s.get(oids, (error, vbs) => (error ? reject(error) : resolve(vbs ?? []))))
}

describe('the mock SNMP agent', () => {
  it('writes what EOS allows, in one PDU, and answers with EOS-like errors for the rest', async () => {
    const s = session()
    expect(await set(s, [{ oid: '1.3.6.1.2.1.31.1.1.1.18.1', type: snmp.ObjectType.OctetString, value: 'uplink' }, { oid: '1.3.6.1.2.1.2.2.1.7.2', type: snmp.ObjectType.Integer, value: 2 }])).toBeUndefined()
    expect(mock.runningConfig()).toMatch(/interface Ethernet1\n {3}description uplink\n[\s\S]*interface Ethernet2\n {3}shutdown\n/)
    const name = await set(s, [{ oid: '1.3.6.1.2.1.17.7.1.4.3.1.1.1', type: snmp.ObjectType.OctetString, value: 'x' }])
    expect(name?.message).toMatch(/^NotWritable/)
    const mixed = await set(s, [
      { oid: '1.3.6.1.2.1.31.1.1.1.18.3', type: snmp.ObjectType.OctetString, value: 'never' },
      { oid: '1.3.6.1.2.1.2.2.1.7.3', type: snmp.ObjectType.Integer, value: 3 },
    ])
    expect(mixed?.message).toMatch(/^WrongValue: 1\.3\.6\.1\.2\.1\.2\.2\.1\.7\.3/)
    expect(mock.runningConfig()).not.toContain('never')
    const readOnly = await set(session('public'), [{ oid: '1.3.6.1.2.1.31.1.1.1.18.1', type: snmp.ObjectType.OctetString, value: 'x' }])
    expect(readOnly?.message).toMatch(/^NoAccess/)
    const unknown = await set(s, [{ oid: '1.3.6.1.4.1.99999.1.0', type: snmp.ObjectType.Integer, value: 1 }])
    expect(unknown?.message).toMatch(/^NoCreation/)
    s.close()
  })

  it('answers GET with noSuchInstance / noSuchObject, and GETBULK with every repeater repeated (N + M×R)', async () => {
    const s = session('public')
    const [missingRow, missingObject] = await get(s, ['1.3.6.1.2.1.2.2.1.2.77', '1.3.6.1.4.1.99999.1.0'])
    expect(missingRow?.type).toBe(snmp.ObjectType.NoSuchInstance)
    expect(missingObject?.type).toBe(snmp.ObjectType.NoSuchObject)
    const bulk = await new Promise<unknown[]>((resolve, reject) =>
      s.getBulk(['1.3.6.1.2.1.1.5', '1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.31.1.1.1.1'], 1, 3, (e, vbs) => (e ? reject(e) : resolve(vbs ?? []))),
    )
    expect((bulk[0] as snmp.Varbind).oid).toBe('1.3.6.1.2.1.1.5.0')
    expect((bulk[1] as snmp.Varbind[]).map((v) => String(v.value))).toEqual(['Ethernet1', 'Ethernet2', 'Ethernet3'])
    expect((bulk[2] as snmp.Varbind[]).map((v) => v.oid)).toEqual(['1.3.6.1.2.1.31.1.1.1.1.1', '1.3.6.1.2.1.31.1.1.1.1.2', '1.3.6.1.2.1.31.1.1.1.1.3'])
    s.close()
  })

  it('keeps answering after garbage packets and odd requests', async () => {
    const socket = dgram.createSocket('udp4')
    for (const junk of [Buffer.from([0x30, 0x03, 0x02, 0x01]), Buffer.alloc(2000, 0xff), Buffer.from('not snmp')]) {
      await new Promise<void>((resolve) => socket.send(junk, ep.snmp.port, '127.0.0.1', () => resolve()))
    }
    socket.close()
    const s = session()
    await set(s, [{ oid: '1.3.6.1.2.1.17.7.1.4.5.1.1.1', type: snmp.ObjectType.OctetString, value: Buffer.from([1, 2]) }])
    await set(s, [{ oid: '1.3.6.1.2.1.17.7.1.4.3.1.5.4095', type: snmp.ObjectType.Integer, value: 4 }])
    await new Promise<void>((resolve) => s.getBulk(['1.3.6.1.2.1.2.2.1'], 0, 100_000, () => resolve()))
    const [name] = await get(s, ['1.3.6.1.2.1.1.5.0'])
    expect(String(name?.value)).toBe('agent1')
    s.close()
  })

  it('serves ARISTA-QUEUE-MIB egress drops on an egress-queue platform, matching eAPI', async () => {
    mock.setTraffic('Ethernet4', { outMbps: 2000, outDropRatio: 0.25, trafficClass: 3 })
    mock.advanceTime(8)
    const viaSnmp = await connect(ep.snmp.connectOptions)
    const viaEapi = await connect(ep.eapi.connectOptions)
    const [a, b] = await Promise.all([viaSnmp.counters.drops(), viaEapi.counters.drops()])
    expect(a.queueSource).toBe('egress-queue')
    expect(a).toEqual(b)
    expect(a.queues.find((q) => q.interface === 'Ethernet4' && q.trafficClass === 3)).toEqual({
      interface: 'Ethernet4',
      direction: 'egress',
      trafficClass: 3,
      droppedPackets: 500_000n,
      droppedBytes: 500_000_000n,
    })
    await viaSnmp.close()
    await viaEapi.close()
  })
})

describe('SNMP driver errors', () => {
  let sw: Device
  beforeAll(async () => {
    sw = await connect(ep.snmp.connectOptions)
  })
  afterAll(() => sw.close())

  it('a read-only community cannot write: an authorization error', async () => {
    await expect(sw.interfaces.configure('Ethernet1', { description: 'x' })).rejects.toBeInstanceOf(AuthorizationError)
  })

  it('features SNMP cannot carry are refused before sending, and capabilities say so', async () => {
    expect(sw.capabilities.dhcpRelay).toMatchObject({ read: false, write: false })
    expect(sw.capabilities.lags).toMatchObject({ read: true, write: false })
    const before = ep.snmp.requests
    await expect(sw.dhcpRelay.get()).rejects.toBeInstanceOf(UnsupportedError)
    await expect(sw.lags.create({ id: 1, members: ['Ethernet1'] })).rejects.toThrow(/lags.write is not supported by the snmp driver/)
    expect(ep.snmp.requests).toBe(before)
  })

  it('a wrong community is a timeout that says it may be the community', async () => {
    const error = await connect({ ...ep.snmp.connectOptions, snmp: { community: 'wrong', retries: 0, requestTimeoutMs: 200 } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as Error).message).toMatch(/wrong community/)
  })
})
