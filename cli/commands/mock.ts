import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { InvalidArgumentError, type Command } from 'commander'
import { stringifyJson } from '../../src/json-safe.js'
import {
  ansibleInventory,
  describeLab,
  eapiConf,
  labCertificates,
  LabStateKeeper,
  loadLabStateFile,
  MockLab,
  startControlApi,
  switchyardInventory,
  type ControlApi,
  type LabDeviceRow,
} from '../../mocks/index.js'
import { formatTable } from '../format-table.js'
import { integerOption } from '../fleet-options.js'
import type { GlobalOptions } from '../program.js'
import type { TerminalStream } from '../terminal.js'

/** Options of `switchyard mock`. */
export interface MockCommandOptions {
  topology?: string
  count?: number
  ports?: number
  state?: string
  ansibleInventory?: string
  inventory?: string
  eapiConf?: string
  controlPort?: number
}

/** Where `switchyard mock` writes, and what stops it (SIGINT/SIGTERM in the CLI; any signal in tests). */
export interface MockCommandIo {
  stdout: TerminalStream
  stderr: TerminalStream
  /** Aborting it stops the lab. */
  stop: AbortSignal
  env: NodeJS.ProcessEnv
}

/** Adds `switchyard mock`: a lab of mock devices in the foreground, its files, and its control API. */
export function registerMockCommand(program: Command): void {
  program
    .command('mock')
    .description('run a lab of mock devices (eAPI, SSH, SNMP on 127.0.0.1) in the foreground until SIGINT/SIGTERM')
    .option('--topology <file>', 'lab topology (YAML; schema/lab-topology.json)')
    .option('--count <n>', 'or: this many plain EOS mocks sw1..swN', integerOption(1, 1000))
    .option('--ports <n>', 'with --count: Ethernet ports per device (default 48)', integerOption(1, 256))
    .option('--state <file>', 'keep device state and keys (TLS certificate, SSH host keys; file mode 0600) in this file across restarts')
    .option('--ansible-inventory <file>', 'write an Ansible inventory for arista.eos (httpapi https/http, network_cli)')
    .option('--inventory <file>', 'write a switchyard inventory (TLS fingerprints and SSH host keys pinned)')
    .option('--eapi-conf <file>', 'write a pyeapi eapi.conf (HTTPS entries name each device certificate, written to FILE.ca/, in ca_file)')
    .option('--control-port <port>', 'control API port on 127.0.0.1 (default: one the OS picks)', integerOption(0, 65_535))
    .addHelpText('after', '\nThe control API token is SWITCHYARD_MOCK_TOKEN when set (16+ characters; not printed, you have it), else random (printed at start).')
    .action(async (options: MockCommandOptions, command: Command) => {
      const controller = new AbortController()
      const onSignal = () => controller.abort()
      process.once('SIGINT', onSignal)
      process.once('SIGTERM', onSignal)
      try {
        await runMock(options, command.optsWithGlobals<GlobalOptions>(), { stdout: process.stdout, stderr: process.stderr, stop: controller.signal, env: process.env })
      } finally {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
      }
    })
}

/** Runs a lab until `io.stop` aborts: starts it, writes the requested files, prints the device table, then stops cleanly. */
export async function runMock(options: MockCommandOptions, globals: GlobalOptions, io: MockCommandIo): Promise<void> {
  const log = (message: string) => io.stderr.write(`switchyard mock ${new Date().toISOString()} ${message}\n`)
  if ((options.topology === undefined) === (options.count === undefined)) throw new InvalidArgumentError('give either --topology FILE or --count N')
  if (options.ports !== undefined && options.count === undefined) throw new InvalidArgumentError('--ports goes with --count (a topology sets ports per device)')
  const token = io.env.SWITCHYARD_MOCK_TOKEN
  if (token !== undefined && token.length < 16) throw new InvalidArgumentError('SWITCHYARD_MOCK_TOKEN must have at least 16 characters')

  const saved = options.state ? await loadLabStateFile(options.state) : undefined
  const keys = saved?.keys ?? {}
  const lab = options.topology
    ? await MockLab.fromFile(options.topology, { env: io.env, keys })
    : await new MockLab({ keys }).start(options.count ?? 1, { sharedKeys: (options.count ?? 1) > 20, ...(options.ports ? { ports: options.ports } : {}) })
  let keeper: LabStateKeeper | undefined
  let control: ControlApi | undefined
  try {
    log(`started ${lab.devices.length} device(s)${options.topology ? ` from ${options.topology}` : ''}, ${lab.spec.links.length} link(s)`)
    if (options.state) {
      const started = await LabStateKeeper.start(lab, options.state, { saved, onError: (e) => log(`could not save state to ${options.state}: ${e instanceof Error ? e.message : String(e)}`) })
      keeper = started.keeper
      const kept = lab.devices.filter((d) => keys[d.identity.hostname] !== undefined).length
      log(`device keys (TLS certificate, SSH host keys): ${kept} kept from ${options.state}, ${lab.devices.length - kept} new, saved there (mode 0600)`)
      log(started.restored.length > 0 ? `restored ${started.restored.join(', ')} from ${options.state}` : `state file ${options.state}: nothing to restore, saving there`)
      if (started.kept.length > 0) log(`kept the state of ${started.kept.length} device${started.kept.length === 1 ? '' : 's'} not in this topology: ${started.kept.join(', ')}`)
    }
    control = await startControlApi(lab, { ...(options.controlPort ? { port: options.controlPort } : {}), ...(token ? { token } : {}) })
    log(`control API on ${control.url} (bearer token printed ${globals.json === true || globals.ndjson === true ? 'in the ready line on stdout' : 'with the device table'})`)
    const files = await writeLabFiles(lab, options)
    for (const [kind, path] of Object.entries(files)) log(`wrote ${kind} ${path}`)
    const devices = describeLab(lab)
    if (globals.json === true || globals.ndjson === true) {
      io.stdout.write(`${stringifyJson({ event: 'ready', devices, control: { url: control.url, ...(token ? { token: null, tokenFrom: 'SWITCHYARD_MOCK_TOKEN' } : { token: control.token }) }, files })}\n`)
    } else {
      io.stdout.write(formatTable(devices.map(tableRow)))
      io.stdout.write(`\ncontrol API: ${control.url}  token: ${token ? '(from SWITCHYARD_MOCK_TOKEN)' : control.token}\n`)
    }
    log('ready; stop with Ctrl-C (SIGINT) or SIGTERM')
    await new Promise<void>((resolve) => {
      if (io.stop.aborted) resolve()
      else io.stop.addEventListener('abort', () => resolve(), { once: true })
    })
    log('stopping')
  } finally {
    await keeper?.stop()
    if (keeper) log(`saved state to ${options.state}`)
    await control?.close()
    await lab.close()
  }
  log('stopped')
}

function tableRow(d: LabDeviceRow): Record<string, unknown> {
  return {
    device: d.name,
    profile: d.profile,
    model: d.model,
    ports: d.ports ?? '',
    'eapi-https': d.endpoints.eapiHttps.port,
    'eapi-http': d.endpoints.eapiHttp.port,
    ssh: d.endpoints.ssh.port,
    'snmp/udp': d.endpoints.snmp.port,
    user: d.username,
  }
}

/**
 * Writes each EOS device's certificate (public) to `<eapi.conf>.ca/<host>.pem`, for the eapi.conf's `ca_file`
 * entries; returns the absolute paths by hostname.
 */
async function writeCertificates(lab: MockLab, eapiConfPath: string): Promise<Record<string, string>> {
  const dir = resolve(`${eapiConfPath}.ca`)
  await mkdir(dir, { recursive: true })
  const paths: Record<string, string> = {}
  for (const [hostname, pem] of Object.entries(labCertificates(lab))) {
    paths[hostname] = join(dir, `${hostname}.pem`)
    await writeFile(paths[hostname], pem, { mode: 0o644 })
  }
  return paths
}

async function writeLabFiles(lab: MockLab, options: MockCommandOptions): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  const caFiles = options.eapiConf ? await writeCertificates(lab, options.eapiConf) : {}
  const wanted: Array<[string, string | undefined, () => string]> = [
    ['ansibleInventory', options.ansibleInventory, () => ansibleInventory(lab)],
    ['inventory', options.inventory, () => switchyardInventory(lab)],
    ['eapiConf', options.eapiConf, () => eapiConf(lab, { caFiles })],
  ]
  for (const [kind, path, render] of wanted) {
    if (!path) continue
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, render(), { mode: 0o600 })
    await chmod(path, 0o600)
    files[kind] = path
  }
  return files
}
