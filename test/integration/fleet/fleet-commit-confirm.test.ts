import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OutcomeUnknownError } from 'switchyard'
import { fleet, postChecks, type FleetEvent } from 'switchyard/fleet'
import { startFleetLab, type FleetLab } from '../../support/fleet-lab.js'

let lab: FleetLab
beforeAll(async () => {
  lab = await startFleetLab(50)
}, 60_000)
afterAll(() => lab.close())

const TIMER = 120
const configs = () => lab.lab.devices.map((d) => d.runningConfig())
const timedSessions = () => lab.lab.devices.flatMap((d) => d.sessions.list().filter((s) => s.state === 'pendingCommitTimer').map((s) => `${d.identity.hostname}:${s.name}`))
const settle = () => {
  for (const d of lab.lab.devices) d.advanceTime(TIMER + 1)
}
const addVlan = (id: number) => (tx: import('switchyard').Transaction) => tx.vlans.create({ id, name: `fleet-${id}` })

describe('fleet-wide commit-confirm', () => {
  it('confirms everywhere when every host applied and passed its checks', async () => {
    const hosts = fleet(lab.inventory, { secrets: { env: lab.env } }).select('rack=r1')
    const events: Array<FleetEvent<unknown>> = []
    const describe2 = (tx: import('switchyard').Transaction) => tx.interfaces.configure('Ethernet2', { description: 'uplink-2001' })
    const result = await hosts.configure(describe2, { confirmWithinSeconds: TIMER, checks: [postChecks.deviceAnswers()], onEvent: (e) => events.push(e) })
    expect(result.outcome, result.reason).toBe('confirmed')
    expect(result.hosts.map((h) => [h.host, h.status, h.final])).toEqual(hosts.hosts.map((h) => [h.name, 'changed', 'confirmed']))
    expect(result.hosts[0]?.checks).toEqual([
      { name: 'state reads back', passed: true },
      { name: 'device answers', passed: true },
    ])
    expect(events.filter((e) => e.type === 'phase').map((e) => e.type === 'phase' && e.phase)).toEqual(['apply', 'check', 'confirm'])
    expect(timedSessions()).toEqual([])
    settle()
    for (const h of hosts.hosts) expect(lab.device(h.name).runningConfig()).toContain('interface Ethernet2\n   description uplink-2001\n')
    const again = await hosts.configure(describe2, { confirmWithinSeconds: TIMER })
    expect(again.outcome).toBe('confirmed')
    expect(again.hosts.every((h) => h.status === 'ok' && h.final === 'unchanged')).toBe(true)
  })

  it('1 host of 50 failing its post-check leaves all 50 as before', async () => {
    const before = configs()
    const result = await fleet(lab.inventory, { secrets: { env: lab.env } }).configure(addVlan(2002), {
      confirmWithinSeconds: TIMER,
      concurrency: 25,
      checks: [
        async function uplinkStillUp(_sw, host) {
          return host.name !== 'sw37'
        },
      ],
    })
    expect(result.outcome).toBe('rolled-back')
    expect(result.reason).toContain('sw37 (uplinkStillUp)')
    expect(result.hosts).toHaveLength(50)
    expect(result.hosts.every((h) => h.final === 'rolled-back' && h.status === 'failed')).toBe(true)
    expect(result.hosts.find((h) => h.host === 'sw37')?.checks).toContainEqual(expect.objectContaining({ name: 'uplinkStillUp', passed: false }))
    expect(timedSessions()).toEqual([])
    expect(configs()).toEqual(before)
    settle()
    expect(configs()).toEqual(before)
  })

  it('a host that fails to apply stops the rollout and rolls back the hosts already applied', async () => {
    const before = configs()
    const undo = lab.device('sw5').rejectCommand(/^vlan 2003$/, '% VLAN table full')
    try {
      const result = await fleet(lab.inventory, { secrets: { env: lab.env } })
        .select('rack=r1')
        .configure(addVlan(2003), { confirmWithinSeconds: TIMER, concurrency: 1 })
      expect(result.outcome).toBe('rolled-back')
      expect(result.hosts.map((h) => h.final)).toEqual(['rolled-back', 'rolled-back', 'rolled-back', 'rolled-back', 'not-applied', ...Array(5).fill('skipped')])
      expect(result.hosts[4]?.error?.code).toMatch(/SY_COMMAND_REJECTED|SY_COMMIT_FAILED/)
    } finally {
      undo()
    }
    expect(configs()).toEqual(before)
  })

  it('a host whose outcome is unknown blocks the confirm, is reported, and its timer rolls it back', async () => {
    const before = configs()
    const result = await fleet(lab.inventory, { secrets: { env: lab.env } })
      .select('rack=r2')
      .commitConfirm(
        async (sw, host, ctx) => {
          const applied = await sw.configure(addVlan(2004), { confirmWithinSeconds: ctx.confirmWithinSeconds })
          if (host.name === 'sw13') {
            throw new OutcomeUnknownError('the answer to the commit was lost', { sessionName: applied.pending?.sessionName ?? '?', commands: applied.commands, check: 'look at the session on the device' })
          }
          return applied
        },
        { confirmWithinSeconds: TIMER, concurrency: 10 },
      )
    expect(result.outcome).toBe('rolled-back')
    const sw13 = result.hosts.find((h) => h.host === 'sw13')
    expect(sw13).toMatchObject({ status: 'unknown', final: 'unknown', error: { code: 'SY_OUTCOME_UNKNOWN' } })
    expect(sw13?.error?.message).toContain(`its commit timer rolls it back within ${TIMER} s`)
    expect(result.hosts.filter((h) => h.host !== 'sw13').every((h) => h.final === 'rolled-back')).toBe(true)
    expect(result.reason).toContain('sw13: unknown')
    expect(lab.device('sw13').cli('show vlan 2004')).toContain('fleet-2004')
    settle()
    expect(configs()).toEqual(before)
  })

  it('the runner killed after applying to half the fleet leaves every device rolled back when its timer fires', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sy-kill-'))
    try {
      const file = join(dir, 'inventory.yaml')
      await writeFile(file, lab.yaml)
      const before = configs()
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/commit-confirm-child.ts', file, '25'], {
        env: { ...process.env, ...lab.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      const applied: string[] = []
      for await (const line of createInterface({ input: child.stdout })) {
        if (line.startsWith('applied ')) applied.push(line.slice(8))
        if (line === 'half') break
      }
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
      expect(applied).toHaveLength(25)
      const changed = lab.lab.devices.filter((d, i) => d.runningConfig() !== before[i]).map((d) => d.identity.hostname)
      expect(changed).toEqual(applied)
      expect(timedSessions()).toHaveLength(25)
      for (const d of lab.lab.devices) d.advanceTime(59)
      expect(lab.lab.devices.filter((d, i) => d.runningConfig() !== before[i])).toHaveLength(25)
      for (const d of lab.lab.devices) d.advanceTime(2)
      expect(configs()).toEqual(before)
      expect(timedSessions()).toEqual([])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
