import { describe, expect, it } from 'vitest'
import { applyTextPipes, splitPipes } from '../../mocks/cli/output-pipes.js'
import { CliError } from '../../mocks/cli/cli-error.js'

// A running-config in EOS's form (3-space indent per level, `!` closing nested blocks), with the nested blocks that
// `| section` must keep whole: an interface, `dhcp relay`, and `router bgp` with `vrf` and address-family sub-blocks.
// The reference notes hold no recording of `| section` output; the expected selections follow EOS's documented rule
// (eapi.md §2.10: matching lines with their parents and children).
const CONFIG = `! Command: show running-config
! device: leaf1 (DCS-7050SX3-48YC8, EOS-4.30.1F)
!
hostname leaf1
!
dhcp relay
   server 10.0.0.5
   tunnel requests disabled
!
vlan 10
   name users
!
interface Ethernet1
   description uplink
   switchport trunk allowed vlan 10,20
   switchport mode trunk
!
interface Vlan10
   ip address 10.10.0.1/24
   ip helper-address 10.0.0.5
!
router bgp 65001
   router-id 10.255.0.1
   neighbor 10.0.0.2 remote-as 65000
   !
   address-family ipv4
      neighbor 10.0.0.2 activate
      network 10.10.0.0/24
   !
   vrf RED
      rd 65001:10
      !
      address-family ipv4
         neighbor 10.1.0.2 activate
!
end
`

const run = (line: string) => applyTextPipes(CONFIG, splitPipes(`show running-config ${line}`).pipes)

describe('output pipes (EOS semantics, one module for every face)', () => {
  it('section keeps a matching top-level block whole, nested sub-blocks included', () => {
    expect(run('| section ^router bgp')).toBe(
      [
        'router bgp 65001',
        '   router-id 10.255.0.1',
        '   neighbor 10.0.0.2 remote-as 65000',
        '   address-family ipv4',
        '      neighbor 10.0.0.2 activate',
        '      network 10.10.0.0/24',
        '   vrf RED',
        '      rd 65001:10',
        '      address-family ipv4',
        '         neighbor 10.1.0.2 activate',
        '',
      ].join('\n'),
    )
    expect(run('| section dhcp relay')).toBe('dhcp relay\n   server 10.0.0.5\n   tunnel requests disabled\n')
  })

  it('section on a nested line prints its parents and its own block only', () => {
    expect(run('| section rd 65001')).toBe('router bgp 65001\n   vrf RED\n      rd 65001:10\n')
    expect(run('| section 10.1.0.2')).toBe('router bgp 65001\n   vrf RED\n      address-family ipv4\n         neighbor 10.1.0.2 activate\n')
    expect(run('| section helper-address')).toBe('interface Vlan10\n   ip helper-address 10.0.0.5\n')
    expect(run('| section ^interface')).toBe(
      'interface Ethernet1\n   description uplink\n   switchport trunk allowed vlan 10,20\n   switchport mode trunk\ninterface Vlan10\n   ip address 10.10.0.1/24\n   ip helper-address 10.0.0.5\n',
    )
  })

  it('include, exclude, begin, count and grep filter lines; pipes chain', () => {
    expect(run('| include neighbor')).toBe('   neighbor 10.0.0.2 remote-as 65000\n      neighbor 10.0.0.2 activate\n         neighbor 10.1.0.2 activate\n')
    expect(run('| grep ^hostname')).toBe('hostname leaf1\n')
    expect(run('| begin ^router | exclude ! | count')).toBe('11\n')
    expect(run('| section ^router | include activate | count')).toBe('2\n')
    expect(run('| inc ^vlan')).toBe('vlan 10\n')
    expect(run('| include nothing-matches')).toBe('')
  })

  it('a bar inside a regular expression is an alternation, as ansible eos_facts relies on', () => {
    expect(splitPipes('show running-config | include interface | access-group | traffic-filter').pipes).toHaveLength(1)
    // The spaces around the bar are part of the expression: `leaf1 ` and ` users`.
    expect(run('| include leaf1 | users')).toBe('! device: leaf1 (DCS-7050SX3-48YC8, EOS-4.30.1F)\n   name users\n')
    expect(run('| include ^hostname|^vlan | count')).toBe('2\n')
  })

  it('rejects a bad modifier with EOS parser messages counted over the whole line', () => {
    const error = (line: string) => {
      try {
        splitPipes(line)
      } catch (e) {
        return e instanceof CliError ? e.message : String(e)
      }
      return 'no error'
    }
    expect(error('show vlan | foo')).toBe("Invalid input (at token 3: 'foo')")
    expect(error('show vlan |')).toBe("Incomplete command (at token 2: '|')")
    expect(error('show vlan | include')).toBe("Incomplete command (at token 3: 'include')")
    expect(error('show vlan | json extra')).toBe("Invalid input (at token 4: 'extra')")
  })
})
