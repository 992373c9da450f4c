import { describe, expect, it } from 'vitest'
import { renderChanges } from '../../drivers/eos/index.js'

describe('EOS renderer', () => {
  it('renders VLAN create, update and delete', () => {
    expect(
      renderChanges([
        { kind: 'vlan.create', id: 10, name: 'users' },
        { kind: 'vlan.update', id: 10, state: 'suspend' },
        { kind: 'vlan.delete', id: 11 },
      ]),
    ).toEqual(['vlan 10', 'name users', 'exit', 'vlan 10', 'state suspend', 'exit', 'no vlan 11'])
  })

  it('renders switchport settings in EOS order', () => {
    expect(
      renderChanges([
        {
          kind: 'interface.configure',
          interface: 'Ethernet1',
          settings: { description: 'rack 4', enabled: true, mode: 'trunk', nativeVlan: 10, allowedVlans: { replace: [10, 11, 12, 20] } },
        },
        { kind: 'interface.configure', interface: 'Ethernet2', settings: { allowedVlans: { add: [30, 31] } } },
        { kind: 'interface.configure', interface: 'Ethernet3', settings: { allowedVlans: { remove: [5] }, description: '' } },
        { kind: 'interface.configure', interface: 'Ethernet4', settings: { mode: 'routed', enabled: false } },
        { kind: 'interface.configure', interface: 'Ethernet5', settings: { mode: 'access', accessVlan: 20, allowedVlans: 'none' } },
      ]),
    ).toEqual([
      'interface Ethernet1',
      'description rack 4',
      'no shutdown',
      'switchport',
      'switchport mode trunk',
      'switchport trunk native vlan 10',
      'switchport trunk allowed vlan 10-12,20',
      'exit',
      'interface Ethernet2',
      'switchport trunk allowed vlan add 30-31',
      'exit',
      'interface Ethernet3',
      'no description',
      'switchport trunk allowed vlan remove 5',
      'exit',
      'interface Ethernet4',
      'shutdown',
      'no switchport',
      'exit',
      'interface Ethernet5',
      'switchport',
      'switchport mode access',
      'switchport access vlan 20',
      'switchport trunk allowed vlan none',
      'exit',
    ])
  })

  it('renders port-channels with their members and min-links', () => {
    expect(
      renderChanges([
        { kind: 'lag.create', id: 10, members: ['Ethernet1', 'Ethernet2'], mode: 'active', minLinks: 1 },
        { kind: 'lag.addMember', id: 10, interface: 'Ethernet3', mode: 'active' },
        { kind: 'lag.removeMember', id: 10, interface: 'Ethernet1' },
        { kind: 'lag.delete', id: 10, members: ['Ethernet2', 'Ethernet3'] },
      ]),
    ).toEqual([
      'interface Ethernet1',
      'channel-group 10 mode active',
      'exit',
      'interface Ethernet2',
      'channel-group 10 mode active',
      'exit',
      'interface Port-Channel10',
      'port-channel min-links 1',
      'exit',
      'interface Ethernet3',
      'channel-group 10 mode active',
      'exit',
      'interface Ethernet1',
      'no channel-group',
      'exit',
      'interface Ethernet2',
      'no channel-group',
      'exit',
      'interface Ethernet3',
      'no channel-group',
      'exit',
      'no interface Port-Channel10',
    ])
  })

  it('renders DHCP relay: helpers with vrf and source-interface, global servers, option 82', () => {
    expect(
      renderChanges([
        { kind: 'dhcpRelay.set', interface: 'Vlan20', servers: [{ address: '10.0.0.5' }, { address: '10.0.0.6', vrf: 'red', sourceInterface: 'Loopback0' }] },
        { kind: 'dhcpRelay.clear', interface: 'Vlan30' },
        { kind: 'dhcpRelay.setGlobal', addServers: ['10.1.1.1'], removeServers: ['10.2.2.2'], option82: true },
      ]),
    ).toEqual([
      'interface Vlan20',
      'no ip helper-address',
      'ip helper-address 10.0.0.5',
      'ip helper-address 10.0.0.6 vrf red source-interface Loopback0',
      'exit',
      'interface Vlan30',
      'no ip helper-address',
      'exit',
      'dhcp relay',
      'no server 10.2.2.2',
      'server 10.1.1.1',
      'exit',
      'ip dhcp relay information option',
    ])
  })
})
