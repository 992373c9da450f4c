import { afterAll, beforeAll, expect, it } from 'vitest'
import { MockLab } from '../../mocks/index.js'
import { fleet, startQueueWorker, type QueueWorker } from '../../fleet/index.js'
import { labHttpInventory } from '../support/lab-http-inventory.js'
import { describeInterop } from '../support/interop-tools.js'
import { startRedis, type TestRedis } from '../support/redis-server.js'

describeInterop('queue connection: Redis password and ACL user', ['redis-server'], () => {
  let redis: TestRedis
  const lab = new MockLab()
  let worker: QueueWorker | undefined
  const lines: Array<Record<string, unknown>> = []

  beforeAll(async () => {
    redis = await startRedis({ password: 'default-secret', aclUser: { name: 'fleet', password: 'acl-secret' } })
    await lab.start(2, { username: 'admin', password: 'dev-pw', sharedCertificate: true })
  })
  afterAll(async () => {
    await worker?.close(1_000)
    await lab.close()
    await redis?.close()
  })

  const inventory = () => labHttpInventory(lab, 'dev-pw')

  it('an ACL user with its password runs jobs; the worker log shows the URL without credentials', async () => {
    const connection = { url: redis.url, username: 'fleet', password: 'acl-secret' }
    worker = await startQueueWorker({ connection, inventory: inventory(), log: (l) => lines.push(l) })
    const results = await fleet(inventory()).run({ name: 'facts' }, { queue: { connection }, kind: 'read' })
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok'])
    expect((results[0]?.value as { hostname?: string }).hostname).toBeTruthy()
    expect(JSON.stringify(lines)).not.toContain('acl-secret')
  })

  it('a wrong password: nothing is enqueued and every host is failed (SY_CONNECTION) within redisDownMs, never ok', async () => {
    const results = await fleet(inventory()).run({ name: 'facts' }, { queue: { connection: { url: redis.url, password: 'wrong' }, redisDownMs: 1_000, maxWaitMs: 3_000, pollMs: 200 }, kind: 'read', timeoutMs: 1_000 })
    for (const r of results) {
      expect(r.status).toBe('failed')
      expect(r.error?.code).toBe('SY_CONNECTION')
      expect(r.error?.message).not.toContain('wrong')
    }
  }, 30_000)
})
