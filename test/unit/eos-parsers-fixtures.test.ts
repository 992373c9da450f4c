import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCountersFromShowInterfaces, parseFacts, parseInterfaces, parseVlans } from '../../drivers/eos/index.js'
import { FIXTURES_DIR, fixture } from '../support/fixtures.js'

describe('EOS parsers on the real recordings in test/fixtures/eos', () => {
  it('covers every EOS fixture file', () => {
    expect(readdirSync(`${FIXTURES_DIR}eos`).sort()).toEqual([
      'show_hostname.json',
      'show_interfaces.json',
      'show_version.json',
      'show_vlan.json',
    ])
  })

  it('show version + show hostname → facts', () => {
    expect(parseFacts(fixture('eos/show_version.json'), fixture('eos/show_hostname.json'))).toEqual({
      hostname: 'localhost',
      fqdn: 'localhost',
      model: 'vEOS',
      osVersion: '4.15.5M',
      serialNumber: '',
      systemMac: '08:00:27:b3:fc:e1',
      platform: 'eos',
    })
  })

  it('show vlan → 20 VLANs sorted by id with their members', () => {
    const vlans = parseVlans(fixture('eos/show_vlan.json'))
    expect(vlans.map((v) => v.id)).toEqual([1, 10, 11, 12, 13, 14, 15, 100, 101, 102, 103, 104, 105, 200, 201, 202, 203, 204, 205, 1000])
    expect(vlans[0]).toEqual({
      id: 1,
      name: 'default',
      state: 'active',
      dynamic: false,
      interfaces: ['Ethernet1', 'Ethernet2', 'Ethernet3', 'Ethernet4', 'Ethernet49/1', 'Ethernet50/1', 'Port-Channel1'],
    })
    expect(vlans.find((v) => v.id === 100)?.interfaces).toEqual([
      'Ethernet1',
      'Ethernet1/1/1',
      'Ethernet2',
      'Ethernet2/1/1',
      'Ethernet3/1/1',
      'Port-Channel1',
    ])
    expect(vlans.at(-1)).toEqual({ id: 1000, name: 'VLAN1000', state: 'active', dynamic: false, interfaces: [] })
  })

  it('show interfaces → Ethernet member, routed Port-Channel and subinterface', () => {
    const list = parseInterfaces(fixture('eos/show_interfaces.json'))
    expect(list.map((i) => i.name)).toEqual(['Ethernet1', 'Port-Channel1', 'Port-Channel1.20'])
    expect(list[0]).toEqual({
      name: 'Ethernet1',
      description: 'not available',
      enabled: true,
      operStatus: 'down',
      speedMbps: 10000,
      mode: 'access',
      accessVlan: null,
      nativeVlan: null,
      allowedVlans: [],
      lag: 'Port-Channel1',
    })
    expect(list[1]).toMatchObject({ name: 'Port-Channel1', mode: 'routed', operStatus: 'lowerLayerDown', speedMbps: 0, lag: null })
    expect(list[2]).toMatchObject({ name: 'Port-Channel1.20', mode: null, description: 'Not available' })
  })

  it('show interfaces → counters as bigint, subinterfaces without counters left out', () => {
    const counters = parseCountersFromShowInterfaces(fixture('eos/show_interfaces.json'))
    expect(counters.map((c) => c.interface)).toEqual(['Ethernet1', 'Port-Channel1'])
    expect(counters[0]).toEqual({
      interface: 'Ethernet1',
      inOctets: 0n,
      outOctets: 0n,
      inUcastPkts: 0n,
      outUcastPkts: 0n,
      inMulticastPkts: 0n,
      outMulticastPkts: 0n,
      inBroadcastPkts: 0n,
      outBroadcastPkts: 0n,
      inDiscards: 0n,
      outDiscards: 0n,
      inErrors: 0n,
      outErrors: 0n,
    })
  })
})
