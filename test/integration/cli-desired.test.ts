import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAB_PASSWORD, startFleetLab, type FleetLab } from '../support/fleet-lab.js'
import { runCli } from '../support/run-cli.js'

let lab: FleetLab
let dir: string
let inv: string
const env = { SY_LAB_PASSWORD: LAB_PASSWORD }
beforeAll(async () => {
  lab = await startFleetLab(4)
  dir = await mkdtemp(join(tmpdir(), 'sy-desired-'))
  inv = join(dir, 'inventory.yaml')
  await writeFile(inv, lab.yaml)
}, 60_000)
afterAll(async () => {
  await lab.close()
  await rm(dir, { recursive: true, force: true })
})

describe('gather, plan --detailed-exitcode, apply --confirm-within', () => {
  it('gathers files, finds drift after an edit (exit 2), applies it fleet-wide, then finds none (exit 0)', async () => {
    const desired = join(dir, 'desired')
    const gathered = await runCli(['--json', 'gather', '-o', desired, '--sections', 'vlans', '-i', inv], env)
    expect(gathered.code, gathered.stderr).toBe(0)
    expect(JSON.parse(gathered.stdout).map((r: { host: string }) => r.host)).toEqual(['sw1', 'sw2', 'sw3', 'sw4'])
    const clean = await runCli(['plan', desired, '--detailed-exitcode', '-i', inv], env)
    expect(clean.code, clean.stderr).toBe(0)

    const sw2 = join(desired, 'sw2.yaml')
    await writeFile(sw2, (await readFile(sw2, 'utf8')).replace('config: []', 'config:\n    - { id: 20, name: pxe }'))
    await mkdir(join(desired, 'groups'))
    await writeFile(join(desired, 'groups', 'even.yaml'), 'vlans:\n  state: merged\n  config: [{ id: 30, name: storage }]\n')
    const drift = await runCli(['--json', 'plan', desired, '--detailed-exitcode', '-i', inv], env)
    expect(drift.code, drift.stderr).toBe(2)
    const plans = JSON.parse(drift.stdout) as Array<{ host: string; drift: { changed: boolean; lines: string[] } }>
    expect(plans.map((p) => [p.host, p.drift.changed])).toEqual([
      ['sw1', false],
      ['sw2', true],
      ['sw3', false],
      ['sw4', true],
    ])
    expect(plans[1]?.drift.lines).toEqual(expect.arrayContaining(['vlan 20', 'name pxe', 'vlan 30', 'name storage']))
    expect((await runCli(['plan', desired, '-i', inv], env)).code).toBe(0)

    const applied = await runCli(['--json', 'apply', desired, '--confirm-within', '120', '--confirm-concurrency', '1', '-i', inv], env)
    expect(applied.code, applied.stderr).toBe(0)
    const result = JSON.parse(applied.stdout) as { outcome: string; hosts: Array<{ host: string; final: string }> }
    expect(result.outcome).toBe('confirmed')
    expect(result.hosts.map((h) => h.final)).toEqual(['unchanged', 'confirmed', 'unchanged', 'confirmed'])
    for (const d of lab.lab.devices) d.advanceTime(121)
    expect(lab.device('sw2').cli('show vlan 20')).toContain('pxe')
    expect(lab.device('sw4').cli('show vlan 30')).toContain('storage')
    expect((await runCli(['plan', desired, '--detailed-exitcode', '-i', inv], env)).code).toBe(0)
    for (const args of [['plan', join(dir, 'desried'), '--detailed-exitcode'], ['apply', join(dir, 'desried'), '--confirm-within', '120']]) {
      const typo = await runCli([...args, '-i', inv], env)
      expect(typo.code, typo.stdout).toBe(1)
      expect(typo.stderr).toContain(`the desired-state folder ${join(dir, 'desried')} does not exist`)
    }
    const refused = await runCli(['apply', desired, '--confirm-within', '120', '--confirm-concurrency', '0', '-i', inv], env)
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toContain('--confirm-concurrency')
  }, 120_000)

  it('rolls back everywhere when one host cannot apply, and exits 3', async () => {
    const desired = join(dir, 'desired2')
    await mkdir(join(desired, 'groups'), { recursive: true })
    await writeFile(join(desired, 'groups', 'odd.yaml'), 'vlans:\n  config: [{ id: 40, name: backup }]\n')
    const before = lab.lab.devices.map((d) => d.runningConfig())
    const undo = lab.device('sw3').rejectCommand(/^vlan 40$/, '% VLAN table full')
    try {
      const run = await runCli(['--json', 'apply', desired, '--confirm-within', '120', '-i', inv, '--concurrency', '1'], env)
      expect(run.code).toBe(3)
      const result = JSON.parse(run.stdout) as { outcome: string; hosts: Array<{ host: string; final: string }> }
      expect(result.outcome).toBe('rolled-back')
      expect(result.hosts.map((h) => [h.host, h.final])).toEqual([
        ['sw1', 'rolled-back'],
        ['sw3', 'not-applied'],
      ])
      expect(run.stderr).toContain('no desired-state file')
    } finally {
      undo()
    }
    expect(lab.lab.devices.map((d) => d.runningConfig())).toEqual(before)
  }, 60_000)
})
