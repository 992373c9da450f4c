import { createHmac, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ssh2 from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthenticationError, CommandRejectedError, ConnectionError, HostKeyError, TimeoutError, connect } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'

let mock: MockSwitch
let ep: MockEndpoints
let dir: string
const clientKey = ssh2.utils.generateKeyPairSync('ed25519')

beforeAll(async () => {
  mock = new MockSwitch({ hostname: 'ssh1', ports: 8, username: 'admin', password: 'ssh-pw', enablePassword: 'enable-pw', authorizedKeys: [clientKey.public] })
  ep = await mock.listen()
  dir = await mkdtemp(join(tmpdir(), 'switchyard-ssh-'))
})
afterAll(async () => {
  await mock.close()
  await rm(dir, { recursive: true, force: true })
})

const base = () => ({ ...ep.ssh.connectOptions, enablePassword: 'enable-pw' })

describe('SSH driver: host keys are checked', () => {
  it('refuses a mismatched host key with its own error, and sends nothing', async () => {
    const before = mock.commandLog.length
    const error = await connect({ ...base(), ssh: { hostKeySha256: `SHA256:${'A'.repeat(43)}` } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HostKeyError)
    expect((error as HostKeyError).code).toBe('SY_HOST_KEY')
    expect((error as HostKeyError).presented).toBe(ep.ssh.hostKeys.ed25519)
    expect((error as Error).message).toMatch(/not the pinned key/)
    expect(mock.commandLog.length).toBe(before)
  })

  it('accepts the key from a known_hosts file, plain or hashed, and refuses an unknown host', async () => {
    const plain = join(dir, 'known_hosts')
    await writeFile(plain, ep.ssh.knownHosts)
    const sw = await connect({ ...base(), ssh: { knownHostsFile: plain } })
    expect((await sw.facts()).hostname).toBe('ssh1')
    await sw.close()

    const salt = randomBytes(20)
    const hashedName = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(`[127.0.0.1]:${ep.ssh.port}`).digest('base64')}`
    const hashed = join(dir, 'known_hosts_hashed')
    await writeFile(hashed, ep.ssh.knownHosts.split('\n').filter(Boolean).map((l) => l.replace(/^\S+/, hashedName)).join('\n'))
    const sw2 = await connect({ ...base(), ssh: { knownHostsFile: hashed } })
    await sw2.close()

    const empty = join(dir, 'known_hosts_empty')
    await writeFile(empty, '')
    await expect(connect({ ...base(), ssh: { knownHostsFile: empty } })).rejects.toThrow(/has no key for this host/)
  })

  it('accepts any key only when acceptAnyHostKey is given', async () => {
    const sw = await connect({ ...base(), ssh: { acceptAnyHostKey: true } })
    await sw.close()
  })
})

describe('SSH driver: authentication and privilege', () => {
  it('a wrong password is an authentication error that does not contain it', async () => {
    const error = await connect({ ...base(), password: 'wrong-secret' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(String(error)).not.toContain('wrong-secret')
  })

  it('logs in with a public key', async () => {
    const { password: _unused, ...rest } = base()
    const sw = await connect({ ...rest, ssh: { ...rest.ssh, privateKey: clientKey.private } })
    expect((await sw.facts()).hostname).toBe('ssh1')
    await sw.close()
  })

  it('logs in with keyboard-interactive when that is all the device offers', async () => {
    const kbd = new MockSwitch({ hostname: 'kbd1', ports: 2, username: 'admin', password: 'kbd-pw', sshAuthMethods: ['keyboard-interactive'] })
    const { ssh } = await kbd.listen()
    const sw = await connect(ssh.connectOptions)
    expect((await sw.facts()).hostname).toBe('kbd1')
    await sw.close()
    await kbd.close()
  })

  it('a wrong or missing enable password is an authentication error', async () => {
    await expect(connect({ ...base(), enablePassword: 'nope' })).rejects.toThrow(/refused privileged mode: % Access denied/)
    const { enablePassword: _e, ...noEnable } = base()
    await expect(connect(noEnable)).rejects.toBeInstanceOf(AuthenticationError)
  })
})

describe('SSH driver: commands, faults and timeouts', () => {
  it('a command the device rejects names the command and carries the message', async () => {
    const sw = await connect(base())
    const undo = mock.rejectCommand(/^name blocked$/, 'Name not allowed here')
    const error = await sw.vlans.create({ id: 90, name: 'blocked' }).catch((e: unknown) => e)
    undo()
    expect(error).toBeInstanceOf(CommandRejectedError)
    expect(error).toMatchObject({ command: 'name blocked', index: 1, deviceMessage: 'Name not allowed here' })
    expect(await sw.vlans.get(90)).toBeUndefined()
    await sw.close()
  })

  it('queues concurrent calls on one connection, in order', async () => {
    const sw = await connect(base())
    const before = ep.ssh.connectionsAccepted
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? sw.vlans.list() : sw.facts())))
    expect(results).toHaveLength(10)
    expect(ep.ssh.connectionsAccepted).toBe(before)
    await sw.close()
  })

  it('reads correctly through split writes, doubled echo, forced paging and latency', async () => {
    const sw = await connect(base())
    Object.assign(mock.faults, { splitWrites: true, doubledEcho: true, forcePaging: true, latencyMs: 20 })
    try {
      const list = await sw.interfaces.list()
      expect(list.map((i) => i.name)).toContain('Management1')
      expect(await sw.vlans.list()).toHaveLength(1)
    } finally {
      Object.assign(mock.faults, { splitWrites: false, doubledEcho: false, forcePaging: false, latencyMs: 0 })
    }
    await sw.close()
  })

  it('a command timeout shows the pattern awaited and the last bytes received', async () => {
    const sw = await connect(base())
    mock.faults.latencyMs = 1000
    try {
      const error = (await sw.vlans.list({ timeoutMs: 200 }).catch((e: unknown) => e)) as TimeoutError
      expect(error).toBeInstanceOf(TimeoutError)
      expect(error.phase).toBe('command')
      expect(error.message).toMatch(/awaited \/.*ssh1.*\/, last bytes received ".*show vlan \| json/)
    } finally {
      mock.faults.latencyMs = 0
    }
    await sw.close()
  })

  it('reconnects on the next call after a dropped connection', async () => {
    const sw = await connect(base())
    mock.faults.dropConnections = true
    await expect(sw.vlans.list()).rejects.toBeInstanceOf(ConnectionError)
    mock.faults.dropConnections = false
    expect((await sw.vlans.list())[0]?.id).toBe(1)
    await sw.close()
  })

  it('reports TCP, handshake and authentication failures apart', async () => {
    const closed = net.createServer().listen(0, '127.0.0.1')
    await new Promise((r) => closed.once('listening', r))
    const deadPort = (closed.address() as net.AddressInfo).port
    await new Promise((r) => closed.close(r))
    await expect(connect({ ...base(), port: deadPort })).rejects.toThrow(/cannot open TCP connection .*ECONNREFUSED/)

    const silent = net.createServer(() => {}).listen(0, '127.0.0.1')
    await new Promise((r) => silent.once('listening', r))
    const port = (silent.address() as net.AddressInfo).port
    const error = (await connect({ ...base(), port, ssh: { ...base().ssh, handshakeTimeoutMs: 300 } }).catch((e: unknown) => e)) as TimeoutError
    silent.close()
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.phase).toBe('handshake')
  })
})
