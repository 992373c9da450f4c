import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { stringify } from 'yaml'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { fleet, loadInventory, postChecks } from '../../fleet/index.js'
import { describeInterop } from '../support/interop-tools.js'
import { freePort, startRedis, type TestRedis } from '../support/redis-server.js'
import { startMockChild, startWorker, type MockChild, type MockDeviceReport, type WorkerProcess } from '../support/queue-lab.js'
import { REPO_ROOT, runCli, type CliRun } from '../support/run-cli.js'

const DEVICES = 12
const PASSWORD = `mock-pw-${Math.random().toString(36).slice(2)}`
/** The in-process runs resolve the mocks' password; the queued runs do not have it (only the workers do). */
const DIRECT_ENV = { QUEUE_MOCK_PASSWORD: PASSWORD }
const TIMER = 300

/** A CLI result without what differs from run to run (durations, a device's uptime). */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'durationMs' && k !== 'uptimeSeconds').map(([k, v]) => [k, stable(v)]))
}

const json = (run: CliRun): unknown => {
  try {
    return JSON.parse(run.stdout)
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout.slice(0, 500)} / ${run.stderr.slice(0, 2000)}`)
  }
}

describeInterop('the CLI and fleet-wide commit-confirm over BullMQ workers (real Redis)', ['redis-server'], () => {
  let redis: TestRedis
  let dir: string
  let inv: string
  let mocks: MockChild
  let taps: MockChild
  /** The workers' inventory: the lab plus two 7130s (the other tests submit with `inv`, which lacks them). */
  let invWithTaps: string
  const workers: WorkerProcess[] = []
  const hostNames: string[] = []
  let queueArgs: string[]

  const report = async (extra: Record<string, unknown> = {}): Promise<MockDeviceReport[]> => ((await mocks.ask({ cmd: 'report', ...extra })) as { report: MockDeviceReport[] }).report
  const desired = async (name: string, vlan: number) => {
    const folder = join(dir, name)
    await mkdir(join(folder, 'groups'), { recursive: true })
    await writeFile(join(folder, 'groups', 'lab.yaml'), `vlans:\n  state: merged\n  config: [{ id: ${vlan}, name: v${vlan} }]\n`)
    return folder
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-queue-cli-'))
    const [r, m, t] = await Promise.all([startRedis(), startMockChild(DEVICES, 'c', PASSWORD), startMockChild(2, 'tap', PASSWORD, 'mos')])
    redis = r
    mocks = m
    taps = t
    const hosts: Record<string, unknown> = {}
    for (const d of mocks.devices) {
      hosts[d.hostname] = { address: '127.0.0.1', port: d.port, tls: { fingerprintSha256: d.fingerprintSha256 }, groups: ['lab'] }
      hostNames.push(d.hostname)
    }
    // A host nothing listens for: connection refused, on the workers as in-process.
    hosts.dead = { address: '127.0.0.1', port: await freePort(), tls: { fingerprintSha256: mocks.devices[0]?.fingerprintSha256 } }
    inv = join(dir, 'inventory.yaml')
    const defaults = { driver: 'eapi', protocol: 'https', username: 'admin', password: { env: 'QUEUE_MOCK_PASSWORD' } }
    await writeFile(inv, stringify({ defaults, groups: { lab: {} }, hosts }))
    const tapHosts = Object.fromEntries(taps.devices.map((d) => [d.hostname, { address: '127.0.0.1', port: d.port, platform: 'mos', tls: { fingerprintSha256: d.fingerprintSha256 }, groups: ['taps'] }]))
    invWithTaps = join(dir, 'inventory-workers.yaml')
    await writeFile(invWithTaps, stringify({ defaults, groups: { lab: {}, taps: {} }, hosts: { ...hosts, ...tapHosts } }))
    queueArgs = ['--queue', redis.url, '--queue-wait', '60000']
    workers.push(...(await Promise.all([0, 1].map((i) => startWorker(['--queue', redis.url, '--inventory', invWithTaps, '--name', `cw${i}`, '--concurrency', '20'], DIRECT_ENV)))))
  }, 120_000)

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGTERM')))
    await mocks?.stop()
    await taps?.stop()
    await redis?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  }, 60_000)

  it('reads with --queue print the same --json as in-process and exit the same: 0, and 3 with a dead host', async () => {
    const limit = ['--limit', '!dead']
    const [direct, queued, countersQueued, deadDirect, deadQueued] = await Promise.all([
      runCli(['--json', 'facts', '-i', inv, ...limit], DIRECT_ENV),
      runCli(['--json', 'facts', '-i', inv, ...limit, ...queueArgs]),
      runCli(['--json', 'counters', '-i', inv, ...limit, ...queueArgs]),
      runCli(['--json', 'vlans', '-i', inv, '--timeout', '20000'], DIRECT_ENV),
      runCli(['--json', 'vlans', '-i', inv, '--timeout', '20000', ...queueArgs]),
    ])
    expect(direct.code, direct.stderr).toBe(0)
    expect(queued.code, queued.stderr).toBe(0)
    const facts = json(queued) as Array<{ host: string; status: string; value: { hostname: string } }>
    expect(facts.map((f) => [f.host, f.status, f.value.hostname])).toEqual(hostNames.map((h) => [h, 'ok', h]))
    expect(stable(facts)).toEqual(stable(json(direct)))

    expect(countersQueued.code, countersQueued.stderr).toBe(0)
    const counters = json(countersQueued) as Array<{ value: Array<{ inOctets: unknown }> }>
    expect(counters).toHaveLength(DEVICES)
    // 64-bit counters arrive as decimal strings, as --json prints them in-process.
    expect(typeof counters[0]?.value[0]?.inOctets).toBe('string')

    expect(deadDirect.code, deadDirect.stderr).toBe(3)
    expect(deadQueued.code, deadQueued.stderr).toBe(3)
    const shape = (run: CliRun) => (json(run) as Array<{ host: string; status: string; error?: { code: string } }>).map((r) => [r.host, r.status, r.error?.code ?? null])
    expect(shape(deadQueued)).toEqual(shape(deadDirect))
    expect(shape(deadQueued).find((r) => r[0] === 'dead')).toEqual(['dead', 'failed', 'SY_CONNECTION'])
    expect(deadQueued.stderr).toMatch(/^dead: failed SY_CONNECTION /m)
    // The submitter never had the device password: the workers resolved it.
    for (const w of workers) expect(w.lines.some((l) => l.msg === 'job' && l.task === 'facts')).toBe(true)
  }, 90_000)

  it('config, gather and cli over --queue print what they print in-process; l1, taps and metawatch of 7130s too', async () => {
    const lab = ['-i', inv, '--limit', 'c0,c1,c2']
    const tapsOnly = ['-i', invWithTaps, '--limit', 'taps']
    const out = (name: string) => join(dir, name)
    const runs = await Promise.all([
      runCli(['--json', 'config', '-o', out('cfg-direct'), ...lab], DIRECT_ENV),
      runCli(['--json', 'config', '-o', out('cfg-queued'), ...lab, ...queueArgs]),
      runCli(['--json', 'gather', '-o', out('gather-direct'), '--sections', 'vlans', ...lab], DIRECT_ENV),
      runCli(['--json', 'gather', '-o', out('gather-queued'), '--sections', 'vlans', ...lab, ...queueArgs]),
      runCli(['--json', 'cli', 'show vlan', 'show hostname', ...lab], DIRECT_ENV),
      runCli(['--json', 'cli', 'show vlan', 'show hostname', ...lab, ...queueArgs]),
      runCli(['--json', 'cli', '--text', 'show vlan', ...lab, ...queueArgs]),
      ...['l1', 'taps', 'metawatch'].flatMap((what) => [runCli(['--json', what, ...tapsOnly], DIRECT_ENV), runCli(['--json', what, ...tapsOnly, ...queueArgs])]),
    ])
    for (const run of runs) expect(run.code, run.stderr).toBe(0)
    const [cfgDirect, cfgQueued, gatherDirect, gatherQueued, cliDirect, cliQueued, cliText, ...tapRuns] = runs as [CliRun, CliRun, CliRun, CliRun, CliRun, CliRun, CliRun, ...CliRun[]]
    const files = async (run: CliRun) => Promise.all((json(run) as Array<{ file: string }>).map(async (r) => (await import('node:fs/promises')).readFile(r.file, 'utf8')))
    const cfg = await files(cfgQueued)
    expect(cfg).toEqual(await files(cfgDirect))
    expect(cfg[0]).toMatch(/^hostname c0$/m)
    expect(await files(gatherQueued)).toEqual(await files(gatherDirect))
    expect((await files(gatherQueued))[0]).toMatch(/^vlans:/m)
    const shown = stable(json(cliQueued)) as Array<{ host: string; value: Array<Record<string, unknown>> }>
    expect(shown.map((r) => r.host)).toEqual(['c0', 'c1', 'c2'])
    expect(shown[0]?.value[0]).toHaveProperty('vlans')
    expect(shown).toEqual(stable(json(cliDirect)))
    expect((json(cliText) as Array<{ value: string[] }>)[0]?.value[0]).toMatch(/^VLAN\s+Name\s+Status/m)
    for (let i = 0; i < tapRuns.length; i += 2) {
      const [direct, queued] = [json(tapRuns[i] as CliRun), json(tapRuns[i + 1] as CliRun)] as Array<Array<{ host: string; status: string }>>
      expect(queued?.map((r) => [r.host, r.status])).toEqual([['tap0', 'ok'], ['tap1', 'ok']])
      expect(stable(queued)).toEqual(stable(direct))
    }
  }, 120_000)

  it('cli --queue refuses anything but show commands before enqueueing a job', async () => {
    const jobsBefore = workers.reduce((n, w) => n + w.lines.filter((l) => l.msg === 'job').length, 0)
    const refused = await runCli(['cli', 'configure terminal', '-i', inv, '--limit', 'c0', ...queueArgs])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('only show commands')
    const piped = await runCli(['cli', 'show running-config | redirect flash:x', '-i', inv, '--limit', 'c0', ...queueArgs])
    expect(piped.code).toBe(1)
    expect(piped.stderr).toContain("may not hold '|'")
    expect(workers.reduce((n, w) => n + w.lines.filter((l) => l.msg === 'job').length, 0)).toBe(jobsBefore)
  }, 60_000)

  it('plan --queue --detailed-exitcode: exit 2 and the same --json drift as in-process; apply --confirm-within --queue confirms everywhere', async () => {
    const folder = await desired('d3100', 3100)
    const limit = ['--limit', '!dead']
    const [direct, queued] = await Promise.all([
      runCli(['--json', 'plan', folder, '--detailed-exitcode', '-i', inv, ...limit], DIRECT_ENV),
      runCli(['--json', 'plan', folder, '--detailed-exitcode', '-i', inv, ...limit, ...queueArgs]),
    ])
    expect(direct.code, direct.stderr).toBe(2)
    expect(queued.code, queued.stderr).toBe(2)
    expect(stable(json(queued))).toEqual(stable(json(direct)))

    const since = Date.now()
    const applied = await runCli(['--json', 'apply', folder, '--confirm-within', String(TIMER), '-i', inv, ...limit, ...queueArgs])
    expect(applied.code, applied.stderr).toBe(0)
    const result = json(applied) as { outcome: string; hosts: Array<{ host: string; status: string; final: string; checks: Array<{ name: string; passed: boolean }> }> }
    expect(result.outcome).toBe('confirmed')
    expect(result.hosts.map((h) => [h.host, h.status, h.final])).toEqual(hostNames.map((h) => [h, 'changed', 'confirmed']))
    expect(result.hosts[0]?.checks).toEqual([
      { name: 'device answers', passed: true },
      { name: 'desired state reads back', passed: true },
    ])
    expect(applied.stderr).toContain('confirmed: confirmed everywhere')
    // Confirmed, not merely pending: past the timer every device keeps the VLAN, in one completed session.
    await mocks.ask({ cmd: 'advance', seconds: TIMER + 1 })
    const devices = await report({ grep: 'vlan 3100' })
    expect(devices.filter((d) => !d.has).map((d) => d.hostname)).toEqual([])
    for (const d of devices) expect(d.sessions.filter((s) => parseInt(s.name.split('-')[1] as string, 36) >= since).map((s) => s.state)).toEqual(['completed'])
    const again = await runCli(['plan', folder, '--detailed-exitcode', '-i', inv, ...limit, ...queueArgs])
    expect(again.code, again.stderr).toBe(0)
  }, 90_000)

  it('apply --confirm-within --queue with one host failing its post-check: every device as before, exit 3', async () => {
    const folder = await desired('d3101', 3101)
    const before = (await report({ config: true })).map((d) => d.config)
    const victim = hostNames[3] as string
    // The post-check reads the device's facts (show hostname); the apply never sends it.
    expect(await mocks.ask({ cmd: 'reject', host: victim, pattern: '^show hostname$', message: '% Internal error' })).toEqual({ ok: true })
    try {
      const run = await runCli(['--json', 'apply', folder, '--confirm-within', String(TIMER), '-i', inv, '--limit', '!dead', ...queueArgs])
      expect(run.code, run.stderr).toBe(3)
      const result = json(run) as { outcome: string; reason: string; hosts: Array<{ host: string; final: string; checks: Array<{ name: string; passed: boolean }> }> }
      expect(result.outcome).toBe('rolled-back')
      expect(result.reason).toContain(victim)
      expect(result.hosts.map((h) => h.final)).toEqual(hostNames.map(() => 'rolled-back'))
      expect(result.hosts.find((h) => h.host === victim)?.checks.map((c) => c.passed)).toEqual([false])
    } finally {
      await mocks.ask({ cmd: 'unreject' })
    }
    expect((await report({ config: true })).map((d) => d.config)).toEqual(before)
  }, 90_000)

  it('the coordinator SIGKILLed after the apply phase: every device rolls back when its timer fires', async () => {
    const before = (await report({ config: true })).map((d) => d.config)
    const since = Date.now()
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/queue-coordinator-child.ts', inv, redis.url, '3102', String(TIMER), '!dead'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the coordinator did not finish its apply phase: ${stderr}`)), 60_000)
      createInterface({ input: child.stdout as NonNullable<typeof child.stdout> }).once('line', (l) => (clearTimeout(timer), resolve(l)))
      child.once('exit', () => (clearTimeout(timer), reject(new Error(`the coordinator exited: ${stderr}`))))
    })
    expect(line).toBe('applied')
    child.kill('SIGKILL')
    await exited

    // Applied with a timer everywhere, and nobody left to confirm.
    const held = await report({ grep: 'vlan 3102' })
    expect(held.filter((d) => !d.has).map((d) => d.hostname)).toEqual([])
    const pending = (d: MockDeviceReport) => d.sessions.filter((s) => s.state === 'pendingCommitTimer' && parseInt(s.name.split('-')[1] as string, 36) >= since)
    expect(held.map((d) => pending(d).length)).toEqual(hostNames.map(() => 1))

    await mocks.ask({ cmd: 'advance', seconds: TIMER + 1 })
    const after = await report({ grep: 'vlan 3102', config: true })
    expect(after.filter((d) => d.has).map((d) => d.hostname)).toEqual([])
    expect(after.filter((d) => pending(d).length > 0).map((d) => d.hostname)).toEqual([])
    expect(after.map((d) => d.config)).toEqual(before)
  }, 90_000)

  it('fleet.commitConfirm({ changeOf }, { queue }) from this process: applied, checked to read back and confirmed on every host; functions are refused', async () => {
    const lab = fleet(await loadInventory(inv)).select('!dead')
    const queue = { connection: { url: redis.url }, pollMs: 500 }
    const phases: string[] = []
    const result = await lab.commitConfirm(
      { changeOf: (host) => [{ op: 'vlans.create', args: [{ id: 3103, name: `q-${host.name}` }] }] },
      { confirmWithinSeconds: TIMER, queue, checks: [postChecks.deviceAnswers()], onEvent: (e) => void (e.type === 'phase' && phases.push(e.phase)) },
    )
    expect(result.outcome, `${result.reason} ${JSON.stringify(result.hosts[0]?.checks)}`).toBe('confirmed')
    expect(phases).toEqual(['apply', 'check', 'confirm'])
    expect(result.hosts.map((h) => [h.host, h.final, h.checks.map((c) => c.name)])).toEqual(hostNames.map((h) => [h, 'confirmed', ['device answers', 'state reads back']]))
    await mocks.ask({ cmd: 'advance', seconds: TIMER + 1 })
    expect((await report({ grep: 'vlan 3103' })).filter((d) => !d.has).map((d) => d.hostname)).toEqual([])

    expect(() => lab.configure((tx) => void tx.vlans.create({ id: 3104 }), { confirmWithinSeconds: TIMER, queue })).toThrow(/cannot travel through a queue/)
    await expect(lab.commitConfirm({ changeOf: () => [{ op: 'vlans.create', args: [{ id: 3104 }] }] }, { confirmWithinSeconds: TIMER, queue, checks: [async () => true] })).rejects.toThrow(/post-checks over a queue/)
    await expect(lab.commitConfirm(async (sw) => sw.configure((tx) => tx.vlans.create({ id: 3104 })), { confirmWithinSeconds: TIMER, queue })).rejects.toThrow(/a function cannot travel/)
  }, 60_000)
})
