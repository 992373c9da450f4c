/**
 * Queue overhead and worker throughput: `drops` (a read) from N mock devices (default 1,000, SWITCHYARD_QUEUE_BENCH_DEVICES)
 * served by 4 child processes, once in-process (fleet().run) and then through BullMQ on a real redis-server with 1, 2
 * and 4 `switchyard worker` processes. Prints wall time, ms per device, and the worker CPU per device.
 * Run: node --import tsx bench/queue-overhead.ts
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { fleet, parseInventory, type Inventory } from '../fleet/index.js'
import { startRedis } from '../test/support/redis-server.js'
import { startMockChild, startWorker, type MockChild, type WorkerProcess } from '../test/support/queue-lab.js'
import { report } from './bench-util.js'

const DEVICES = Number(process.env.SWITCHYARD_QUEUE_BENCH_DEVICES ?? 1_000)
const CHILDREN = 4
const PASSWORD = 'bench-pw'

export async function benchQueueOverhead(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-queue-bench-'))
  const redis = await startRedis()
  const mocks: MockChild[] = []
  try {
    const per = Math.ceil(DEVICES / CHILDREN)
    mocks.push(...(await Promise.all(Array.from({ length: CHILDREN }, (_, k) => startMockChild(Math.min(per, DEVICES - k * per), `b${k}-`, PASSWORD)))))
    const hosts: Record<string, unknown> = {}
    for (const d of mocks.flatMap((m) => m.devices)) hosts[d.hostname] = { address: '127.0.0.1', port: d.port, tls: { fingerprintSha256: d.fingerprintSha256 } }
    const text = stringify({ defaults: { driver: 'eapi', protocol: 'https', username: 'admin', password: { env: 'QUEUE_MOCK_PASSWORD' } }, hosts })
    const file = join(dir, 'inventory.yaml')
    await writeFile(file, text)
    const inventory: Inventory = parseInventory(text, { file, baseDir: dir })

    process.env.QUEUE_MOCK_PASSWORD = PASSWORD
    const t0 = performance.now()
    const local = await fleet(inventory).run((sw) => sw.counters.drops(), { kind: 'read', concurrency: 200 })
    const localMs = performance.now() - t0
    report(`drops from ${DEVICES} mocks in-process (concurrency 200)`, { wallMs: localMs, msPerDevice: localMs / DEVICES, failed: local.filter((r) => r.status !== 'ok').length })

    for (const count of [1, 2, 4]) {
      const workers: WorkerProcess[] = []
      try {
        for (let i = 0; i < count; i++) workers.push(await startWorker(['--queue', redis.url, '--inventory', file, '--name', `b${i}`, '--concurrency', String(Math.ceil(200 / count))], { QUEUE_MOCK_PASSWORD: PASSWORD }))
        const cpuBefore = await Promise.all(workers.map((w) => cpuMs(w.child.pid as number)))
        const t = performance.now()
        const results = await fleet(inventory).run({ name: 'drops' }, { queue: { connection: { url: redis.url }, pollMs: 1_000 }, concurrency: DEVICES, kind: 'read' })
        const ms = performance.now() - t
        const cpuAfter = await Promise.all(workers.map((w) => cpuMs(w.child.pid as number)))
        const workerCpu = cpuAfter.reduce((a, b, i) => a + b - (cpuBefore[i] ?? 0), 0)
        report(`drops from ${DEVICES} mocks through the queue, ${count} worker(s)`, {
          wallMs: ms,
          msPerDevice: ms / DEVICES,
          devicesPerSecond: (DEVICES * 1000) / ms,
          workerCpuMsPerDevice: workerCpu / DEVICES,
          overheadMsPerDeviceVsInProcess: (ms - localMs) / DEVICES,
          notOk: results.filter((r) => r.status !== 'ok').length,
        })
      } finally {
        await Promise.all(workers.map((w) => w.stop('SIGTERM')))
      }
    }
  } finally {
    await Promise.all(mocks.map((m) => m.stop()))
    await redis.close()
    await rm(dir, { recursive: true, force: true })
  }
}

/** User + system CPU of a process so far, ms (from /proc; Linux). */
async function cpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises')
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? []
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1000) / 100
}

if (import.meta.url === `file://${process.argv[1]}`) await benchQueueOverhead()
