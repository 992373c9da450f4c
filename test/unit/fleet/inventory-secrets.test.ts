import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkSecrets, hostConnectOptions, parseInventory, SecretUnavailableError } from 'switchyard/fleet'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sy-secrets-'))
  await writeFile(join(dir, 'pw'), 'file-pw\n')
  await writeFile(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const inventory = () =>
  parseInventory(
    `defaults: { username: admin, password: { env: SY_TEST_PW } }
hosts:
  a: { port: 443, tls: { ca: { file: ca.pem }, insecure: false } }
  b: { password: { file: pw }, driver: ssh, ssh: { insecure: true } }
  c: { driver: snmp, snmp: { version: 2c, community: { env: SY_TEST_COMMUNITY } } }
`,
    { file: join(dir, 'inv.yaml') },
  )

describe('secret references', () => {
  it('are resolved at connect time from the environment and from files', async () => {
    const [a, b] = inventory().hosts
    const env = { SY_TEST_PW: 'env-pw' }
    expect(await hostConnectOptions(a!, { env })).toEqual({
      host: 'a',
      port: 443,
      driver: 'eapi',
      username: 'admin',
      password: 'env-pw',
      tls: { ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
    })
    expect(await hostConnectOptions(b!, { env })).toMatchObject({ driver: 'ssh', password: 'file-pw', ssh: { acceptAnyHostKey: true } })
  })

  it('a missing variable names the host and the variable, and no value', async () => {
    const hosts = inventory().hosts
    const error = await checkSecrets(hosts, { env: { SY_TEST_PW: 'env-pw-value' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SecretUnavailableError)
    expect((error as SecretUnavailableError).message).toBe('host c: snmp.community refers to environment variable SY_TEST_COMMUNITY, which is not set')
    expect((error as SecretUnavailableError).code).toBe('SY_VALIDATION')
    expect(JSON.stringify(error) + String(error)).not.toContain('env-pw-value')
  })

  it('an unreadable file names the host and the file', async () => {
    const host = { ...inventory().hosts[1]!, password: { file: join(dir, 'missing') } }
    await expect(hostConnectOptions(host, { env: {} })).rejects.toThrow(`host b: password refers to file ${join(dir, 'missing')}, which cannot be read (ENOENT)`)
  })
})
