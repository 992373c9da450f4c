import { execFile } from 'node:child_process'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ssh2 from 'ssh2'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { connect } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { describeInterop, PYTHON } from '../support/interop-tools.js'

const run = promisify(execFile)
const NETMIKO = fileURLToPath(new URL('./netmiko_client.py', import.meta.url))
const key = ssh2.utils.generateKeyPairSync('ed25519')

describeInterop("interop: Debian's python3-netmiko against the mock's SSH face", ['python3-netmiko'], () => {
  let mock: MockSwitch
  let ep: MockEndpoints
  beforeAll(async () => {
    mock = new MockSwitch({ hostname: 'ssh-interop', ports: 8, username: 'admin', password: 'interop-ssh-pw' })
    ep = await mock.listen()
  })
  afterAll(() => mock?.close())

  it("netmiko (arista_eos): send_command('show vlan') and send_config_set; switchyard then reads VLAN 42 over eAPI", async () => {
    const { stdout } = await run(PYTHON, [NETMIKO, '127.0.0.1', String(ep.ssh.port), 'admin'], {
      env: { ...process.env, SWITCHYARD_PASSWORD: 'interop-ssh-pw' },
      timeout: 60_000,
    })
    const result = JSON.parse(stdout) as { show_vlan: string; config: string }
    expect(result.show_vlan).toMatch(/^VLAN {2}Name +Status +Ports\n-{5} -{32} -{9} -+\n1 {5}default +active +Et1, Et2, Et3, Et4, Et5,\n +Et6, Et7, Et8$/)
    expect(result.config).toContain('ssh-interop(config-vlan-42)#name netmiko')
    const sw = await connect(ep.eapi.connectOptions)
    try {
      expect(await sw.vlans.get(42)).toMatchObject({ id: 42, name: 'netmiko', state: 'active' })
    } finally {
      await sw.close()
    }
  }, 60_000)
})

describeInterop("interop: OpenSSH's ssh client against the mock's SSH face", ['ssh'], () => {
  let mock: MockSwitch
  let ep: MockEndpoints
  let dir: string | undefined
  beforeAll(async () => {
    mock = new MockSwitch({ hostname: 'ssh-interop', ports: 8, username: 'admin', password: 'interop-ssh-pw', authorizedKeys: [key.public] })
    ep = await mock.listen()
    dir = await mkdtemp(join(tmpdir(), 'switchyard-ssh-interop-'))
  })
  afterAll(async () => {
    try {
      await mock?.close()
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true })
    }
  })

  it("ssh-keygen agrees with the mock's host key fingerprints (ed25519 and RSA)", async () => {
    expect(ep.ssh.hostKeys.ed25519).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
    const lines = ep.ssh.knownHosts.trim().split('\n')
    for (const [i, fp] of [ep.ssh.hostKeys.ed25519, ep.ssh.hostKeys.rsa].entries()) {
      const knownHosts = join(dir as string, `known_hosts.${i}`)
      await writeFile(knownHosts, `${lines[i]}\n`)
      const { stdout } = await run('ssh-keygen', ['-lf', knownHosts], { timeout: 20_000 })
      expect(stdout).toContain(fp)
    }
  })

  it('ssh runs an exec command, with the host key checked against known_hosts', async () => {
    const keyFile = join(dir as string, 'id_ed25519')
    const knownHosts = join(dir as string, 'known_hosts')
    await writeFile(keyFile, key.private)
    await chmod(keyFile, 0o600)
    await writeFile(knownHosts, ep.ssh.knownHosts)
    const args = ['-p', String(ep.ssh.port), '-i', keyFile, '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', 'admin@127.0.0.1']
    const { stdout } = await run('ssh', [...args, 'show version'], { timeout: 20_000 })
    expect(stdout).toMatch(/^Arista vEOS-lab\n/)
    const json = await run('ssh', [...args, 'show hostname | json'], { timeout: 20_000 })
    expect(JSON.parse(json.stdout)).toEqual({ hostname: 'ssh-interop', fqdn: 'ssh-interop' })
  })
})
