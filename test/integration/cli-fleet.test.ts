import { existsSync, statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MockSwitch } from 'switchyard/mocks'
import { LAB_PASSWORD, startFleetLab, type FleetLab } from '../support/fleet-lab.js'
import { runCli } from '../support/run-cli.js'

let lab: FleetLab
let tap: MockSwitch
let dir: string
let inv: string
const env = { SY_LAB_PASSWORD: LAB_PASSWORD }

beforeAll(async () => {
  tap = new MockSwitch({ hostname: 'tap1', platform: 'mos', username: 'admin', password: LAB_PASSWORD, sharedCertificate: true })
  const tapEndpoints = await tap.listen()
  lab = await startFleetLab(3, `  tap1: { address: 127.0.0.1, port: ${tapEndpoints.eapiHttp.port}, platform: mos, data: { role: tap } }\n`)
  lab.device('sw1').cli(['configure', 'vlan 10', 'name users', 'end'])
  dir = await mkdtemp(join(tmpdir(), 'sy-cli-'))
  inv = join(dir, 'inventory.yaml')
  await writeFile(inv, lab.yaml)
}, 60_000)
afterAll(async () => {
  await lab.close()
  await tap.close()
  await rm(dir, { recursive: true, force: true })
})

const json = async (args: string[], code = 0) => {
  const run = await runCli(['--json', ...args, '-i', inv], env)
  expect(run.code, run.stderr).toBe(code)
  return JSON.parse(run.stdout) as Array<{ host: string; status: string; value?: any; error?: { code: string; message: string } }>
}

describe('switchyard CLI against mock devices', () => {
  it('facts: a table on stdout, --json results per host, exit 0', async () => {
    const table = await runCli(['facts', '-i', inv], env)
    expect(table.code).toBe(0)
    expect(table.stdout.split('\n')[0]).toMatch(/^host\s+hostname\s+model\s+osVersion\s+serialNumber\s+platform$/)
    expect(table.stdout).toMatch(/^tap1\s+tap1\s+.*mos$/m)
    expect(table.stderr).toBe('')
    const results = await json(['facts'])
    expect(results.map((r) => [r.host, r.status, r.value?.hostname, r.value?.platform])).toEqual([
      ['sw1', 'ok', 'sw1', 'eos'],
      ['sw2', 'ok', 'sw2', 'eos'],
      ['sw3', 'ok', 'sw3', 'eos'],
      ['tap1', 'ok', 'tap1', 'mos'],
    ])
  })

  it('vlans, interfaces, lags, counters (bigints as strings), drops, relay on EOS hosts', async () => {
    const [vlans] = await json(['vlans', '-l', 'sw1'])
    expect(vlans?.value).toContainEqual(expect.objectContaining({ id: 10, name: 'users' }))
    const [ifs] = await json(['interfaces', '-l', 'sw1'])
    expect(ifs?.value).toContainEqual(expect.objectContaining({ name: 'Ethernet1', mode: 'access' }))
    expect((await json(['lags', '-l', 'sw1']))[0]).toMatchObject({ status: 'ok', value: [] })
    const [counters] = await json(['counters', '-l', 'sw1'])
    expect(counters?.value[0]).toMatchObject({ interface: 'Ethernet1', inOctets: expect.stringMatching(/^\d+$/) })
    const [drops] = await json(['drops', '-l', 'sw2'])
    expect(drops?.value.interfaces[0]).toMatchObject({ interface: 'Ethernet1', inDiscards: expect.stringMatching(/^\d+$/) })
    expect((await json(['relay', '-l', 'sw3']))[0]).toMatchObject({ status: 'ok', value: { interfaces: [] } })
  })

  it('l1, taps and metawatch on a 7130; on EOS hosts they fail with SY_UNSUPPORTED and exit 3 (1 for one host)', async () => {
    expect((await json(['l1', '-l', 'tap1']))[0]?.value).toContainEqual(expect.objectContaining({ name: 'ap1' }))
    expect((await json(['taps', '-l', 'platform=mos']))[0]).toMatchObject({ host: 'tap1', status: 'ok' })
    expect((await json(['metawatch', '-l', 'role=tap']))[0]?.value).toHaveProperty('cores')
    const mixed = await json(['taps', '-l', 'tap1,sw1'], 3)
    expect(mixed.map((r) => [r.host, r.status, r.error?.code])).toEqual([
      ['sw1', 'failed', 'SY_UNSUPPORTED'],
      ['tap1', 'ok', undefined],
    ])
    const one = await runCli(['taps', '-l', 'sw2', '-i', inv], env)
    expect(one.code).toBe(1)
    expect(one.stderr).toContain('sw2: failed SY_UNSUPPORTED')
  })

  it('cli runs show commands and refuses anything else before sending', async () => {
    const [r] = await json(['cli', 'show version', 'show hostname', '-l', 'sw2'])
    expect(r?.value).toHaveLength(2)
    expect(r?.value[1]).toMatchObject({ hostname: 'sw2' })
    const text = await runCli(['cli', 'show hostname', '--text', '-l', 'sw3', '-i', inv], env)
    expect(text.stdout).toContain('== sw3: show hostname\nHostname: sw3')
    const refused = await runCli(['cli', 'configure terminal', '-l', 'sw3', '-i', inv], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('SY_VALIDATION')
  })

  it('config backs up one file per host; --ndjson gives one record per line', async () => {
    const out = join(dir, 'backup')
    const run = await runCli(['--ndjson', 'config', '-o', out, '-l', 'odd', '-i', inv], env)
    expect(run.code, run.stderr).toBe(0)
    const records = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { host: string; file: string })
    expect(records.map((r) => r.host)).toEqual(['sw1', 'sw3'])
    expect(await readFile(join(out, 'sw3.cfg'), 'utf8')).toContain('hostname sw3')
    expect(statSync(join(out, 'sw3.cfg')).mode & 0o777).toBe(0o600)
    expect(existsSync(join(out, 'sw2.cfg'))).toBe(false)
  })

  it('a missing secret: exit 1, the host and the variable named, nothing connected', async () => {
    const before = lab.lab.endpoints.map((e) => e.eapiHttp.connectionsAccepted)
    const run = await runCli(['facts', '-i', inv], {})
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('host sw1: password refers to environment variable SY_LAB_PASSWORD, which is not set')
    expect(lab.lab.endpoints.map((e) => e.eapiHttp.connectionsAccepted)).toEqual(before)
  })

  it('an invalid inventory or --limit: exit 1 with file:line:column', async () => {
    const bad = join(dir, 'bad.yaml')
    await writeFile(bad, 'hosts:\n  sw1:\n    port: http\n')
    const run = await runCli(['facts', '-i', bad], env)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`${bad}:3:11: hosts.sw1.port:`)
    const limit = await runCli(['facts', '-i', inv, '-l', 'nosuch'], env)
    expect(limit.code).toBe(1)
    expect(limit.stderr).toContain("'nosuch' matches no host")
  })

  it('reads a pyeapi eapi.conf', async () => {
    const conf = join(dir, 'eapi.conf')
    await writeFile(conf, `[connection:sw2]\nhost: 127.0.0.1\ntransport: http\nport: ${lab.lab.endpoints[1]?.eapiHttp.port}\nusername: admin\npassword: ${LAB_PASSWORD}\n`)
    const run = await runCli(['--json', 'facts', '--eapi-conf', conf], {})
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ host: 'sw2', status: 'ok', value: { hostname: 'sw2' } })
  })

  it('an unreachable host: exit 3 with the others fine, and no progress bar when stderr is piped', async () => {
    const withDead = join(dir, 'dead.yaml')
    await writeFile(withDead, `${lab.yaml}  dead: { address: 127.0.0.1, port: 1 }\n`)
    const run = await runCli(['facts', '-i', withDead, '--timeout', '5000'], env)
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/^dead: failed SY_CONNECTION /m)
    expect(run.stderr).not.toMatch(/hosts \|/)
    expect(run.stderr).not.toContain('\u001b[')
  })
})
