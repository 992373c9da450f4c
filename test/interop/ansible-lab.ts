import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { startLabProcess, type LabProcess } from '../support/lab-process.js'

/** Where the playbook, the shared in-play check and the scenarios live. */
export const ANSIBLE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'ansible')

/** A way ansible reaches a device, with the group of the lab's Ansible inventory that holds it and the device-name prefix. */
export interface AnsibleConnection {
  id: 'httpapi-https' | 'httpapi-http' | 'network_cli'
  group: 'eos_httpapi_https' | 'eos_httpapi_http' | 'eos_network_cli'
  prefix: 'https' | 'http' | 'cli'
}

/** Every connection type, in the order the stage reports them. */
export const CONNECTIONS: readonly AnsibleConnection[] = [
  { id: 'httpapi-https', group: 'eos_httpapi_https', prefix: 'https' },
  { id: 'httpapi-http', group: 'eos_httpapi_http', prefix: 'http' },
  { id: 'network_cli', group: 'eos_network_cli', prefix: 'cli' },
]

/** One line of a device's command log, as the control API serves it. */
export interface LogEntry {
  seq: number
  face: 'eapi' | 'ssh' | 'snmp' | 'console'
  line: string
  outcome: 'ok' | 'error'
  error?: string
}

/** What one ansible-playbook run gave, per scenario (from its PLAY RECAP). */
export interface AnsibleRun {
  connection: AnsibleConnection['id']
  passed: string[]
  failed: Array<{ scenario: string; message: string }>
  seconds: number
  output: string
}

/** The scenario names, from `scenarios/*.yml`. */
export function scenarioNames(): string[] {
  return readdirSync(join(ANSIBLE_DIR, 'scenarios'))
    .filter((f) => f.endsWith('.yml') && !f.endsWith('.expect.yml'))
    .map((f) => f.slice(0, -4))
    .sort()
}

/** The lab device of a scenario on a connection: `https-vlans-merged` (a hostname has no `_`; site.yml reverses this). */
export function deviceName(connection: AnsibleConnection, scenario: string): string {
  return `${connection.prefix}-${scenario.replaceAll('_', '-')}`
}

/** The LLDP neighbour of every `facts_all` device on Ethernet1 (its port Ethernet7), one per connection. */
export function peerName(connection: AnsibleConnection): string {
  return `peer-${connection.prefix}`
}

/**
 * The lab's topology: for each connection, one 8-port EOS device per scenario plus the peer cabled to its `facts_all`
 * device. Unlinked ports are up, as on a MockSwitch of its own (the scenarios expect every port `no shutdown`).
 */
export function topologyYaml(scenarios: readonly string[]): string {
  const lines = [
    '# switchyard ansible stage: one device per scenario and connection (written by test/interop/ansible-lab.ts)',
    'defaults:',
    '  ports: 8',
    '  unlinkedPorts: up',
    '  credentials: { username: admin, password: admin }',
    'devices:',
  ]
  const links: string[] = []
  for (const connection of CONNECTIONS) {
    for (const scenario of scenarios) lines.push(`  ${deviceName(connection, scenario)}: {}`)
    if (scenarios.includes('facts_all')) {
      lines.push(`  ${peerName(connection)}: {}`)
      links.push(`  - [${deviceName(connection, 'facts_all')}:Ethernet1, ${peerName(connection)}:Ethernet7]`)
    }
  }
  if (links.length > 0) lines.push('links:', ...links)
  return `${lines.join('\n')}\n`
}

/** A scenario's setup: CLI lines entered in `configure` (`<scenario>.setup`; none: the factory configuration). */
export function setupLines(scenario: string): string[] {
  try {
    return readFileSync(join(ANSIBLE_DIR, 'scenarios', `${scenario}.setup`), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
  } catch {
    return []
  }
}

/**
 * The lab of the Ansible stage, a `switchyard mock` process started from a generated topology, with the Ansible
 * inventory it writes. Devices are set up and read only through the control API.
 */
export class AnsibleLab {
  readonly dir: string
  readonly inventory: string
  readonly #process: LabProcess

  private constructor(dir: string, process: LabProcess) {
    this.dir = dir
    this.inventory = join(dir, 'inv.yml')
    this.#process = process
  }

  /** Writes the topology, starts the lab process, and sets every device up from its scenario (saved as its startup-config too). */
  static async start(scenarios: readonly string[]): Promise<AnsibleLab> {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-ansible-'))
    let lab: AnsibleLab | undefined
    try {
      const topology = join(dir, 'lab.yaml')
      writeFileSync(topology, topologyYaml(scenarios))
      lab = new AnsibleLab(dir, await startLabProcess(['--topology', topology, '--ansible-inventory', join(dir, 'inv.yml')], {}, 120_000))
      for (const connection of CONNECTIONS) {
        for (const scenario of scenarios) {
          const device = deviceName(connection, scenario)
          const output = await lab.cli(device, ['configure', ...setupLines(scenario), 'end', 'write memory'])
          if (output.includes('% ')) throw new Error(`setup of ${device} failed:\n${output}`)
          await lab.#control('DELETE', `/v1/devices/${device}/log`)
        }
      }
      return lab
    } catch (error) {
      if (lab) await lab.close()
      else rmSync(dir, { recursive: true, force: true })
      throw error
    }
  }

  /** Runs console lines on a device (`POST /v1/devices/{name}/cli`, privileged exec) and returns their output. */
  async cli(device: string, commands: string | string[]): Promise<string> {
    return ((await this.#control('POST', `/v1/devices/${device}/cli`, { commands })) as { output: string }).output
  }

  /** Every line the device received over eAPI, SSH and SNMP since its setup (`GET /v1/devices/{name}/log`, all pages). */
  async log(device: string): Promise<LogEntry[]> {
    const entries: LogEntry[] = []
    let after = 0
    for (let page = 0; page < 100; page++) {
      const answer = (await this.#control('GET', `/v1/devices/${device}/log?after=${after}&limit=10000`)) as { entries: LogEntry[]; nextAfter: number; more: boolean }
      entries.push(...answer.entries)
      if (!answer.more) return entries.filter((e) => e.face !== 'console')
      after = answer.nextAfter
    }
    throw new Error(`the log of ${device} did not end within 100 pages`)
  }

  /** Runs site.yml on one connection's scenario devices (`--limit`), with the lab's inventory, at most `timeoutMs` long. */
  async run(connection: AnsibleConnection, scenarios: readonly string[], options: { forks?: number; timeoutMs?: number } = {}): Promise<AnsibleRun> {
    const started = Date.now()
    const limit = `${connection.group}:&${connection.prefix}-*`
    const output = await runProcess('ansible-playbook', ['-i', this.inventory, '--limit', limit, join(ANSIBLE_DIR, 'site.yml')], {
      timeoutMs: options.timeoutMs ?? 300_000,
      env: {
        ...process.env,
        ANSIBLE_HOST_KEY_CHECKING: 'False',
        ANSIBLE_FORKS: String(options.forks ?? 12),
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_RETRY_FILES_ENABLED: 'False',
        ANSIBLE_LOCAL_TEMP: join(this.dir, 'tmp'),
        ANSIBLE_PERSISTENT_CONTROL_PATH_DIR: join(this.dir, `pc-${connection.prefix}`),
        ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
        ANSIBLE_DEPRECATION_WARNINGS: 'False',
        // Three runs share two cores: a persistent connection may take a while to come up under that load.
        ANSIBLE_PERSISTENT_CONNECT_TIMEOUT: '120',
        ANSIBLE_PERSISTENT_COMMAND_TIMEOUT: '120',
      },
    })
    const hosts = scenarios.map((scenario) => ({ scenario, host: `${deviceName(connection, scenario)}_${connection.prefix}` }))
    return { connection: connection.id, ...recapOf(output, hosts), seconds: (Date.now() - started) / 1000, output }
  }

  /** Stops the lab with SIGTERM and removes the temporary directory; resolves with the lab's exit code. */
  async close(): Promise<number | null> {
    try {
      return await this.#process.stop('SIGTERM', 30_000)
    } finally {
      rmSync(this.dir, { recursive: true, force: true })
    }
  }

  /** The lab process's log lines (stderr), for a failure message. */
  stderr(): string {
    return this.#process.stderr()
  }

  async #control(method: string, path: string, body?: unknown): Promise<unknown> {
    const { status, json } = await this.#process.control(method, path, body)
    if (status !== 200) throw new Error(`control API ${method} ${path}: ${status} ${JSON.stringify(json)}`)
    return json
  }
}

/** Reads the PLAY RECAP: a scenario passed when its host has no failed and no unreachable task. */
function recapOf(output: string, hosts: Array<{ scenario: string; host: string }>): Pick<AnsibleRun, 'passed' | 'failed'> {
  const passed: string[] = []
  const failed: AnsibleRun['failed'] = []
  for (const { scenario, host } of hosts) {
    const recap = new RegExp(`^${host}\\s+: ok=\\d+\\s+changed=\\d+\\s+unreachable=(\\d+)\\s+failed=(\\d+)`, 'm').exec(output)
    if (recap && recap[1] === '0' && recap[2] === '0') {
      passed.push(scenario)
      continue
    }
    const fatal = new RegExp(`^fatal: \\[${host}\\]: (?:FAILED|UNREACHABLE)! => (\\{\\n[\\s\\S]*?\\n\\}|.*)$`, 'm').exec(output)
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

/** Reads a YAML file of the stage. */
export function readStageYaml(path: string): unknown {
  return parse(readFileSync(join(ANSIBLE_DIR, path), 'utf8'))
}

