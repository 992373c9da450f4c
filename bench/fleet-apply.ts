/**
 * A desired-state document of 200 VLANs (merged) applied to 500 mock switches (4 child processes × 125) with
 * fleet-wide commit-confirm (`fleet.applyDesiredState` with `confirmWithinSeconds`, read-back check on): wall time and
 * eAPI round trips counted by the mocks; then the same document a second time, where every host is a no-op and no
 * configure session may be opened (checked from the mocks' journals).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fleet, loadInventory, type CommitConfirmResult, type Fleet } from '../fleet/index.js'
import { validateDesiredState, type DesiredState } from '../src/index.js'
import { report } from './bench-util.js'
import { BENCH_PASSWORD_ENV, writeBenchInventory } from './bench-inventory.js'
import { spawnMultiMocks, sumStats, type MultiMockProcess } from './spawn-multi-mock.js'
import type { MultiMockStats } from './multi-mock-process.js'

const PROCESSES = 4
const PER_PROCESS = 125
const DEVICES = PROCESSES * PER_PROCESS
const VLANS = 200
const CONCURRENCY = 200
const CONFIRM_WITHIN_SECONDS = 600
const RUN_LIMIT_MS = 300_000

export async function benchFleetApply(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-'))
  let mocks: MultiMockProcess[] = []
  try {
    mocks = await spawnMultiMocks(PROCESSES, PER_PROCESS)
    const inventoryFile = await writeBenchInventory(mocks, dir)
    process.env[BENCH_PASSWORD_ENV] = 'bench-pw'
    const hosts = fleet(await loadInventory(inventoryFile))
    if (hosts.hosts.length !== DEVICES) throw new Error(`inventory has ${hosts.hosts.length} hosts, not ${DEVICES}`)
    const doc = validateDesiredState({
      vlans: { state: 'merged', config: Array.from({ length: VLANS }, (_, i) => ({ id: 1000 + i, name: `bench-${1000 + i}` })) },
    })

    const first = await timedApply(hosts, doc, mocks)
    reportRun(`apply of a ${VLANS}-VLAN document (merged) to ${DEVICES} mock switches (${PROCESSES} processes × ${PER_PROCESS}), fleet-wide commit-confirm, concurrency ${CONCURRENCY}, HTTPS pinned`, first)
    const second = await timedApply(hosts, doc, mocks)
    reportRun('  the same document again (every host a no-op)', second)
    const finals = countFinals(second.result)
    const noSession = second.server.sessionLines === 0 && second.server.devicesWithSession === 0
    console.log(`  second run: ${finals.unchanged ?? 0} of ${DEVICES} hosts 'unchanged', ${second.server.devicesWithSession} devices received a 'configure session' line: ${noSession ? 'no session opened (verified)' : 'SESSIONS WERE OPENED'}`)
  } finally {
    await Promise.all(mocks.map((m) => m.stop()))
    await rm(dir, { recursive: true, force: true })
  }
}

interface TimedApply {
  result: CommitConfirmResult
  wallMs: number
  clientCpuMs: number
  server: MultiMockStats
}

async function timedApply(hosts: Fleet, doc: DesiredState, mocks: readonly MultiMockProcess[]): Promise<TimedApply> {
  await Promise.all(mocks.map((m) => m.reset()))
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const result = await hosts.applyDesiredState(() => doc, { confirmWithinSeconds: CONFIRM_WITHIN_SECONDS, concurrency: CONCURRENCY, signal: AbortSignal.timeout(RUN_LIMIT_MS) })
  const wallMs = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const server = sumStats(await Promise.all(mocks.map((m) => m.stats())))
  return { result, wallMs, clientCpuMs: (cpu.user + cpu.system) / 1000, server }
}

function countFinals(result: CommitConfirmResult): Record<string, number> {
  const out: Record<string, number> = {}
  for (const h of result.hosts) out[h.final] = (out[h.final] ?? 0) + 1
  return out
}

function reportRun(name: string, run: TimedApply): void {
  const requests = run.server.requests['/command-api'] ?? 0
  report(name, {
    wallMs: run.wallMs,
    outcome: run.result.outcome,
    finals: Object.entries(countFinals(run.result)).map(([k, n]) => `${k}:${n}`).join(','),
    clientCpuMs: run.clientCpuMs,
    mockCpuMs: run.server.cpuMs,
    eapiRequests: requests,
    roundTripsPerDevice: requests / DEVICES,
    loginRequests: run.server.requests['/login'] ?? 0,
    commandsPerDevice: run.server.commands / DEVICES,
    sessionLines: run.server.sessionLines,
  })
  if (run.result.outcome !== 'confirmed') console.log(`  reason: ${run.result.reason}`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`node ${process.version}, ${new Date().toISOString()}`)
  await benchFleetApply()
}
