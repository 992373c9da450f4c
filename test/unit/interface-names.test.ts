import { describe, expect, it } from 'vitest'
import { compareInterfaceNames, normaliseInterfaceName, shortInterfaceName } from '../../src/index.js'

describe('normaliseInterfaceName', () => {
  it.each([
    ['Et1', 'Ethernet1'],
    ['et1', 'Ethernet1'],
    ['ethernet1', 'Ethernet1'],
    ['Ethernet1', 'Ethernet1'],
    ['Eth49/1', 'Ethernet49/1'],
    ['e3/1/2', 'Ethernet3/1/2'],
    ['Po10', 'Port-Channel10'],
    ['port-channel10', 'Port-Channel10'],
    ['Port-Channel1.20', 'Port-Channel1.20'],
    ['Vl10', 'Vlan10'],
    ['vlan10', 'Vlan10'],
    ['Ma1', 'Management1'],
    ['mgmt1', 'Management1'],
    ['Lo0', 'Loopback0'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseInterfaceName(input)).toBe(expected)
  })

  it.each(['', 'Ethernet', 'Foo1', 'Ethernet1\nvlan 2', 'Et1 ; reload', '1'])('rejects %j', (input) => {
    expect(normaliseInterfaceName(input)).toBeUndefined()
  })

  it('shortens and orders like EOS', () => {
    expect(shortInterfaceName('Port-Channel10')).toBe('Po10')
    expect(['Ethernet10', 'Ethernet2', 'Ethernet1/2', 'Ethernet1/10'].sort(compareInterfaceNames)).toEqual([
      'Ethernet1/2',
      'Ethernet1/10',
      'Ethernet2',
      'Ethernet10',
    ])
  })
})
