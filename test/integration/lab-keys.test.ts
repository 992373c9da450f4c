import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/index.js'
import { LabStateKeeper, loadLabStateFile, MockLab, MockSwitch, startControlApi, switchyardInventory, type Topology } from '../../mocks/index.js'
import { certificateFromPem } from '../../mocks/tls-certificate.js'

const PASSWORD = 'lab-keys-pw'
const TOPOLOGY: Topology = {
  defaults: { ports: 2, credentials: { username: 'admin', password: PASSWORD } },
  devices: { leaf1: {}, leaf2: {} },
} as Topology

interface Fingerprints {
  tls: string
  ssh: string
  sshRsa: string
}

function fingerprintsOf(lab: MockLab): Record<string, Fingerprints> {
  return Object.fromEntries(
    lab.devices.map((d) => {
      const e = lab.endpointsOf(d.identity.hostname)
      if (!e) throw new Error(`no endpoints for ${d.identity.hostname}`)
      return [d.identity.hostname, { tls: e.eapi.fingerprintSha256 ?? '', ssh: e.ssh.hostKeys.ed25519, sshRsa: e.ssh.hostKeys.rsa }]
    }),
  )
}

/** Starts the topology's lab on a state file the way `switchyard mock --state` does: keys read first, then state kept. */
async function startOnState(path: string): Promise<{ lab: MockLab; keeper: LabStateKeeper }> {
  const saved = await loadLabStateFile(path)
  const lab = await MockLab.fromTopology(TOPOLOGY, { keys: saved?.keys ?? {} })
  const { keeper } = await LabStateKeeper.start(lab, path, { saved, delayMs: 10 })
  return { lab, keeper }
}

describe('lab device keys: one identity per device, kept across restarts by the state file', () => {
  let dir: string
  let path: string
  let first: Record<string, Fingerprints>
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-lab-keys-'))
    path = join(dir, 'state.json')
    const { lab, keeper } = await startOnState(path)
    try {
      first = fingerprintsOf(lab)
      await keeper.stop()
    } finally {
      await lab.close()
    }
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('every device has its own TLS certificate and ed25519 host key (the RSA one is the process\'s)', () => {
    expect(first.leaf1?.ssh).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
    expect(first.leaf1?.ssh).not.toBe(first.leaf2?.ssh)
    expect(first.leaf1?.sshRsa).toBe(first.leaf2?.sshRsa)
    expect(first.leaf1?.tls).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(first.leaf1?.tls).not.toBe(first.leaf2?.tls)
  })

  it('two standalone mocks have different host keys too; with ownRsaHostKey their RSA keys differ as well', async () => {
    const a = new MockSwitch({ hostname: 'own-a', ports: 1, ownRsaHostKey: true })
    const b = new MockSwitch({ hostname: 'own-b', ports: 1, ownRsaHostKey: true })
    const c = new MockSwitch({ hostname: 'own-c', ports: 1 })
    try {
      const [ea, eb, ec] = await Promise.all([a.listen(), b.listen(), c.listen()])
      expect(new Set([ea, eb, ec].map((e) => e.ssh.hostKeys.ed25519)).size).toBe(3)
      expect(new Set([ea, eb, ec].map((e) => e.eapi.fingerprintSha256)).size).toBe(3)
      expect(new Set([ea, eb, ec].map((e) => e.ssh.hostKeys.rsa)).size).toBe(3)
      expect(ec.ssh.hostKeys.rsa).toBe(first.leaf1?.sshRsa)
    } finally {
      await Promise.all([a.close(), b.close(), c.close()])
    }
  })

  it('the state file holds the keys, is readable by its owner only, and the control API never shows them', async () => {
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    const text = await readFile(path, 'utf8')
    expect(text).toContain('BEGIN OPENSSH PRIVATE KEY')
    expect(text).toContain('BEGIN RSA PRIVATE KEY')
    const { lab, keeper } = await startOnState(path)
    const control = await startControlApi(lab, { token: 'lab-keys-token-0123456789' })
    try {
      for (const route of ['/v1/state', '/v1/devices', '/v1/devices/leaf1', '/v1/devices/leaf1/state']) {
        const res = await fetch(`${control.url}${route}`, { headers: { authorization: 'Bearer lab-keys-token-0123456789' } })
        expect(res.status).toBe(200)
        const body = await res.text()
        expect(body).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/)
      }
      expect(switchyardInventory(lab)).not.toMatch(/PRIVATE KEY/)
      await keeper.stop()
    } finally {
      await control.close()
      await lab.close()
    }
    expect((await stat(path)).mode & 0o777).toBe(0o600)
  })

  it('a restart on the same state file presents the same fingerprints, and clients pinned to them connect', async () => {
    const { lab, keeper } = await startOnState(path)
    try {
      expect(fingerprintsOf(lab)).toEqual(first)
      const leaf1 = lab.endpointsOf('leaf1')
      if (!leaf1) throw new Error('no leaf1')
      const overHttps = await connect({ host: '127.0.0.1', port: leaf1.eapi.port, driver: 'eapi', protocol: 'https', username: 'admin', password: PASSWORD, tls: { fingerprintSha256: first.leaf1?.tls ?? '' } })
      try {
        expect((await overHttps.facts()).hostname).toBe('leaf1')
      } finally {
        await overHttps.close()
      }
      const overSsh = await connect({ host: '127.0.0.1', port: leaf1.ssh.port, driver: 'ssh', username: 'admin', password: PASSWORD, ssh: { hostKeySha256: first.leaf1?.ssh ?? '' } })
      try {
        expect((await overSsh.facts()).hostname).toBe('leaf1')
      } finally {
        await overSsh.close()
      }
      await expect(
        connect({ host: '127.0.0.1', port: leaf1.ssh.port, driver: 'ssh', username: 'admin', password: PASSWORD, ssh: { hostKeySha256: first.leaf2?.ssh ?? '' } }),
      ).rejects.toMatchObject({ code: 'SY_HOST_KEY' })
      await keeper.stop()
    } finally {
      await lab.close()
    }
  })

  it('unusable stored keys fail the start with an error naming the file and the device, and no key material', async () => {
    const saved = JSON.parse(await readFile(path, 'utf8')) as { keys: Record<string, { tls: { privateKeyPem: string }; ssh: { ed25519: string } }> }
    const broken = join(dir, 'broken.json')
    const other = saved.keys.leaf2?.tls.privateKeyPem ?? ''
    const mismatched = structuredClone(saved)
    if (mismatched.keys.leaf1) mismatched.keys.leaf1.tls.privateKeyPem = other
    await writeFile(broken, JSON.stringify(mismatched))
    const error = await loadLabStateFile(broken).then(() => undefined, (e: unknown) => e as Error)
    expect(error?.message).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the keys stored for leaf1 are unusable: TLS private key is not the key of the certificate`))
    expect(error?.message).toContain('delete keys.leaf1 from the file')
    expect(error?.message).not.toMatch(/PRIVATE KEY|MII|AAAA/)

    const garbled = structuredClone(saved)
    if (garbled.keys.leaf2) garbled.keys.leaf2.ssh.ed25519 = '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----\n'
    await writeFile(broken, JSON.stringify(garbled))
    await expect(loadLabStateFile(broken)).rejects.toThrow(/: the keys stored for leaf2 are unusable: stored ed25519 host key does not parse/)

    const swapped = structuredClone(saved)
    if (swapped.keys.leaf2) swapped.keys.leaf2.ssh.ed25519 = (saved.keys.leaf2 as unknown as { ssh: { rsa: string } }).ssh.rsa
    await writeFile(broken, JSON.stringify(swapped))
    await expect(loadLabStateFile(broken)).rejects.toThrow(/keys stored for leaf2 are unusable: stored ed25519 host key: it is a ssh-rsa key/)
  })

  it('a stored certificate that has expired is refused with its date', async () => {
    const pems = await generate([{ name: 'commonName', value: 'expired' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(Date.now() - 3 * 86_400_000),
      notAfterDate: new Date(Date.now() - 86_400_000),
    })
    expect(() => certificateFromPem(pems.cert, pems.private)).toThrow(/^TLS certificate ([0-9A-F]{2}:)+[0-9A-F]{2} expired on \d{4}-/)
  })
})
