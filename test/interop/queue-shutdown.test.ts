import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { MockSwitch } from '../../mocks/index.js'
import { fleet, parseInventory, type Inventory } from '../../fleet/index.js'
import { HoldingRelay } from '../support/holding-relay.js'
import { describeInterop } from '../support/interop-tools.js'
import { startRedis, type TestRedis } from '../support/redis-server.js'
import { startWorker, type WorkerProcess } from '../support/queue-lab.js'

const PASSWORD = 'shutdown-pw'

/**
 * `switchyard worker` on SIGTERM: a job whose device is slow to answer (its request held at a relay) either finishes
 * within --grace, or — past it — a read goes back to the queue for another worker, and a change ends with its honest
 * outcome. The worker process exits 0 either way.
 */
describeInterop('worker shutdown on SIGTERM with --grace (real Redis, worker processes)', ['redis-server'], () => {
  let redis: TestRedis
  let dir: string
  const device = new MockSwitch({ hostname: 'slow1', username: 'admin', password: PASSWORD })
  let relay: HoldingRelay | undefined
  let held: HoldingRelay
  let eapiPort = 0
  let inventoryFile: string
  let inventory: Inventory
  const workers: WorkerProcess[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-queue-shutdown-'))
    redis = await startRedis()
    eapiPort = (await device.listen()).eapiHttp.port
    inventoryFile = join(dir, 'inventory.yaml')
  }, 60_000)
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop('SIGKILL')))
    await relay?.close()
    relay = undefined
  })
  afterAll(async () => {
    await device.close()
    await redis?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const worker = async (name: string, grace: number) => {
    const w = await startWorker(['--queue', redis.url, '--inventory', inventoryFile, '--name', name, '--grace', String(grace)], { SHUTDOWN_PASSWORD: PASSWORD })
    workers.push(w)
    return w
  }
  const submit = (task: { name: string; args?: unknown }) =>
    fleet(inventory).run(task as { name: string }, { queue: { connection: { url: redis.url }, pollMs: 200, maxWaitMs: 60_000 }, timeoutMs: 60_000, retries: 0 })
  const exitOf = (w: WorkerProcess) => new Promise<number | null>((resolve) => (w.child.exitCode !== null ? resolve(w.child.exitCode) : w.child.once('exit', (code) => resolve(code))))

  it('a job still running at SIGTERM finishes within the grace period; the worker then exits 0', async () => {
    await rebindRelay()
    const a = await worker('grace-a', 30_000)
    const result = submit({ name: 'facts' })
    await held.requestHeld()
    a.child.kill('SIGTERM')
    await a.waitFor((l) => l.msg === 'stopping')
    held.release()
    const [r] = await result
    expect(r?.status, JSON.stringify(r?.error)).toBe('ok')
    expect((r?.value as { hostname?: string }).hostname).toBe('slow1')
    expect(await exitOf(a)).toBe(0)
    expect(a.lines.some((l) => l.msg === 'job' && l.outcome === 'ok')).toBe(true)
    expect(a.lines.some((l) => l.msg === 'released')).toBe(false)
  }, 90_000)

  it('past the grace period a read goes back to the queue, and another worker completes it', async () => {
    await rebindRelay()
    const a = await worker('grace-b1', 300)
    const result = submit({ name: 'facts' })
    await held.requestHeld()
    a.child.kill('SIGTERM')
    await a.waitFor((l) => l.msg === 'released')
    expect(await exitOf(a)).toBe(0)
    held.cutHeld()
    held.release()
    const b = await worker('grace-b2', 30_000)
    const [r] = await result
    expect(r?.status, JSON.stringify(r?.error)).toBe('ok')
    expect(b.lines.some((l) => l.msg === 'job' && l.outcome === 'ok' && l.task === 'facts')).toBe(true)
  }, 90_000)

  it('past the grace period a change under way ends with its honest outcome, never ok without the change', async () => {
    // The device answers the reads; the request that stages the change is held, so the change is under way.
    await rebindRelay({ holdFrom: 'configure session' })
    const before = device.runningConfig()
    const a = await worker('grace-c', 300)
    const result = submit({ name: 'apply', args: { document: { vlans: { state: 'merged', config: [{ id: 3210, name: 'shutdown' }] } } } })
    await held.requestHeld()
    a.child.kill('SIGTERM')
    expect(await exitOf(a)).toBe(0)
    const [r] = await result
    held.cutHeld()
    const has = device.runningConfig().includes('vlan 3210')
    if (r?.status === 'changed') expect(has).toBe(true)
    else if (r?.status === 'failed') expect(device.runningConfig()).toBe(before)
    else expect(r?.status).toBe('unknown')
    expect(['changed', 'failed', 'unknown']).toContain(r?.status)
    expect(a.lines.some((l) => l.msg === 'released')).toBe(false)
    expect(a.lines.find((l) => l.msg === 'job')?.outcome).toBe(r?.status)
    // The held request never reached the device, and the worker did not send anything after it.
    expect(has).toBe(false)
    expect(device.sessions.list().filter((s) => /^switchyard-/.test(s.name) && s.state !== 'completed')).toEqual([])
  }, 90_000)

  /** A fresh relay in front of the device, holding, and the inventory pointing at it. */
  async function rebindRelay(options: { holdFrom?: string } = {}) {
    relay = new HoldingRelay(eapiPort, options)
    held = relay
    const port = await relay.listen()
    const text = stringify({ defaults: { driver: 'eapi', protocol: 'http', username: 'admin', password: { env: 'SHUTDOWN_PASSWORD' } }, hosts: { slow1: { address: '127.0.0.1', port } } })
    await writeFile(inventoryFile, text)
    inventory = parseInventory(text, { file: inventoryFile, baseDir: dir })
  }
})
