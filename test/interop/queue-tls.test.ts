import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MockLab } from '../../mocks/index.js'
import { newMockCertificate } from '../../mocks/tls-certificate.js'
import { fleet, startQueueWorker, type QueueWorker } from '../../fleet/index.js'
import { labHttpInventory, labHttpInventoryData } from '../support/lab-http-inventory.js'
import { describeInterop } from '../support/interop-tools.js'
import { startRedis, type TestRedis } from '../support/redis-server.js'
import { runCli } from '../support/run-cli.js'

const REDIS_PASSWORD = 'tls-queue-secret'

describeInterop('queue connection over TLS (rediss://, real redis-server)', ['redis-server'], () => {
  let redis: TestRedis
  let dir: string
  let caFile: string
  let otherCaFile: string
  let inventoryFile: string
  const lab = new MockLab()
  let worker: QueueWorker | undefined
  const lines: Array<Record<string, unknown>> = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-queue-tls-'))
    const [server, other] = await Promise.all([newMockCertificate('redis'), newMockCertificate('someone-else')])
    caFile = join(dir, 'redis-ca.pem')
    otherCaFile = join(dir, 'other-ca.pem')
    const keyFile = join(dir, 'redis-key.pem')
    await Promise.all([writeFile(caFile, server.certificatePem), writeFile(keyFile, server.privateKeyPem, { mode: 0o600 }), writeFile(otherCaFile, other.certificatePem)])
    redis = await startRedis({ password: REDIS_PASSWORD, tls: { certFile: caFile, keyFile } })
    await lab.start(2, { username: 'admin', password: 'dev-pw', sharedCertificate: true })
    inventoryFile = join(dir, 'inventory.yaml')
    await writeFile(inventoryFile, stringify(labHttpInventoryData(lab, 'dev-pw')))
    worker = await startQueueWorker({ connection: { url: redis.tlsUrl as string, password: REDIS_PASSWORD, tls: { caFile } }, inventory: inventory(), log: (l) => lines.push(l) })
  }, 60_000)
  afterAll(async () => {
    await worker?.close(1_000)
    await lab.close()
    await redis?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const inventory = () => labHttpInventory(lab, 'dev-pw')

  it('a worker and a submitter that trust the server CA run jobs over rediss://', async () => {
    expect(redis.tlsUrl).toMatch(/^rediss:\/\/127\.0\.0\.1:\d+$/)
    const results = await fleet(inventory()).run({ name: 'facts' }, { queue: { connection: { url: redis.tlsUrl as string, password: REDIS_PASSWORD, tls: { caFile } } }, kind: 'read' })
    expect(results.map((r) => [r.host, r.status])).toEqual([
      ['d0', 'ok'],
      ['d1', 'ok'],
    ])
    expect(JSON.stringify(lines)).not.toContain(REDIS_PASSWORD)
  }, 60_000)

  it('the CLI with --redis-ca runs over rediss://; the password comes only from SWITCHYARD_REDIS_PASSWORD', async () => {
    const run = await runCli(['--json', 'facts', '-i', inventoryFile, '--queue', redis.tlsUrl as string, '--redis-ca', caFile], { SWITCHYARD_REDIS_PASSWORD: REDIS_PASSWORD })
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as Array<{ status: string }>).map((r) => r.status)).toEqual(['ok', 'ok'])
  }, 60_000)

  it.each([
    ['no CA (the system store does not know this server)', undefined],
    ['a CA that did not sign the server certificate', 'other'],
  ])('%s: nothing runs, every host failed with SY_CONNECTION naming the certificate problem', async (_label, which) => {
    const tls = which === 'other' ? { tls: { caFile: otherCaFile } } : {}
    const results = await fleet(inventory()).run(
      { name: 'facts' },
      { queue: { connection: { url: redis.tlsUrl as string, password: REDIS_PASSWORD, ...tls }, redisDownMs: 1_500, maxWaitMs: 4_000, pollMs: 200 }, kind: 'read', timeoutMs: 1_000 },
    )
    for (const r of results) {
      expect(r.status).toBe('failed')
      expect(r.error?.code).toBe('SY_CONNECTION')
      expect(r.error?.message).toMatch(/certificate/i)
      expect(r.error?.message).not.toContain(REDIS_PASSWORD)
    }
  }, 30_000)
})
