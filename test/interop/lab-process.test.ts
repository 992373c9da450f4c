import { execFile } from 'node:child_process'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { connect as tcpConnect } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ssh2 from 'ssh2'
import { describe, expect, it } from 'vitest'
import { startLabProcess, type LabProcess } from '../support/lab-process.js'
import { useLabProcessSuite } from '../support/lab-process-suite.js'
import { describeInterop, PYTHON } from '../support/interop-tools.js'

const run = promisify(execFile)
const CLIENTS = fileURLToPath(new URL('./lab_clients.py', import.meta.url))
const PASSWORD = 'lab-process-pw'
const TOPOLOGY = `# two switches and one cable
defaults:
  ports: 4
  credentials: { username: admin, password: { env: LAB_PASSWORD } }
devices:
  leaf1: {}
  leaf2: {}
links:
  - [leaf1:Ethernet1, leaf2:Ethernet1]
`

interface ClientResult {
  ok?: unknown
  error?: string
  seconds: number
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'))
  })
}

/** Each device's TLS fingerprint and SSH host key fingerprints, as the ready line prints them. */
function identities(lab: LabProcess): unknown {
  const devices = lab.ready.devices as unknown as Array<{ name: string; endpoints: { eapiHttps: { fingerprintSha256: string }; ssh: { hostKeys: unknown } } }>
  return devices.map((d) => ({ name: d.name, tls: d.endpoints.eapiHttps.fingerprintSha256, ssh: d.endpoints.ssh.hostKeys }))
}

describe('switchyard mock as a process: topology, links, clean stop, state across restarts', () => {
  const suite = useLabProcessSuite(TOPOLOGY)
  let firstIdentities: unknown

  it('starts the two switches with their link, stops on SIGTERM with exit 0 and every port closed', async () => {
    const lab = (suite.lab = await startLabProcess(['--topology', suite.topology, '--state', join(suite.dir, 'state.json'), '--inventory', join(suite.dir, 'inventory.yml')], { LAB_PASSWORD: PASSWORD }))
    expect(lab.ready.devices.map((d) => d.name)).toEqual(['leaf1', 'leaf2'])
    expect(lab.ready.devices[0]).toMatchObject({ platform: 'eos', profile: 'veos', model: 'vEOS-lab', ports: 4 })
    const leaf1 = await lab.control('GET', '/v1/devices/leaf1')
    expect(leaf1.json.links[0]).toEqual({ port: 'Ethernet1', up: true, neighbour: { device: 'leaf2', port: 'Ethernet1' } })
    expect(leaf1.json.links[1]).toMatchObject({ port: 'Ethernet2', up: false })
    const lldp = await lab.control('POST', '/v1/devices/leaf1/cli', { commands: 'show lldp neighbors' })
    expect(lldp.json.output).toMatch(/^Et1 +leaf2 +Et(hernet)?1 +120$/m)
    const inventory = await readFile(join(suite.dir, 'inventory.yml'), 'utf8')
    expect(inventory).toContain(`port: ${lab.ready.devices[0]?.endpoints.eapiHttps.port}`)
    expect(inventory).toContain('env: LAB_PASSWORD')
    expect(inventory).not.toContain(PASSWORD)
    firstIdentities = identities(lab)
    expect(lab.stderr()).toContain('device keys (TLS certificate, SSH host keys): 0 kept from')

    await lab.control('POST', '/v1/devices/leaf1/cli', { commands: ['configure', 'vlan 42', 'name survives-restart', 'end', 'write memory'] })
    await lab.control('PUT', '/v1/devices/leaf2/links/Ethernet3', { up: true })
    await lab.control('PUT', '/v1/devices/leaf2/links/Ethernet1', { up: false })
    const ports = lab.ready.devices.flatMap((d) => [d.endpoints.eapiHttps.port, d.endpoints.eapiHttp.port, d.endpoints.ssh.port])
    const controlPort = Number(new URL(lab.ready.control.url).port)
    expect(await lab.stop('SIGTERM')).toBe(0)
    expect(lab.stderr()).toMatch(/stopping\n.*saved state to .*\n.*stopped\n$/)
    expect(lab.stderr()).not.toMatch(/PRIVATE KEY/)
    for (const port of [...ports, controlPort]) expect(await refused(port)).toBe(true)
    expect((await stat(join(suite.dir, 'state.json'))).mode & 0o777).toBe(0o600)
  }, 90_000)

  it('a restart with the same --state file has the configuration and link state back', async () => {
    const lab = (suite.lab = await startLabProcess(['--topology', suite.topology, '--state', join(suite.dir, 'state.json')], { LAB_PASSWORD: PASSWORD }))
    expect(lab.stderr()).toContain('restored leaf1, leaf2 from')
    const state = await lab.control('GET', '/v1/devices/leaf1/state')
    expect(state.json.running.vlans['42']).toEqual({ name: 'survives-restart', state: 'active' })
    const out = await lab.control('POST', '/v1/devices/leaf1/cli', { commands: 'show vlan 42' })
    expect(out.json.output).toContain('survives-restart')
    const startup = await lab.control('POST', '/v1/devices/leaf1/cli', { commands: 'show startup-config | section vlan 42' })
    expect(startup.json.output).toBe('vlan 42\n   name survives-restart\n')
    // The pulled cable is pulled at both ends again; Ethernet3, plugged by hand but unlinked, is down as the topology says.
    expect((await lab.control('GET', '/v1/devices/leaf1')).json.links[0]).toMatchObject({ port: 'Ethernet1', up: false })
    expect((await lab.control('GET', '/v1/devices/leaf2')).json.links[0]).toMatchObject({ port: 'Ethernet1', up: false })
    expect((await lab.control('GET', '/v1/devices/leaf2')).json.links[2]).toMatchObject({ port: 'Ethernet3', up: false })
    expect(lab.stderr()).toContain('device keys (TLS certificate, SSH host keys): 2 kept from')
    expect(identities(lab)).toEqual(firstIdentities)
    expect(await lab.stop('SIGINT')).toBe(0)
  }, 90_000)

  it('a token given in SWITCHYARD_MOCK_TOKEN works and is not printed (it would end up in CI logs)', async () => {
    const token = 'ci-secret-token-0123456789'
    const lab = await startLabProcess(['--topology', suite.topology], { LAB_PASSWORD: PASSWORD, SWITCHYARD_MOCK_TOKEN: token })
    try {
      expect(lab.ready.control).toMatchObject({ token: null, tokenFrom: 'SWITCHYARD_MOCK_TOKEN' })
      expect(JSON.stringify(lab.ready)).not.toContain(token)
      expect(lab.stderr()).not.toContain(token)
      expect((await lab.control('GET', '/v1/devices')).status).toBe(200)
    } finally {
      await lab.stop('SIGTERM')
    }
  }, 60_000)

  it('a bad topology exits 1 with file:line:column on stderr', async () => {
    const bad = join(suite.dir, 'bad.yaml')
    await writeFile(bad, 'devices:\n  leaf1:\n    ports: 999\n')
    const result = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'mock', '--topology', bad], { cwd: fileURLToPath(new URL('../..', import.meta.url)) }).catch((e: { code: number; stderr: string }) => e)
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining(`${bad}:3:12: devices.leaf1.ports: `) })
  }, 60_000)

  it('a state file whose stored keys are unusable exits 1 naming the file and the device, printing no key', async () => {
    const saved = JSON.parse(await readFile(join(suite.dir, 'state.json'), 'utf8')) as { keys: Record<string, { ssh: { rsa: string } }> }
    const leaf2 = saved.keys.leaf2
    if (leaf2) leaf2.ssh.rsa = leaf2.ssh.rsa.split('\n').map((line, i) => (i === 3 ? [...line].reverse().join('') : line)).join('\n')
    const broken = join(suite.dir, 'broken-state.json')
    await writeFile(broken, JSON.stringify(saved))
    const result = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'mock', '--topology', suite.topology, '--state', broken], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, LAB_PASSWORD: PASSWORD },
      timeout: 30_000,
    }).catch((e: { code: number; stderr: string }) => e)
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining(`${broken}: the keys stored for leaf2 are unusable: stored rsa host key`) })
    expect((result as { stderr: string }).stderr).not.toMatch(/PRIVATE KEY/)
  }, 60_000)

  // User trial: leaf2's stored EOS state was restored after leaf2 became a 7130, and `switchyard l1` then failed.
  it('a stored state that no longer fits its device exits 1 naming the file, the device and the fix, and leaves the file as it was', async () => {
    const changed = join(suite.dir, 'changed.yaml')
    await writeFile(changed, TOPOLOGY.replace('  leaf2: {}', '  leaf2: { profile: 7130-48l }').replace(/links:[\s\S]*$/, ''))
    const path = join(suite.dir, 'state.json')
    const before = await readFile(path, 'utf8')
    const result = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'mock', '--topology', changed, '--state', path], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, LAB_PASSWORD: PASSWORD },
      timeout: 30_000,
    }).catch((e: { code: number; stderr: string }) => e)
    expect(result).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`switchyard: ${path}: the state stored for leaf2 does not fit the device: it is of an EOS switch, leaf2 is a 7130 (MOS); delete devices.leaf2 from the file`),
    })
    expect(await readFile(path, 'utf8')).toBe(before)
  }, 60_000)
})

describeInterop('switchyard mock as a process: control-API faults seen by pyeapi (generated eapi.conf)', ['python3-pyeapi'], () => {
  const suite = useLabProcessSuite(TOPOLOGY, (s) => startLabProcess(['--topology', s.topology, '--eapi-conf', join(s.dir, 'eapi.conf')], { LAB_PASSWORD: PASSWORD }))
  const pyeapi = async (connection: string, ops: unknown[]): Promise<ClientResult[]> => {
    const { stdout } = await run(PYTHON, [CLIENTS, 'pyeapi', join(suite.dir, 'eapi.conf'), connection, JSON.stringify(ops)], { timeout: 60_000 })
    return JSON.parse(stdout) as ClientResult[]
  }

  it("the eapi.conf names each device's certificate in ca_file: the switchyard CLI verifies HTTPS with it, pyeapi still connects", async () => {
    const conf = join(suite.dir, 'eapi.conf')
    const text = await readFile(conf, 'utf8')
    expect(text).toMatch(new RegExp(`\\[connection:leaf1\\][^[]*ca_file = ${conf.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\.ca/leaf1\\.pem`))
    expect(await readFile(`${conf}.ca/leaf1.pem`, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/)
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', '--json', 'facts', '--eapi-conf', conf, '--limit', 'leaf1,leaf2'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      timeout: 60_000,
    })
    const results = JSON.parse(stdout) as Array<{ host: string; status: string; value?: { hostname?: string } }>
    expect(results.map((r) => [r.host, r.status, r.value?.hostname]).sort()).toEqual([
      ['leaf1', 'ok', 'leaf1'],
      ['leaf2', 'ok', 'leaf2'],
    ])
    const [ok] = await pyeapi('leaf1', [['enable', 'show hostname']])
    expect(ok?.ok).toMatchObject({ hostname: 'leaf1' })
  }, 90_000)

  it('a rejected command pattern fails pyeapi with the EOS error text; the log shows it refused', async () => {
    await suite.lab?.control('PATCH', '/v1/devices/leaf1/faults', { rejectCommands: [{ pattern: '^vlan 123$', message: 'Authorization denied for command' }] })
    const [ok, rejected] = await pyeapi('leaf1', [['enable', 'show version'], ['config', ['vlan 123', 'name blocked']]])
    expect(ok?.ok).toMatchObject({ modelName: 'vEOS-lab' })
    expect(rejected?.error).toMatch(/^CommandError: .*Authorization denied for command/)
    const log = await suite.lab?.control('GET', '/v1/devices/leaf1/log')
    expect(log?.json.entries).toContainEqual(expect.objectContaining({ face: 'eapi', line: 'vlan 123', outcome: 'error', error: 'Authorization denied for command' }))
    expect((await suite.lab?.control('GET', '/v1/devices/leaf1/state'))?.json.running.vlans['123']).toBeUndefined()
    await suite.lab?.control('DELETE', '/v1/devices/leaf1/faults')
  }, 60_000)

  it('added latency slows pyeapi down by that much; dropped connections make it fail; over HTTP too', async () => {
    await suite.lab?.control('PATCH', '/v1/devices/leaf2/faults', { latencyMs: 700 })
    const [slow] = await pyeapi('leaf2-http', [['enable', 'show hostname']])
    expect(slow?.ok).toMatchObject({ hostname: 'leaf2' })
    expect(slow?.seconds).toBeGreaterThanOrEqual(0.7)
    await suite.lab?.control('PATCH', '/v1/devices/leaf2/faults', { latencyMs: 0, dropConnections: true })
    const [dropped] = await pyeapi('leaf2', [['enable', 'show hostname']])
    expect(dropped?.error).toMatch(/^ConnectionError/)
    await suite.lab?.control('DELETE', '/v1/devices/leaf2/faults')
    const [back] = await pyeapi('leaf2', [['enable', 'show hostname']])
    expect(back?.ok).toMatchObject({ hostname: 'leaf2' })
  }, 60_000)
})

describeInterop('switchyard mock as a process: control-API faults seen by netmiko (arista_eos over SSH)', ['python3-netmiko'], () => {
  const suite = useLabProcessSuite(TOPOLOGY, (s) => startLabProcess(['--topology', s.topology], { LAB_PASSWORD: PASSWORD }))
  const netmiko = async (device: number, ops: unknown[]): Promise<ClientResult[]> => {
    const port = String(suite.lab?.ready.devices[device]?.endpoints.ssh.port)
    const { stdout } = await run(PYTHON, [CLIENTS, 'netmiko', '127.0.0.1', port, 'admin', JSON.stringify(ops)], {
      env: { ...process.env, SWITCHYARD_PASSWORD: PASSWORD },
      timeout: 90_000,
    })
    return JSON.parse(stdout) as ClientResult[]
  }

  it('a rejected command prints the EOS error in netmiko; other commands work; the log has both', async () => {
    await suite.lab?.control('PATCH', '/v1/devices/leaf1/faults', { rejectCommands: [{ pattern: '^show clock$' }] })
    const [clock, config] = await netmiko(0, [['show', 'show clock'], ['config', ['vlan 55', 'name via-netmiko']]])
    expect(clock?.ok).toBe('% Unavailable command (not supported on this hardware platform)')
    expect(config?.ok).toContain('(config-vlan-55)#name via-netmiko')
    expect((await suite.lab?.control('GET', '/v1/devices/leaf1/state'))?.json.running.vlans['55']).toEqual({ name: 'via-netmiko', state: 'active' })
    const entries = ((await suite.lab?.control('GET', '/v1/devices/leaf1/log'))?.json.entries ?? []) as Array<{ face: string; line: string; outcome: string }>
    expect(entries.filter((e) => e.face === 'ssh' && ['show clock', 'vlan 55'].includes(e.line)).map((e) => [e.line, e.outcome])).toEqual([
      ['show clock', 'error'],
      ['vlan 55', 'ok'],
    ])
    await suite.lab?.control('DELETE', '/v1/devices/leaf1/faults')
  }, 120_000)

  it('a session limit reached and dropped connections fail netmiko; it works again once they are lifted', async () => {
    const holder = new ssh2.Client()
    await new Promise<void>((resolve, reject) => {
      holder.on('ready', () => resolve()).on('error', reject)
      holder.connect({ host: '127.0.0.1', port: suite.lab?.ready.devices[1]?.endpoints.ssh.port ?? 0, username: 'admin', password: PASSWORD, readyTimeout: 10_000 })
    })
    try {
      await suite.lab?.control('PATCH', '/v1/devices/leaf2/faults', { maxSessions: 1 })
      const [limited] = await netmiko(1, [['show', 'show hostname']])
      expect(limited?.error).toBeDefined()
    } finally {
      holder.end()
    }
    await suite.lab?.control('PATCH', '/v1/devices/leaf2/faults', { maxSessions: 0, dropConnections: true })
    const [dropped] = await netmiko(1, [['show', 'show version']])
    expect(dropped?.error).toBeDefined()
    await suite.lab?.control('DELETE', '/v1/devices/leaf2/faults')
    const [back] = await netmiko(1, [['show', 'show hostname']])
    expect(back?.ok).toContain('Hostname: leaf2')
  }, 120_000)
})
