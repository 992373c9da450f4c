import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'

// Found in a user trial: netmiko users run `show vlan brief`, which the mock refused with `% Invalid input`.
// Layouts: a vEOS 4.24.0F capture (arista-netdevops-community/automation_and_telemetry_demo,
// ansible/snapshots/DC1-LEAF2A/report.md).
describe('mock brief show commands', () => {
  let mock: MockSwitch
  let ep: MockEndpoints
  beforeAll(async () => {
    mock = new MockSwitch({ hostname: 'brief1', ports: 3, password: 'brief-pw' })
    mock.cli(['configure', 'vlan 10', 'name users', 'interface Ethernet1', 'description uplink', 'switchport access vlan 10',
      'interface Ethernet2', 'no switchport', 'ip address 10.0.0.1/31', 'shutdown', 'interface Loopback0', 'ip address 198.51.100.1/32', 'end'])
    ep = await mock.listen()
  })
  afterAll(() => mock?.close())

  it('show vlan brief prints the show vlan table, over eAPI text as on the console', async () => {
    expect(mock.cli('show vlan brief')).toBe(mock.cli('show vlan'))
    expect(mock.cli('show vlan brief')).toMatch(/^10 {4}users {28}active {4}Et1$/m)
    const sw = await connect(ep.eapiHttp.connectOptions)
    try {
      expect(await sw.cli('show vlan brief', { format: 'text' })).toEqual([mock.cli('show vlan')])
    } finally {
      await sw.close()
    }
  })

  it('show vlan N for a VLAN that does not exist answers EOS error text (reference/ssh.md §4.3), over eAPI as code 1000', async () => {
    expect(mock.cli('show vlan 99')).toBe('% VLAN 99 not found in current VLAN database\n')
    expect(mock.cli('show vlan 10,99')).toContain('users')
    const sw = await connect(ep.eapiHttp.connectOptions)
    try {
      const error = await sw.cli('show vlan 99').catch((e: unknown) => e)
      expect((error as Error).message).toContain('VLAN 99 not found in current VLAN database')
    } finally {
      await sw.close()
    }
  })

  it('show ip interface brief: routed interfaces with address or unassigned, status, protocol, MTU', () => {
    const lines = mock.cli('show ip interface brief').split('\n')
    expect(lines[1]).toMatch(/^Interface {7}IP Address {11}Status {5}Protocol {12}MTU Owner$/)
    expect(lines).toContain('Ethernet2       10.0.0.1/31          admin down down               1500')
    expect(lines).toContain('Loopback0       198.51.100.1/32      up         up                65535')
    expect(lines.some((l) => l.startsWith('Ethernet1 '))).toBe(false)
    const json = JSON.parse(mock.cli('show ip interface brief | json')) as { interfaces: Record<string, unknown> }
    expect(json.interfaces.Ethernet2).toMatchObject({ lineProtocolStatus: 'down', mtu: 1500, interfaceAddress: { ipAddr: { address: '10.0.0.1', maskLen: 31 } } })
  })

  it('show interfaces [NAME] description: status, protocol and description; an unknown interface is refused', () => {
    expect(mock.cli('show interfaces Ethernet1 description')).toBe(
      'Interface                      Status         Protocol           Description\nEt1                            up             up                 uplink\n',
    )
    expect(mock.cli('show interfaces description')).toMatch(/^Et2 +admin down +down$/m)
    expect(JSON.parse(mock.cli('show interfaces Et2 description | json'))).toEqual({
      interfaceDescriptions: { Ethernet2: { description: '', interfaceStatus: 'adminDown', lineProtocolStatus: 'down' } },
    })
    expect(mock.cli('show interfaces Ethernet9 description')).toMatch(/^% /)
  })
})
