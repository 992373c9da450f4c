import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { Redis } from 'ioredis'
import { stringify } from 'yaml'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fleet, parseInventory, type HostResult, type Inventory } from '../../fleet/index.js'
import { describeInterop } from '../support/interop-tools.js'
import { startRedis, type TestRedis } from '../support/redis-server.js'
import { startMockChild, startWorker, type MockChild, type MockDeviceReport, type WorkerProcess } from '../support/queue-lab.js'

/** Devices in the lab (the issue's 300 by default; SWITCHYARD_QUEUE_DEVICES to size it for a slower machine). */
const DEVICES = Number(process.env.SWITCHYARD_QUEUE_DEVICES ?? 300)
const CHILDREN = 3
const WORKERS = 3
const PASSWORD = `mock-pw-${Math.random().toString(36).slice(2)}`
/** Short BullMQ timings so that a dead worker's jobs are taken over within seconds. */
const WORKER_TIMINGS = ['--lock-duration', '4000', '--stalled-interval', '1000', '--concurrency', '40']

const vlanDoc = (id: number) => ({ vlans: { state: 'merged', config: [{ id, name: `queue${id}` }] } })

describeInterop('fleet runs on BullMQ workers over a real Redis', ['redis-server'], () => {
  let redis: TestRedis
  let dir: string
  let inventoryFile: string
  let inventory: Inventory
  const mocks: MockChild[] = []
  const workers: WorkerProcess[] = []
  let monitor: ReturnType<typeof spawn> | undefined
  let monitorText = ''

  const startOneWorker = async (index: number) => {
    const worker = await startWorker(['--queue', redis.url, '--inventory', inventoryFile, '--name', `w${index}`, ...WORKER_TIMINGS], { QUEUE_MOCK_PASSWORD: PASSWORD })
    workers.push(worker)
    return worker
  }
  const report = async (grep?: string): Promise<MockDeviceReport[]> => {
    const answers = await Promise.all(mocks.map((m) => m.ask({ cmd: 'report', ...(grep ? { grep } : {}) }) as Promise<{ report: MockDeviceReport[] }>))
    return answers.flatMap((a) => a.report)
  }
  const sessionsSince = (d: MockDeviceReport, sinceMs: number, state = 'completed') =>
    d.sessions.filter((s) => s.state === state && parseInt(s.name.split('-')[1] as string, 36) >= sinceMs)
  const apply = (id: number, hosts?: (name: string) => boolean, onEnd?: (done: number) => void) => {
    let done = 0
    const selected = hosts ? { ...inventory, hosts: inventory.hosts.filter((h) => hosts(h.name)) } : inventory
    return fleet(selected).run(
      { name: 'apply', args: { document: vlanDoc(id) } },
      {
        queue: { connection: { url: redis.url }, pollMs: 500, redisDownMs: 20_000, maxWaitMs: 120_000 },
        concurrency: 1_000,
        timeoutMs: 60_000,
        onEvent: (e) => {
          if (e.type === 'host-end') onEnd?.(++done)
        },
      },
    )
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-queue-'))
    redis = await startRedis({ appendOnly: true })
    const per = Math.ceil(DEVICES / CHILDREN)
    mocks.push(...(await Promise.all(Array.from({ length: CHILDREN }, (_, k) => startMockChild(Math.min(per, DEVICES - k * per), `m${k}-`, PASSWORD)))))
    const hosts: Record<string, unknown> = {}
    for (const d of mocks.flatMap((m) => m.devices)) hosts[d.hostname] = { address: '127.0.0.1', port: d.port, tls: { fingerprintSha256: d.fingerprintSha256 } }
    const text = stringify({ defaults: { driver: 'eapi', protocol: 'https', username: 'admin', password: { env: 'QUEUE_MOCK_PASSWORD' } }, hosts })
    inventoryFile = join(dir, 'inventory.yaml')
    await writeFile(inventoryFile, text)
    inventory = parseInventory(text, { file: inventoryFile, baseDir: dir })
    monitor = spawn('redis-cli', ['-p', String(redis.port), 'monitor'], { stdio: ['ignore', 'pipe', 'ignore'] })
    monitor.stdout?.on('data', (d: Buffer) => (monitorText += d.toString()))
    for (let i = 0; i < WORKERS; i++) await startOneWorker(i)
  }, 180_000)

  afterAll(async () => {
    monitor?.kill()
    await Promise.all(workers.map((w) => w.stop('SIGTERM')))
    await Promise.all(mocks.map((m) => m.stop()))
    await redis?.close()
    await rm(dir, { recursive: true, force: true })
  }, 120_000)

  it(`applies a desired state to ${DEVICES} devices through ${WORKERS} workers: one committed session each, results match the devices`, async () => {
    const since = Date.now()
    const results = await apply(3001)
    expect(results).toHaveLength(DEVICES)
    expect(results.filter((r) => r.status !== 'changed').map((r) => `${r.host} ${r.status} ${r.error?.message ?? ''}`)).toEqual([])
    const devices = await report('vlan 3001')
    expect(devices.filter((d) => !d.has).map((d) => d.hostname)).toEqual([])
    expect(devices.filter((d) => sessionsSince(d, since).length !== 1).map((d) => `${d.hostname}: ${JSON.stringify(d.sessions)}`)).toEqual([])
    expect(devices.filter((d) => d.maxOpen > 1).map((d) => d.hostname)).toEqual([])
    // Every worker took part.
    for (const w of workers) expect(w.lines.filter((l) => l.msg === 'job').length).toBeGreaterThan(0)
  }, 120_000)

  it('one worker SIGKILLed mid-run: its jobs are taken over by the others, each device still gets exactly one committed session', async () => {
    const since = Date.now()
    const victim = workers[0] as WorkerProcess
    const before = victim.lines.filter((l) => l.msg === 'job').length
    let killed = false
    const results = await apply(3002, undefined, (done) => {
      if (!killed && done >= Math.floor(DEVICES / 10)) {
        killed = true
        victim.child.kill('SIGKILL')
      }
    })
    expect(killed).toBe(true)
    const victimJobs = victim.lines.filter((l) => l.msg === 'job').length - before
    expect(victimJobs).toBeLessThan(DEVICES)
    expect(results.filter((r) => r.status !== 'changed' && r.status !== 'ok').map((r) => `${r.host} ${r.status} ${r.error?.message ?? ''}`)).toEqual([])
    const devices = await report('vlan 3002')
    expect(devices.filter((d) => !d.has).map((d) => d.hostname)).toEqual([])
    expect(devices.filter((d) => sessionsSince(d, since).length !== 1).map((d) => `${d.hostname}: ${JSON.stringify(d.sessions)}`)).toEqual([])
    expect(devices.filter((d) => sessionsSince(d, since, 'pending').length + sessionsSince(d, since, 'pendingCommitTimer').length > 0).map((d) => d.hostname)).toEqual([])
    // A host reported `ok` (no change) is one whose change the dead worker had committed: the takeover found it done.
    const takeovers = workers.slice(1).flatMap((w) => w.lines.filter((l) => l.msg === 'takeover'))
    console.log(`[queue] SIGKILL: victim finished ${victimJobs} jobs before dying; takeovers by the others: ${takeovers.length}; statuses ${results.filter((r) => r.status === 'changed').length} changed, ${results.filter((r) => r.status === 'ok').length} ok`)
    expect(takeovers.length).toBeGreaterThan(0)
    const okHosts = results.filter((r) => r.status === 'ok').map((r) => r.host)
    for (const host of okHosts) expect(takeovers.some((t) => t.host === host) || victim.lines.some((l) => l.msg === 'job' && l.host === host && l.outcome === 'changed')).toBe(true)
    workers.splice(0, 1)
    await startOneWorker(WORKERS)
  }, 180_000)

  it('Redis restarted mid-run: workers and submitter reconnect; every host is changed or ok (and has the change), or unknown — never ok without it', async () => {
    const since = Date.now()
    let restarted: Promise<void> | undefined
    const results = await apply(3003, undefined, (done) => {
      if (!restarted && done >= Math.floor(DEVICES / 10)) restarted = redis.stop().then(() => new Promise((r) => setTimeout(r, 1_000))).then(() => redis.start())
    })
    await restarted
    expect(restarted).toBeDefined()
    const devices = new Map((await report('vlan 3003')).map((d) => [d.hostname, d]))
    const statuses = new Set(results.map((r) => r.status))
    for (const s of statuses) expect(['changed', 'ok', 'unknown']).toContain(s)
    for (const r of results) {
      const d = devices.get(r.host) as MockDeviceReport
      if (r.status === 'changed' || r.status === 'ok') expect(d.has, `${r.host} reported ${r.status}`).toBe(true)
      expect(sessionsSince(d, since).length, `${r.host} committed sessions`).toBeLessThanOrEqual(1)
    }
    console.log(`[queue] Redis restart: ${[...statuses].map((s) => `${s}=${results.filter((r) => r.status === s).length}`).join(' ')}`)
  }, 240_000)

  it('two submitters on overlapping hosts: no device ever has two switchyard sessions open at once', async () => {
    await Promise.all(mocks.map((m) => m.ask({ cmd: 'reset-max' })))
    const index = (name: string) => inventory.hosts.findIndex((h) => h.name === name)
    const third = Math.floor(DEVICES / 3)
    const [a, b] = await Promise.all([apply(3004, (n) => index(n) < 2 * third), apply(3005, (n) => index(n) >= third)])
    const all = [...a, ...b] as Array<HostResult<unknown>>
    expect(all.filter((r) => r.status !== 'changed').map((r) => `${r.host} ${r.status} ${r.error?.message ?? ''}`)).toEqual([])
    const devices = await report()
    expect(devices.filter((d) => d.maxOpen > 1).map((d) => `${d.hostname} ${d.maxOpen}`)).toEqual([])
    const both = await Promise.all([report('vlan 3004'), report('vlan 3005')])
    const overlap = inventory.hosts.filter((h) => index(h.name) >= third && index(h.name) < 2 * third).map((h) => h.name)
    for (const host of overlap) {
      expect(both[0].find((d) => d.hostname === host)?.has).toBe(true)
      expect(both[1].find((d) => d.hostname === host)?.has).toBe(true)
    }
  }, 180_000)

  it('credentials never travel through Redis: not in any command sent (MONITOR) nor in any key', async () => {
    expect(monitorText.length).toBeGreaterThan(1_000)
    expect(monitorText.includes(PASSWORD)).toBe(false)
    const client = new Redis({ port: redis.port, host: '127.0.0.1' })
    try {
      let cursor = '0'
      let keys = 0
      do {
        const [next, batch] = await client.scan(cursor, 'COUNT', 1000)
        cursor = next
        for (const key of batch) {
          keys++
          const type = await client.type(key)
          const content =
            type === 'string' ? await client.get(key)
            : type === 'hash' ? JSON.stringify(await client.hgetall(key))
            : type === 'list' ? JSON.stringify(await client.lrange(key, 0, -1))
            : type === 'zset' ? JSON.stringify(await client.zrange(key, 0, -1))
            : type === 'set' ? JSON.stringify(await client.smembers(key))
            : type === 'stream' ? JSON.stringify(await client.xrange(key, '-', '+'))
            : ''
          expect(content?.includes(PASSWORD), key).toBe(false)
        }
      } while (cursor !== '0')
      expect(keys).toBeGreaterThan(10)
    } finally {
      client.disconnect()
    }
  }, 60_000)
})
