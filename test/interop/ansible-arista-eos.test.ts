import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInterop } from '../support/interop-tools.js'
import { AnsibleStage, CONNECTIONS, scenarioNames, type AnsibleRun } from './ansible-stage.js'

/**
 * Ansible's arista.eos collection (Debian's `ansible`: ansible-core 2.14, arista.eos 6.0.1, ansible.netcommon 4.1),
 * unchanged, against mock devices over httpapi HTTPS, httpapi HTTP and network_cli (SSH): facts, commands, eos_config
 * (lines with parents, diff, check mode, save_when, replace in check mode, diff against startup) and the resource
 * modules vlans, l2_interfaces, l3_interfaces, lag_interfaces and interfaces in every state, each run once in check
 * mode and twice for real (the second run must change nothing), each scenario checking the device's state afterwards.
 * Every scenario has its own device; the three connection types run side by side, one ansible-playbook each.
 */
describeInterop('ansible arista.eos against the mock', ['ansible'], () => {
  const stages: AnsibleStage[] = []
  const runs = new Map<string, AnsibleRun>()
  const scenarios = scenarioNames()

  beforeAll(async () => {
    for (const _ of CONNECTIONS) stages.push(await AnsibleStage.start(scenarios))
    const results = await Promise.all(CONNECTIONS.map((connection, i) => (stages[i] as AnsibleStage).run(connection, { timeoutMs: 420_000 })))
    for (const run of results) {
      runs.set(run.connection, run)
      console.info(`[ansible] ${run.connection}: ${run.passed.length} of ${scenarios.length} scenarios passed in ${run.seconds.toFixed(0)} s`)
    }
  }, 480_000)

  afterAll(async () => {
    await Promise.all(stages.map((s) => s.close()))
  })

  for (const connection of CONNECTIONS) {
    it(`passes every scenario over ${connection}`, () => {
      const run = runs.get(connection)
      expect(run, 'the run did not happen').toBeDefined()
      expect(run?.failed.map((f) => `${f.scenario}: ${f.message}`)).toEqual([])
      expect(run?.passed).toEqual(scenarios)
    })
  }

  it('left each device as its scenario says (read on the device, not through ansible)', () => {
    const i = CONNECTIONS.indexOf('network_cli')
    const stage = stages[i] as AnsibleStage
    expect(stage.device('vlans_merged').cli('show running-config | section ^vlan')).toContain('vlan 40\n   name new\n   state suspend')
    expect(stage.device('config_save').cli('show startup-config | include saved-vlan')).toBe('   name saved-vlan\n')
    expect(stage.device('config_replace_check').cli('show running-config | include will-be-replaced')).toContain('description will-be-replaced')
    expect(stage.device('lag_interfaces_overridden').cli('show running-config | include channel-group')).toBe('   channel-group 20 mode active\n')
  })
})
