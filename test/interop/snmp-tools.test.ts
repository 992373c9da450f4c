import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { connect } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { describeInterop } from '../support/interop-tools.js'

const run = promisify(execFile)

const OPTIONS = ['-On', '-Oq', '-Oe', '-t', '2', '-r', '1']
const ENV = { ...process.env, MIBS: '' }

/** Runs a Debian net-snmp tool against the mock with numeric OIDs and plain values; returns `oid value` lines. */
async function tool(name: string, args: string[]): Promise<string[]> {
  const { stdout } = await run(name, [...OPTIONS, ...args], { timeout: 20_000, env: ENV })
  return stdout.trim().split('\n')
}

/** Runs a tool that is expected to fail; resolves with its exit code and stderr (it must have run and exited). */
async function failingTool(name: string, args: string[]): Promise<{ exitCode: unknown; stderr: string }> {
  const outcome = await run(name, [...OPTIONS, ...args], { timeout: 20_000, env: ENV }).then(
    () => ({ exitCode: 0, stderr: '' }),
    (e: { code?: unknown; stderr?: string }) => ({ exitCode: e.code, stderr: e.stderr ?? '' }),
  )
  return outcome
}

describeInterop("interop: Debian's net-snmp tools against the mock agent", ['snmp'], () => {
  let mock: MockSwitch
  let ep: MockEndpoints
  let target: string
  beforeAll(async () => {
    mock = new MockSwitch({ hostname: 'snmp-interop', ports: 6 })
    mock.cli(['configure', 'vlan 30', 'name voice', 'interface Ethernet2', 'description uplink', 'interface Ethernet3', 'shutdown', 'end'])
    mock.setTraffic('Ethernet1', { inMbps: 1000, outMbps: 10, packetBytes: 500 })
    mock.advanceTime(60)
    ep = await mock.listen()
    target = `127.0.0.1:${ep.snmp.port}`
  })
  afterAll(() => mock?.close())

  it('snmpbulkwalk shows ifName, ifAlias, ifAdminStatus and the 64-bit octet counters', async () => {
    const names = await tool('snmpbulkwalk', ['-v2c', '-c', 'public', target, '1.3.6.1.2.1.31.1.1.1.1'])
    expect(names).toEqual([
      '.1.3.6.1.2.1.31.1.1.1.1.1 "Ethernet1"',
      '.1.3.6.1.2.1.31.1.1.1.1.2 "Ethernet2"',
      '.1.3.6.1.2.1.31.1.1.1.1.3 "Ethernet3"',
      '.1.3.6.1.2.1.31.1.1.1.1.4 "Ethernet4"',
      '.1.3.6.1.2.1.31.1.1.1.1.5 "Ethernet5"',
      '.1.3.6.1.2.1.31.1.1.1.1.6 "Ethernet6"',
      '.1.3.6.1.2.1.31.1.1.1.1.999001 "Management1"',
    ])
    expect(await tool('snmpbulkwalk', ['-v2c', '-c', 'public', target, '1.3.6.1.2.1.31.1.1.1.18'])).toContain('.1.3.6.1.2.1.31.1.1.1.18.2 "uplink"')
    expect(await tool('snmpbulkwalk', ['-v2c', '-c', 'public', target, '1.3.6.1.2.1.2.2.1.7'])).toContain('.1.3.6.1.2.1.2.2.1.7.3 2')
    expect((await tool('snmpbulkwalk', ['-v2c', '-c', 'public', target, '1.3.6.1.2.1.31.1.1.1.6']))[0]).toBe('.1.3.6.1.2.1.31.1.1.1.6.1 7500000000')
    expect(await tool('snmpbulkwalk', ['-v2c', '-c', 'public', target, '1.3.6.1.2.1.17.7.1.4.3.1.1'])).toEqual([
      '.1.3.6.1.2.1.17.7.1.4.3.1.1.1 "default"',
      '.1.3.6.1.2.1.17.7.1.4.3.1.1.30 "voice"',
    ])
  })

  it('snmpget over v2c and SNMPv3 authPriv (SHA/AES)', async () => {
    expect(await tool('snmpget', ['-v2c', '-c', 'public', target, '1.3.6.1.2.1.1.5.0'])).toEqual(['.1.3.6.1.2.1.1.5.0 "snmp-interop"'])
    const v3 = ep.snmp.credentials.v3User
    expect(await tool('snmpget', ['-v3', '-l', 'authPriv', '-u', v3.name, '-a', 'SHA', '-A', v3.authKey, '-x', 'AES', '-X', v3.privKey, target, '1.3.6.1.2.1.1.5.0'])).toEqual([
      '.1.3.6.1.2.1.1.5.0 "snmp-interop"',
    ])
  })

  it('snmpset of dot1qPvid changes the access VLAN that switchyard then reads over eAPI', async () => {
    const out = await tool('snmpset', ['-v2c', '-c', 'private', target, '1.3.6.1.2.1.17.7.1.4.5.1.1.4', 'u', '30'])
    expect(out).toEqual(['.1.3.6.1.2.1.17.7.1.4.5.1.1.4 30'])
    const sw = await connect(ep.eapi.connectOptions)
    try {
      expect((await sw.interfaces.list()).find((i) => i.name === 'Ethernet4')).toMatchObject({ mode: 'access', accessVlan: 30 })
      expect((await sw.vlans.get(30))?.interfaces).toEqual(['Ethernet4'])
    } finally {
      await sw.close()
    }
  })

  it('snmpset with the read-only community is refused (noAccess) and changes nothing', async () => {
    const before = mock.runningConfig()
    const { exitCode, stderr } = await failingTool('snmpset', ['-v2c', '-c', 'public', target, '1.3.6.1.2.1.31.1.1.1.18.1', 's', 'nope'])
    expect(exitCode, `snmpset must run and exit with an error status (stderr: ${stderr})`).toSatisfy((c) => typeof c === 'number' && c > 0)
    expect(stderr).toMatch(/noAccess/)
    expect(mock.runningConfig()).toBe(before)
  })
})
