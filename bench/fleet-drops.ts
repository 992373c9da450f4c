/**
 * `drops` from 1,000 mock switches (4 child processes × 250, see multi-mock-process.ts) through the fleet runner with
 * concurrency 200, eAPI over HTTPS with each process's certificate pinned by fingerprint: wall time, client CPU and
 * client memory per open device; then the same through the CLI as a process (wall time, peak RSS).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fleet, loadInventory, type HostResult } from '../fleet/index.js'
import type { DropCounters } from '../src/index.js'
import { report } from './bench-util.js'
import { BENCH_PASSWORD_ENV, writeBenchInventory } from './bench-inventory.js'
import { runCliMeasured } from './cli-process.js'
import { kb, peakSampler, sample, settledMemory, type MemorySample } from './memory-probe.js'
import { spawnMultiMocks, sumStats, type MultiMockProcess } from './spawn-multi-mock.js'

const PROCESSES = 4
const PER_PROCESS = 250
const DEVICES = PROCESSES * PER_PROCESS
const CONCURRENCY = 200
const HOST_TIMEOUT_MS = 60_000

export async function benchFleetDrops(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-'))
  let mocks: MultiMockProcess[] = []
  try {
    const startedAt = performance.now()
    mocks = await spawnMultiMocks(PROCESSES, PER_PROCESS)
    const mocksStartMs = performance.now() - startedAt
    const inventoryFile = await writeBenchInventory(mocks, dir)
    process.env[BENCH_PASSWORD_ENV] = 'bench-pw'
    const hosts = fleet(await loadInventory(inventoryFile))
    if (hosts.hosts.length !== DEVICES) throw new Error(`inventory has ${hosts.hosts.length} hosts, not ${DEVICES}`)
    await Promise.all(mocks.map((m) => m.reset()))

    const before = settledMemory()
    const peak = peakSampler()
    let open = 0
    let mostOpen = 0
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    let results: Array<HostResult<DropCounters>> | undefined = await hosts.run(
      async (sw, _host, ctx) => {
        mostOpen = Math.max(mostOpen, ++open)
        try {
          return await sw.counters.drops({ signal: ctx.signal })
        } finally {
          open--
        }
      },
      { kind: 'read', concurrency: CONCURRENCY, timeoutMs: HOST_TIMEOUT_MS },
    )
    const wallMs = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    const peakMemory = peak.stop()
    const afterAll = settledMemory()
    const server = sumStats(await Promise.all(mocks.map((m) => m.stats())))
    const failed = results.filter((r) => r.status !== 'ok')
    const interfaces = results.reduce((n, r) => n + (r.value?.interfaces.length ?? 0), 0)
    report(`drops from ${DEVICES} mock switches (${PROCESSES} processes × ${PER_PROCESS}) through fleet().run, concurrency ${CONCURRENCY}, HTTPS pinned`, {
      wallMs,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
      clientCpuUserMs: cpu.user / 1000,
      ok: results.length - failed.length,
      failed: failed.length,
      interfacesRead: interfaces,
      mostOpenAtOnce: mostOpen,
      eapiRequests: server.requests['/command-api'] ?? 0,
      tlsConnections: server.connectionsAccepted,
      mockCpuMs: server.cpuMs,
      mocksStartMs,
    })
    if (failed.length > 0) console.log(`  failed: ${failed.slice(0, 5).map((r) => `${r.host}: ${r.error?.code} ${r.error?.message}`).join('; ')}`)
    report('  client memory, timed run', {
      peakRssDeltaKB: kb(peakMemory.rss - before.rss),
      peakRssDeltaPerOpenKB: kb((peakMemory.rss - before.rss) / CONCURRENCY),
      retainedAfterAllHeapPlusExternalPerDeviceKB: kb((afterAll.heapUsed + afterAll.external - before.heapUsed - before.external) / DEVICES),
      retainedAfterAllRssPerDeviceKB: kb((afterAll.rss - before.rss) / DEVICES),
    })
    results = undefined

    const held = await heldRun(hosts)
    report(`  client memory with ${CONCURRENCY} devices held open (each read once, then waiting)`, {
      heapPlusExternalPerOpenKB: kb((held.atFull.heapUsed + held.atFull.external - held.before.heapUsed - held.before.external) / held.open),
      heapPerOpenKB: kb((held.atFull.heapUsed - held.before.heapUsed) / held.open),
      rssPerOpenKB: kb((held.atFull.rss - held.before.rss) / held.open),
      open: held.open,
      rssMB: Math.round(held.atFull.rss / 2 ** 20),
    })
    console.log(
      '  method: memory is sampled in this (client) process with process.memoryUsage() after two forced full GCs. ' +
        '"timed run": peak RSS sampled every 20 ms during the run minus RSS before it, ÷ 200 (includes warm-up: JIT code, ' +
        'TLS contexts, heap growth V8 keeps), and what is still held once all 1,000 results are in, ÷ 1,000. "held open": ' +
        'a second run whose task, after its read, waits until 200 devices are open at once; at that moment a GC runs and ' +
        'memory is sampled against a GC-settled baseline taken just before the run; the difference ÷ 200 is the cost of ' +
        'one open device (its connection, TLS session, driver and its result).',
    )

    const cli = await runCliMeasured(['drops', '--inventory', inventoryFile, '--json', '-c', String(CONCURRENCY)], { [BENCH_PASSWORD_ENV]: 'bench-pw' }, 120_000)
    const cliResults = JSON.parse(cli.stdout) as Array<{ status: string }>
    report(`  the same through the CLI as a process: node dist/cli/main.js drops --inventory FILE --json -c ${CONCURRENCY}`, {
      wallMs: cli.wallMs,
      peakRssMB: Math.round(cli.peakRssKB / 1024),
      peakRssSource: cli.peakRssSource,
      exitCode: cli.exitCode ?? 'signal',
      ok: cliResults.filter((r) => r.status === 'ok').length,
      hosts: cliResults.length,
    })
  } finally {
    await Promise.all(mocks.map((m) => m.stop()))
    await rm(dir, { recursive: true, force: true })
  }
}

/** A run whose first 200 tasks hold their device open until 200 are open at once; memory is sampled then. */
async function heldRun(hosts: ReturnType<typeof fleet>): Promise<{ before: MemorySample; atFull: MemorySample; open: number }> {
  let isReleased = false
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = () => ((isReleased = true), resolve())))
  let holding = 0
  let atFull: MemorySample | undefined
  const safety = setTimeout(() => release(), HOST_TIMEOUT_MS / 2)
  const before = settledMemory()
  try {
    await hosts.run(
      async (sw, _host, ctx) => {
        const value = await sw.counters.drops({ signal: ctx.signal })
        if (!isReleased) {
          holding++
          if (holding === CONCURRENCY) {
            atFull = settledMemory()
            release()
          } else await released
        }
        return value
      },
      { kind: 'read', concurrency: CONCURRENCY, timeoutMs: HOST_TIMEOUT_MS },
    )
  } finally {
    clearTimeout(safety)
  }
  return { before, atFull: atFull ?? sample(), open: atFull === undefined ? holding : CONCURRENCY }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`node ${process.version}, ${new Date().toISOString()}`)
  await benchFleetDrops()
}
