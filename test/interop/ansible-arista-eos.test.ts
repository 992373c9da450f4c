import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeInterop } from '../support/interop-tools.js'
import { AnsibleLab, CONNECTIONS, deviceName, scenarioNames, type AnsibleRun } from './ansible-lab.js'
import { differences, readExpectation } from './ansible-expectations.js'

/**
 * Ansible's arista.eos collection (Debian's `ansible`: ansible-core 2.14, arista.eos 6.0.1, ansible.netcommon 4.1),
 * unchanged, against a lab that `switchyard mock --topology` starts as a process, with the Ansible inventory it writes:
 * facts, commands, eos_config (lines with parents, diff, check mode, save_when, replace in check mode, diff against
 * startup) and the resource modules vlans, l2_interfaces, l3_interfaces, lag_interfaces and interfaces in every state,
 * each run once in check mode and twice for real (the second must change nothing), over httpapi HTTPS, httpapi HTTP and
 * network_cli. Every scenario has a device of its own per connection, set up through the control API; the three
 * connection groups run side by side (one ansible-playbook each, `--limit`). The plays check themselves with
 * eos_command (check.yml); this test then reads every device through the control API: its configuration, and its
 * command log (which configuration sessions were opened and how they ended, which exec commands were sent).
 */
describeInterop('ansible arista.eos against a lab started from a topology file', ['ansible'], () => {
  const scenarios = scenarioNames()
  const expectations = new Map(scenarios.map((s) => [s, readExpectation(s)]))
  const runningBefore = new Map<string, string>()
  const runs = new Map<string, AnsibleRun>()
  let lab: AnsibleLab | undefined

  beforeAll(async () => {
    const started = Date.now()
    lab = await AnsibleLab.start(scenarios)
    for (const connection of CONNECTIONS) {
      for (const scenario of scenarios) {
        const device = deviceName(connection, scenario)
        runningBefore.set(device, await lab.cli(device, 'show running-config'))
      }
    }
    const ready = (Date.now() - started) / 1000
    const results = await Promise.all(CONNECTIONS.map((connection) => (lab as AnsibleLab).run(connection, scenarios, { timeoutMs: 330_000 })))
    for (const run of results) {
      runs.set(run.connection, run)
      console.info(`[ansible] ${run.connection}: ${run.passed.length} of ${scenarios.length} scenarios passed in ${run.seconds.toFixed(0)} s`)
    }
    console.info(`[ansible] lab of ${scenarios.length * CONNECTIONS.length} devices up and set up in ${ready.toFixed(1)} s; stage ${((Date.now() - started) / 1000).toFixed(0)} s so far`)
  }, 400_000)

  afterAll(async () => {
    await lab?.close()
  }, 40_000)

  for (const connection of CONNECTIONS) {
    it(`passes every scenario over ${connection.id}`, () => {
      const run = runs.get(connection.id)
      expect(run, 'the run did not happen').toBeDefined()
      expect(run?.failed.map((f) => `${f.scenario}: ${f.message}`)).toEqual([])
      expect(run?.passed).toEqual(scenarios)
    })

    it(`left every device as its scenario says over ${connection.id}, read through the control API`, async () => {
      const found: Record<string, string[]> = {}
      for (const scenario of scenarios) {
        const device = deviceName(connection, scenario)
        const expectation = expectations.get(scenario)
        if (!expectation) throw new Error(`no expectation for ${scenario}`)
        const problems = await differences(lab as AnsibleLab, device, expectation, runningBefore.get(device) ?? '')
        if (problems.length > 0) found[device] = problems
      }
      expect(found).toEqual({})
    }, 60_000)
  }

  it('stops the lab with SIGTERM: exit code 0', async () => {
    const stopping = lab as AnsibleLab
    lab = undefined
    expect(await stopping.close()).toBe(0)
  }, 40_000)
})
