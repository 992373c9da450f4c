import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Device } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { UdpDropProxy } from '../support/udp-drop-proxy.js'

describe('an SNMP SET whose answer is lost is settled by reading the values back', () => {
  let mock: MockSwitch
  let endpoints: MockEndpoints
  let proxy: UdpDropProxy
  let sw: Device

  beforeAll(async () => {
    mock = new MockSwitch({ hostname: 'lost-set' })
    endpoints = await mock.listen()
    proxy = await UdpDropProxy.start(endpoints.snmp.port)
    const options = endpoints.snmp.connectOptionsReadWrite
    sw = await connect({ ...options, port: proxy.port, snmp: { ...options.snmp, requestTimeoutMs: 300, retries: 1 } })
  })

  afterAll(async () => {
    await sw.close()
    proxy.close()
    await mock.close()
  })

  const vlanIds = () => mock.cli('show vlan').match(/^\d+/gm)?.map(Number) ?? []

  it('answer lost, SET applied: the result says applied, with a note', async () => {
    proxy.arm('answer')
    const result = await sw.vlans.create({ id: 301 })
    expect(result.applied).toBe(true)
    expect(result.notes?.join(' ')).toMatch(/no answer; reading the values back shows it was applied/)
    expect(vlanIds()).toContain(301)
  })

  it('request lost: a not-applied error, and the device as before', async () => {
    const before = mock.cli('show running-config')
    proxy.arm('request')
    const error = await sw.vlans.create({ id: 302 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'SY_COMMIT_FAILED' })
    expect(String((error as Error).message)).toMatch(/not applied.*none of it in effect/)
    expect(mock.cli('show running-config')).toBe(before)
  })

  it('a delete whose answer is lost reads back as an absent row: applied', async () => {
    proxy.arm('answer')
    const result = await sw.vlans.delete(301)
    expect(result.applied).toBe(true)
    expect(vlanIds()).not.toContain(301)
  })

  it('SET delivered, then silence both ways: SY_OUTCOME_UNKNOWN naming what to read', async () => {
    proxy.arm('everything-after')
    const error = await sw.vlans.create({ id: 303 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'SY_OUTCOME_UNKNOWN' })
    expect(String((error as Error).message)).toMatch(/dot1qVlanStaticRowStatus\.303/)
    expect(vlanIds()).toContain(303)
    proxy.arm('nothing')
  })
})
