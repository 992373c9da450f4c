/**
 * Desired state at scale: a document with 4094 VLANs and 48 configured ports against a mock (in its own process,
 * counting the eAPI requests it answers): client CPU per plan of the matching device, and the round trips of a plan,
 * a first apply and an idempotent re-apply. Then the same VLANs with Ansible's arista.eos `eos_vlans` (Debian's
 * ansible, httpapi over HTTPS to the same mock): round trips and wall time of one merged run and one idempotent
 * re-run, side by side with switchyard doing the same. Ansible's `eos_vlans` reads `show running-config | section vlan`,
 * which the mock answers since the fidelity branch.
 *
 * Run: npx tsx bench/desired-state-plan.ts   (SWITCHYARD_BENCH_SKIP_ANSIBLE=1 to leave Ansible out)
 */
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { connect, type DesiredStateInput } from '../src/index.js'
import { report, timeMs } from './bench-util.js'

const PLANS = 30
const run = promisify(execFile)

interface CountingMock {
  port: number
  certificatePem: string
  ask(line: 'count' | 'reset'): Promise<{ requests?: number }>
  stop(): Promise<void>
}

async function spawnCountingMock(): Promise<CountingMock> {
  const here = fileURLToPath(new URL('.', import.meta.url))
  const script = join(here, import.meta.url.endsWith('.ts') ? 'desired-state-mock-process.ts' : 'desired-state-mock-process.js')
  const args = import.meta.url.endsWith('.ts') ? ['--import', 'tsx', script, '-'] : [script, '-']
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async () => JSON.parse(((await lines.next()).value as string) ?? '{}') as Record<string, unknown>
  const first = await next()
  return {
    port: first.port as number,
    certificatePem: first.certificatePem as string,
    ask: async (line) => {
      child.stdin.write(`${line}\n`)
      return (await next()) as { requests?: number }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.stdin.end()
      }),
  }
}

function vlanIds(): number[] {
  return Array.from({ length: 4093 }, (_, i) => i + 2)
}

/** 4094 VLANs (VLAN 1 and 2-4094, every tenth named) and all 48 ports configured. */
function bigDocument(): DesiredStateInput {
  return {
    vlans: { state: 'overridden', config: vlanIds().map((id) => (id % 10 === 0 ? { id, name: `v${id}` } : { id })) },
    interfaces: {
      state: 'replaced',
      config: Array.from({ length: 48 }, (_, i) =>
        i < 44 ? { name: `Ethernet${i + 1}`, description: `host ${i + 1}`, mode: 'access' as const, accessVlan: 100 + i } : { name: `Ethernet${i + 1}`, description: 'uplink', mode: 'trunk' as const, allowedVlans: '1-4094' },
      ),
    },
  }
}

async function requestsOf(mock: CountingMock, task: () => Promise<unknown>): Promise<{ requests: number; ms: number }> {
  await mock.ask('count')
  const before = (await mock.ask('count')).requests ?? 0
  const ms = await timeMs(task)
  return { requests: ((await mock.ask('count')).requests ?? 0) - before, ms }
}

async function ansibleRun(dir: string): Promise<number> {
  const start = performance.now()
  await run('ansible-playbook', ['-i', join(dir, 'inventory.yml'), join(dir, 'vlans.yml')], {
    cwd: dir,
    timeout: 900_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ANSIBLE_HOST_KEY_CHECKING: 'False', ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3' },
  })
  return performance.now() - start
}

export async function benchDesiredStatePlan(): Promise<void> {
  const mock = await spawnCountingMock()
  try {
    const sw = await connect({ host: '127.0.0.1', port: mock.port, driver: 'eapi', username: 'admin', password: 'bench-pw', tls: { ca: mock.certificatePem } })
    try {
      const doc = bigDocument()
      const first = await requestsOf(mock, () => sw.apply(doc))
      const planOnce = await requestsOf(mock, () => sw.plan(doc))
      for (let i = 0; i < 5; i++) await sw.plan(doc)
      const cpu = process.cpuUsage()
      const wall = await timeMs(async () => {
        for (let i = 0; i < PLANS; i++) {
          const plan = await sw.plan(doc)
          if (plan.changed) throw new Error('the device should match the document')
        }
      })
      const used = process.cpuUsage(cpu)
      const again = await requestsOf(mock, () => sw.apply(doc))
      const dry = await requestsOf(mock, () => sw.plan({ ...doc, vlans: { state: 'merged', config: [{ id: 4094, name: 'changed' }] } }, { deviceDiff: true }))
      const change = await requestsOf(mock, () => sw.apply({ vlans: { state: 'merged', config: [{ id: 4094, name: 'changed' }] } }))
      report('desired state plan, 4094 VLANs + 48 ports, device matching (eAPI/HTTPS)', {
        clientCpuPerPlanMs: (used.user + used.system) / 1000 / PLANS,
        wallPerPlanMs: wall / PLANS,
        planRequests: planOnce.requests,
        firstApplyRequests: first.requests,
        firstApplyMs: first.ms,
        reapplyRequests: again.requests,
        planWithDeviceDiffRequests: dry.requests,
        oneChangeApplyRequests: change.requests,
      })
    } finally {
      await sw.close()
    }

    if (process.env.SWITCHYARD_BENCH_SKIP_ANSIBLE === '1') return
    await mock.ask('reset')
    const vlansDoc: DesiredStateInput = { vlans: { state: 'merged', config: vlanIds().map((id) => ({ id, name: `v${id}` })) } }
    const sw2 = await connect({ host: '127.0.0.1', port: mock.port, driver: 'eapi', username: 'admin', password: 'bench-pw', tls: { ca: mock.certificatePem } })
    let ours: { merged: { requests: number; ms: number }; rerun: { requests: number; ms: number } }
    try {
      ours = { merged: await requestsOf(mock, () => sw2.apply(vlansDoc)), rerun: await requestsOf(mock, () => sw2.apply(vlansDoc)) }
    } finally {
      await sw2.close()
    }
    await mock.ask('reset')
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-ansible-'))
    try {
      await writeFile(
        join(dir, 'inventory.yml'),
        [
          'all:',
          '  hosts:',
          '    mock:',
          '      ansible_host: 127.0.0.1',
          `      ansible_httpapi_port: ${mock.port}`,
          '      ansible_connection: ansible.netcommon.httpapi',
          '      ansible_network_os: arista.eos.eos',
          '      ansible_httpapi_use_ssl: true',
          '      ansible_httpapi_validate_certs: false',
          '      ansible_user: admin',
          '      ansible_password: bench-pw',
          '      ansible_become: true',
          '      ansible_become_method: enable',
          '',
        ].join('\n'),
      )
      await writeFile(
        join(dir, 'vlans.yml'),
        ['- hosts: all', '  gather_facts: false', '  tasks:', '    - arista.eos.eos_vlans:', '        state: merged', '        config:', ...vlanIds().map((id) => `          - { vlan_id: ${id}, name: v${id} }`), ''].join('\n'),
      )
      let merged: { requests: number; ms: number } | undefined
      let rerun: { requests: number; ms: number } | undefined
      try {
        merged = await requestsOf(mock, () => ansibleRun(dir))
        rerun = await requestsOf(mock, () => ansibleRun(dir))
      } catch (error) {
        const e = error as Error & { stdout?: string }
        console.log(`ansible-playbook failed (install: apt-get install ansible; ansible-galaxy collection install arista.eos): ${e.message.split('\n')[0]} ${(e.stdout ?? '').split('\n').filter((l) => /fatal|FAILED/.test(l)).join(' ').slice(0, 500)}`)
      }
      report('4093 VLANs merged, then an idempotent re-run: switchyard apply vs ansible eos_vlans (httpapi, same mock)', {
        switchyardMergedRequests: ours.merged.requests,
        switchyardMergedMs: ours.merged.ms,
        switchyardRerunRequests: ours.rerun.requests,
        switchyardRerunMs: ours.rerun.ms,
        ansibleMergedRequests: merged?.requests ?? 'n/a',
        ansibleMergedMs: merged?.ms ?? 'n/a',
        ansibleRerunRequests: rerun?.requests ?? 'n/a',
        ansibleRerunMs: rerun?.ms ?? 'n/a',
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  } finally {
    await mock.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDesiredStatePlan()
