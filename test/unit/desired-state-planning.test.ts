import { describe, expect, it } from 'vitest'
import { formatDrift, parseDesiredState, parsed, rendered, ValidationError, type DesiredStateInput } from '../../src/index.js'
import { mockRunningConfig, problemsOf } from '../support/desired-state-text.js'

/** The running-config of a mock with a few things configured (the mock prints it as EOS does). */
const runningConfig = (lines: string[], platform: 'eos' | 'mos' = 'eos') => mockRunningConfig(lines, { platform })

describe('parseDesiredState', () => {
  it('reads YAML and JSON alike, canonicalising names and filling in states', () => {
    const yaml = parseDesiredState('interfaces:\n  config:\n    - { name: et1, mode: access, accessVlan: 10 }\n')
    const json = parseDesiredState('{"interfaces": {"config": [{"name": "Ethernet1", "mode": "access", "accessVlan": 10}]}}')
    expect(yaml).toEqual(json)
    expect(yaml.interfaces).toEqual({ state: 'merged', config: [{ name: 'Ethernet1', mode: 'access', accessVlan: 10 }] })
  })

  it('reports every problem with its line and column', () => {
    const text = ['vlans:', '  state: merged', '  config:', '    - id: 10', '    - id: 5000', 'interfaces:', '  config:', '    - name: Ethernet1', '      colour: blue', ''].join('\n')
    const error = (() => {
      try {
        parseDesiredState(text, { source: 'leaf.yaml' })
      } catch (e) {
        return e as ValidationError
      }
      throw new Error('no error')
    })()
    expect(error.message).toMatch(/leaf\.yaml:5:11: vlans\.config\.1\.id: a VLAN id must be between 1 and 4094/)
    expect(error.message).toMatch(/leaf\.yaml:9:7: interfaces\.config\.0: Unrecognized key: "colour"/)
    expect(error.issues).toHaveLength(2)
  })

  it('reports YAML syntax errors with their position', () => {
    expect(() => parseDesiredState('vlans:\n  config: [ { id: 10 }\n', { source: 'x.yaml' })).toThrow(/x\.yaml:\d+:\d+: /)
  })

  it('refuses free text that could inject a CLI line', () => {
    expect(() => parseDesiredState('interfaces:\n  config:\n    - { name: Ethernet1, description: "a | b" }\n')).toThrow(/must not contain '\|'/)
    expect(() => parseDesiredState('vlans:\n  config:\n    - { id: 10, name: "a\\nb" }\n')).toThrow(/printable ASCII/)
  })
})

describe('whole-document validation lists every problem with its path, before anything is sent', () => {
  it('an access VLAN neither present nor created, a port in two LAGs, a relay on an SVI without an address', async () => {
    const problems = await problemsOf({
      interfaces: { config: [{ name: 'Ethernet1', mode: 'access', accessVlan: 77 }, { name: 'Vlan20' }] },
      lags: { config: [{ id: 1, members: ['Ethernet7'] }, { id: 2, members: ['Ethernet7', 'Ethernet8'] }] },
      dhcpRelay: { config: { interfaces: [{ name: 'Vlan20', servers: ['10.0.0.5'] }] } },
    }, runningConfig([]))
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: ['interfaces', 'config', 0, 'accessVlan'], message: expect.stringMatching(/access VLAN 77 neither exists/) },
        { path: ['lags', 'config', 1, 'members', 0], message: expect.stringMatching(/Ethernet7 is listed in two port-channels/) },
        { path: ['dhcpRelay', 'config', 'interfaces', 0, 'name'], message: expect.stringMatching(/Vlan20 relays DHCP but has no IPv4 address/) },
      ]),
    )
  })

  it('an L1 output with two sources', async () => {
    const problems = await problemsOf({ l1: { config: [{ output: 'et2', source: 'et1' }] }, taps: { config: [{ source: 'et3', outputs: ['et2'] }] } })
    expect(problems).toEqual([{ path: ['taps', 'config', 0, 'outputs', 0], message: expect.stringMatching(/one source per output: et2 would take et1/) }])
  })

  it('a section of the other platform, and VLAN 1 deleted', async () => {
    const problems = await problemsOf({ platform: 'eos', vlans: { state: 'deleted', config: [{ id: 1 }] }, taps: { config: [{ source: 'et1', outputs: ['et2'] }] } })
    expect(problems.map((p) => p.path.join('.'))).toEqual(expect.arrayContaining(['taps', 'vlans.config.0.id']))
  })

  it('overridden leaves protected interfaces alone; changing one needs allowProtected, cutting management off needs force', async () => {
    const state = runningConfig([])
    expect(await rendered({ interfaces: { state: 'overridden', config: [] } }, state)).toEqual([])
    const problems = await problemsOf({ interfaces: { state: 'overridden', config: [{ name: 'Management1', ipv4: '192.0.2.99/24' }] } }, state)
    expect(problems[0]?.message).toMatch(/Management1 is protected/)
    await expect(rendered({ interfaces: { state: 'merged', config: [{ name: 'Management1', enabled: false }] } }, state)).rejects.toThrow(/carries management access: the plan would shut it down; pass force: true/)
    expect(await rendered({ interfaces: { state: 'merged', config: [{ name: 'Management1', enabled: false }] } }, state, { force: true })).toEqual(['interface Management1', 'shutdown', 'exit'])
  })
})

describe('merged adds to lists, replaced sets them', () => {
  const trunk = runningConfig(['vlan 10,20,30', 'exit', 'interface Ethernet2', 'switchport mode trunk', 'switchport trunk allowed vlan 10,20', 'exit'])
  it('merged adds allowed VLANs to a trunk (as Ansible merged and EOS "allowed vlan add" do); replaced sets exactly the list', async () => {
    expect(await rendered({ interfaces: { state: 'merged', config: [{ name: 'Ethernet2', allowedVlans: [30] }] } }, trunk)).toEqual(['interface Ethernet2', 'switchport trunk allowed vlan 10,20,30', 'exit'])
    expect(await rendered({ interfaces: { state: 'merged', config: [{ name: 'Ethernet2', allowedVlans: '10,20' }] } }, trunk)).toEqual([])
    expect(await rendered({ interfaces: { state: 'replaced', config: [{ name: 'Ethernet2', mode: 'trunk', allowedVlans: [30] }] } }, trunk)).toEqual(['interface Ethernet2', 'switchport trunk allowed vlan 30', 'exit'])
  })
  it("merged sets 'all' and 'none' as given, and a port that becomes a trunk gets exactly the list", async () => {
    expect(await rendered({ interfaces: { state: 'merged', config: [{ name: 'Ethernet2', allowedVlans: 'none' }] } }, trunk)).toEqual(['interface Ethernet2', 'switchport trunk allowed vlan none', 'exit'])
    expect(await rendered({ interfaces: { state: 'merged', config: [{ name: 'Ethernet2', allowedVlans: 'all' }] } }, trunk)).toEqual(['interface Ethernet2', 'switchport trunk allowed vlan all', 'exit'])
    const lines = await rendered({ interfaces: { state: 'merged', config: [{ name: 'Ethernet3', mode: 'trunk', allowedVlans: [30] }] } }, trunk)
    expect(lines).toContain('switchport trunk allowed vlan 30')
  })
})

describe('rendered and parsed are pure', () => {
  it('parsed reads a running-config into the document that describes it', () => {
    const doc = parsed(runningConfig(['vlan 10', 'name users', 'exit', 'vlan 20-21', 'exit', 'interface Ethernet2', 'switchport mode trunk', 'switchport trunk allowed vlan 10,20', 'channel-group 3 mode passive', 'exit', 'interface Vlan10', 'ip address 10.0.10.1/24', 'ip helper-address 10.0.0.5', 'exit']))
    expect(doc).toEqual({
      platform: 'eos',
      vlans: { state: 'overridden', config: [{ id: 10, name: 'users' }, { id: 20 }, { id: 21 }] },
      interfaces: {
        state: 'overridden',
        config: [
          { name: 'Ethernet2', mode: 'trunk', allowedVlans: '10,20' },
          { name: 'Management1', ipv4: '192.0.2.10/24' },
          { name: 'Vlan10', ipv4: '10.0.10.1/24' },
        ],
      },
      lags: { state: 'overridden', config: [{ id: 3, members: ['Ethernet2'], mode: 'passive' }] },
      dhcpRelay: { state: 'overridden', config: { interfaces: [{ name: 'Vlan10', servers: ['10.0.0.5'] }] } },
    })
  })

  it('rendered orders lines by dependency: VLANs, members released, ports, port-channels, SVI address before relay, removals last', async () => {
    const state = runningConfig(['vlan 99', 'exit', 'interface Ethernet5', 'channel-group 9 mode active', 'exit', 'interface Vlan99', 'ip address 10.9.9.1/24', 'exit'])
    const lines = await rendered(
      {
        vlans: { state: 'overridden', config: [{ id: 20, name: 'pxe' }] },
        interfaces: { state: 'overridden', config: [{ name: 'Ethernet1', mode: 'access', accessVlan: 20 }, { name: 'Vlan20', ipv4: '10.0.20.1/24' }] },
        lags: { state: 'overridden', config: [{ id: 1, members: ['Ethernet7', 'Ethernet8'] }] },
        dhcpRelay: { state: 'merged', config: { interfaces: [{ name: 'Vlan20', servers: ['10.0.0.5'] }] } },
      },
      state,
    )
    const at = (line: string) => lines.indexOf(line)
    expect(at('vlan 20')).toBe(0)
    expect(at('no interface Port-Channel9')).toBeLessThan(at('interface Ethernet1'))
    expect(at('switchport access vlan 20')).toBeGreaterThan(at('vlan 20'))
    expect(at('ip address 10.0.20.1/24')).toBeLessThan(at('ip helper-address 10.0.0.5'))
    expect(at('no interface Vlan99')).toBeGreaterThan(at('ip helper-address 10.0.0.5'))
    expect(lines.at(-1)).toBe('no vlan 99')
  })

  it('parsed reads a 7130 running-config, and rendered plans a 7130 document without a device', async () => {
    const text = runningConfig(['interface et2', 'source et1', 'exit', 'app metawatch', 'timesource ptp', 'no shutdown', 'exit', 'interface ap45', 'source et5', 'exit', 'interface et7', 'source ap57', 'exit'], 'mos')
    expect(parsed(text)).toEqual({
      platform: 'mos',
      l1: { state: 'overridden', config: [{ output: 'et2', source: 'et1' }] },
      metawatch: { state: 'overridden', config: { enabled: true, timesource: 'ptp', cores: [{ index: 0, inputs: ['et5'], deliverTo: ['et7'] }] } },
    })
    expect(await rendered({ metawatch: { state: 'merged', config: { timesource: 'pps' } } }, text)).toEqual(['app metawatch', 'shutdown', 'timesource pps', 'no shutdown', 'exit'])
  })

  it('the drift report reads like terraform plan', async () => {
    const { planDocument } = await import('../../src/desired-state/plan-document.js')
    const { parseRunningConfigState } = await import('../../src/desired-state/parse-running-config.js')
    const { buildPlan } = await import('../../src/desired-state/plan.js')
    const doc = parseDesiredState('vlans:\n  config: [{ id: 10, name: staff }, { id: 20 }]\n')
    const state = parseRunningConfigState(runningConfig(['vlan 10', 'name users', 'exit']))
    expect(planDocument(doc, state).changes).toHaveLength(2)
    const text = formatDrift(await buildPlan(doc, state, {}))
    expect(text).toContain('~ vlans 10\n    name: users -> staff\n')
    expect(text).toContain('+ vlans 20\n')
    expect(text).toContain('Plan: 1 to add, 1 to change, 0 to remove')
  })
})
