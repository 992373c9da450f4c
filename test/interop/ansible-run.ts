import { fileURLToPath } from 'node:url'
import { AnsibleLab, CONNECTIONS, deviceName, scenarioNames } from './ansible-lab.js'
import { differences, readExpectation } from './ansible-expectations.js'

/**
 * The Ansible stage by hand, on some scenarios or all: `node --import tsx test/interop/ansible-run.ts [scenario…]`
 * prints each failure, each device that differs from its expectation, the pass counts and the times. SHOW_OUTPUT=1
 * prints ansible's output, SHOW_LOG=1 each device's command log.
 */
export async function runStageByHand(only: readonly string[]): Promise<void> {
  const scenarios = only.length > 0 ? [...only] : scenarioNames()
  const expectations = new Map(scenarios.map((s) => [s, readExpectation(s)]))
  const started = Date.now()
  const lab = await AnsibleLab.start(scenarios)
  try {
    const before = new Map<string, string>()
    for (const c of CONNECTIONS) for (const s of scenarios) before.set(deviceName(c, s), await lab.cli(deviceName(c, s), 'show running-config'))
    const runs = await Promise.all(CONNECTIONS.map((c) => lab.run(c, scenarios)))
    for (const run of runs) {
      if (process.env.SHOW_OUTPUT) console.log(run.output)
      for (const f of run.failed) console.log(`FAIL ${run.connection} ${f.scenario}: ${f.message}\n`)
    }
    for (const c of CONNECTIONS) {
      for (const s of scenarios) {
        const device = deviceName(c, s)
        if (process.env.SHOW_LOG) console.log(`== ${device}\n${(await lab.log(device)).map((e) => `${e.face} ${e.outcome === 'ok' ? '' : '[error] '}${e.line}`).join('\n')}`)
        for (const problem of await differences(lab, device, expectations.get(s) ?? readExpectation(s), before.get(device) ?? '')) console.log(`DIFFERS ${device}: ${problem}`)
      }
    }
    for (const run of runs) console.log(`${run.connection}: ${run.passed.length} of ${scenarios.length} scenarios passed in ${run.seconds.toFixed(1)} s`)
  } finally {
    console.log(`lab exit code ${await lab.close()}; total ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runStageByHand(process.argv.slice(2))
