import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MockSwitch, type DeviceConfig, type MockEndpoints } from '../../mocks/index.js'

/** Where the playbook, the shared check and the scenarios live. */
export const ANSIBLE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'ansible')

/** How ansible reaches the devices: eAPI over HTTPS or HTTP (httpapi), or SSH (network_cli). */
export type AnsibleConnection = 'httpapi-https' | 'httpapi-http' | 'network_cli'

/** One scenario's device: a mock of its own, set up from `<scenario>.setup` (CLI lines in `configure`). */
interface ScenarioDevice {
  scenario: string
  device: MockSwitch
  endpoints: MockEndpoints
  initial: { running: DeviceConfig; startup: DeviceConfig }
}

/** What one ansible-playbook run gave, per scenario. */
export interface AnsibleRun {
  connection: AnsibleConnection
  passed: string[]
  failed: Array<{ scenario: string; message: string }>
  seconds: number
  output: string
}

/** The scenario names, from `scenarios/*.yml`. */
export function scenarioNames(): string[] {
  return readdirSync(join(ANSIBLE_DIR, 'scenarios'))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => f.slice(0, -4))
    .sort()
}

/**
 * A set of mock devices, one per scenario, so that scenarios run side by side in one ansible-playbook run and a
 * failure stays in its own device. Each device is `sw-<scenario>`, 8 ports, with an LLDP neighbour `peer1` on
 * Ethernet1, and starts from its scenario's setup lines (also saved as its startup-config).
 */
export class AnsibleStage {
  readonly #devices: ScenarioDevice[] = []
  readonly #dir = mkdtempSync(join(tmpdir(), 'switchyard-ansible-'))

  static async start(scenarios = scenarioNames()): Promise<AnsibleStage> {
    const stage = new AnsibleStage()
    try {
      for (const scenario of scenarios) await stage.#add(scenario)
    } catch (error) {
      await stage.close()
      throw error
    }
    return stage
  }

  async #add(scenario: string): Promise<void> {
    const device = new MockSwitch({
      hostname: `sw-${scenario.replaceAll('_', '-')}`,
      ports: 8,
      username: 'admin',
      password: 'admin',
      sharedCertificate: true,
      lldpNeighbors: [{ port: 'Ethernet1', neighborDevice: 'peer1', neighborPort: 'Ethernet7' }],
    })
    const endpoints = await device.listen()
    let setup: string[] = []
    try {
      setup = readFileSync(join(ANSIBLE_DIR, 'scenarios', `${scenario}.setup`), 'utf8').split('\n').filter((l) => l.trim() !== '')
    } catch {
      // No setup: the factory configuration.
    }
    const out = device.cli(['configure', ...setup, 'end', 'write memory'])
    if (out.includes('% ')) throw new Error(`setup of ${scenario} failed:\n${out}`)
    this.#devices.push({ scenario, device, endpoints, initial: { running: structuredClone(device.running), startup: structuredClone(device.startupConfig) } })
  }

  /** A scenario's device. */
  device(scenario: string): MockSwitch {
    const found = this.#devices.find((d) => d.scenario === scenario)
    if (!found) throw new Error(`no scenario ${scenario}`)
    return found.device
  }

  /** Puts every device back to its scenario's starting state (running and startup config, no sessions). */
  reset(): void {
    for (const d of this.#devices) {
      d.device.startupConfig = structuredClone(d.initial.startup)
      d.device.reload()
    }
  }

  /** The inventory (INI) for one connection type: one host per scenario, named after it. */
  inventory(connection: AnsibleConnection): string {
    const lines = ['[eos]']
    for (const d of this.#devices) {
      const common = `ansible_host=127.0.0.1 scenario=${d.scenario} device_hostname=${d.device.running.hostname}`
      if (connection === 'network_cli') {
        lines.push(`${d.scenario} ${common} ansible_port=${d.endpoints.ssh.port} ansible_connection=ansible.netcommon.network_cli`)
      } else {
        const https = connection === 'httpapi-https'
        const port = https ? d.endpoints.eapi.port : d.endpoints.eapiHttp.port
        lines.push(
          // ansible_port too: ansible keys its persistent connections on host and port, not on ansible_httpapi_port,
          // so without it every scenario would share the first device's connection.
          `${d.scenario} ${common} ansible_connection=ansible.netcommon.httpapi ansible_port=${port} ansible_httpapi_port=${port} ` +
            `ansible_httpapi_use_ssl=${https} ansible_httpapi_validate_certs=false`,
        )
      }
    }
    lines.push('', '[eos:vars]', 'ansible_network_os=arista.eos.eos', 'ansible_user=admin', 'ansible_password=admin')
    lines.push('ansible_become=true', 'ansible_become_method=enable', '')
    return lines.join('\n')
  }

  /** Runs site.yml over one connection type in one ansible-playbook process, at most `timeoutMs` long. */
  async run(connection: AnsibleConnection, options: { forks?: number; timeoutMs?: number } = {}): Promise<AnsibleRun> {
    const inventory = join(this.#dir, `${connection}.ini`)
    writeFileSync(inventory, this.inventory(connection))
    const started = Date.now()
    const output = await runProcess('ansible-playbook', ['-i', inventory, join(ANSIBLE_DIR, 'site.yml')], {
      timeoutMs: options.timeoutMs ?? 300_000,
      env: {
        ...process.env,
        ANSIBLE_HOST_KEY_CHECKING: 'False',
        ANSIBLE_FORKS: String(options.forks ?? 12),
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_RETRY_FILES_ENABLED: 'False',
        ANSIBLE_LOCAL_TEMP: join(this.#dir, 'tmp'),
        ANSIBLE_PERSISTENT_CONTROL_PATH_DIR: join(this.#dir, `pc-${connection}`),
        ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
        ANSIBLE_DEPRECATION_WARNINGS: 'False',
        // Three runs share two cores: a persistent connection may take a while to come up under that load.
        ANSIBLE_PERSISTENT_CONNECT_TIMEOUT: '120',
        ANSIBLE_PERSISTENT_COMMAND_TIMEOUT: '120',
      },
    })
    return { connection, ...recapOf(output, this.#devices.map((d) => d.scenario)), seconds: (Date.now() - started) / 1000, output }
  }

  /** Stops every device and removes the temporary files. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#devices.splice(0).map((d) => d.device.close()))
    rmSync(this.#dir, { recursive: true, force: true })
  }
}

/** Reads the PLAY RECAP: a scenario passed when its host has no failed and no unreachable task. */
function recapOf(output: string, scenarios: string[]): Pick<AnsibleRun, 'passed' | 'failed'> {
  const passed: string[] = []
  const failed: AnsibleRun['failed'] = []
  for (const scenario of scenarios) {
    const recap = new RegExp(`^${scenario}\\s+: ok=\\d+\\s+changed=\\d+\\s+unreachable=(\\d+)\\s+failed=(\\d+)`, 'm').exec(output)
    if (recap && recap[1] === '0' && recap[2] === '0') {
      passed.push(scenario)
      continue
    }
    const fatal = new RegExp(`^fatal: \\[${scenario}\\]: (?:FAILED|UNREACHABLE)! => (\\{\\n[\\s\\S]*?\\n\\}|.*)$`, 'm').exec(output)
    failed.push({ scenario, message: recap ? (fatal?.[1] ?? 'failed (see output)').slice(0, 2000) : 'no recap line (the run did not finish)' })
  }
  return { passed, failed }
}

function runProcess(command: string, args: string[], options: { timeoutMs: number; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => chunks.push(c))
    child.stderr.on('data', (c: Buffer) => chunks.push(c))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('utf8'))
    })
  })
}

/** Every connection type, in the order the stage reports them. */
export const CONNECTIONS: readonly AnsibleConnection[] = ['httpapi-https', 'httpapi-http', 'network_cli']

// Run by hand: `node --import tsx test/interop/ansible-stage.ts [connection|all] [scenario…]` prints the pass counts.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [which = 'all', ...only] = process.argv.slice(2)
  const connections = which === 'all' ? CONNECTIONS : [which as AnsibleConnection]
  const started = Date.now()
  const stages = await Promise.all(connections.map(() => AnsibleStage.start(only.length > 0 ? only : scenarioNames())))
  try {
    const runs = await Promise.all(connections.map((c, i) => (stages[i] as AnsibleStage).run(c)))
    for (const run of runs) {
      if (process.env.SHOW_OUTPUT) console.log(run.output)
      for (const f of run.failed) console.log(`FAIL ${run.connection} ${f.scenario}: ${f.message}\n`)
    }
    for (const run of runs) console.log(`${run.connection}: ${run.passed.length} of ${run.passed.length + run.failed.length} scenarios passed in ${run.seconds.toFixed(1)} s`)
    console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await Promise.all(stages.map((s) => s.close()))
  }
}
