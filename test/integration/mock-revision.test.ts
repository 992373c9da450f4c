import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Device } from 'switchyard'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { basicAuth, rawPost } from '../support/raw-http.js'
import { openRawShell } from '../support/raw-shell.js'

let mock: MockSwitch
let ep: MockEndpoints

beforeAll(async () => {
  mock = new MockSwitch({ hostname: 'rev1', ports: 8, username: 'admin', password: 'rev-pw' })
  ep = await mock.listen()
})
afterAll(() => mock.close())

async function readEverything(sw: Device): Promise<void> {
  await sw.facts()
  await sw.vlans.list()
  await sw.interfaces.list()
  await sw.counters.interfaces()
  if (sw.capabilities.lags.read) await sw.lags.list()
  if (sw.capabilities.dhcpRelay.read) await sw.dhcpRelay.get()
}

async function eapiCommands(cmds: unknown[]): Promise<unknown> {
  const answer = await rawPost(ep.eapiHttp.port, '/command-api', JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', id: 1, params: { version: 1, cmds, format: 'json' } }), basicAuth('admin', 'rev-pw'))
  return JSON.parse(answer.body)
}

describe("MockSwitch.revision moves only when the device's configuration or live state changes", () => {
  it('reads over eAPI, SSH and SNMP, enable, terminal settings and empty sessions leave it unchanged', async () => {
    const start = mock.revision
    for (const options of [ep.eapi.connectOptions, ep.eapiHttp.connectOptions, ep.ssh.connectOptions, ep.snmp.connectOptions, ep.snmp.connectOptionsV3]) {
      const sw = await connect(options)
      try {
        await readEverything(sw)
      } finally {
        await sw.close()
      }
    }
    expect(mock.revision).toBe(start)

    expect(await eapiCommands(['enable', 'terminal length 0', 'show running-config', 'configure session empty1', 'end', 'configure session empty1 abort'])).toHaveProperty('result')
    expect(await eapiCommands(['enable', 'configure session empty2', 'vlan 1', 'exit', 'end', 'configure session empty2 commit'])).toHaveProperty('result')
    expect(await eapiCommands(['enable', 'configure session edited', 'vlan 333', 'end', 'configure session edited abort'])).toHaveProperty('result')
    expect(await eapiCommands(['enable', 'configure', 'interface Ethernet1', 'exit', 'vlan 1', 'end'])).toHaveProperty('result')
    expect(await eapiCommands(['enable', 'show bogus'])).toHaveProperty('error')

    const sh = await openRawShell(ep.ssh.port, 'rev-pw')
    await sh.waitFor(/rev1>$/)
    sh.write('enable\rterminal length 0\rterminal width 200\rshow vlan\rshow interfaces status\rshow running-config\rconfigure\rexit\r')
    await sh.waitFor(/Ethernet8[\s\S]*rev1#$/)
    sh.close()

    mock.cli(['show version', 'show interfaces counters', 'show running-config'])
    expect(mock.revision).toBe(start)
  })

  it('a commit, a line of a plain configure, links, traffic, the clock and an SNMP SET each move it', async () => {
    let last = mock.revision
    const moved = () => {
      const now = mock.revision
      const changed = now > last
      last = now
      return changed
    }
    const sw = await connect(ep.eapi.connectOptions)
    try {
      await sw.vlans.create({ id: 410, name: 'rev-commit' })
      expect(moved()).toBe(true)
    } finally {
      await sw.close()
    }
    expect(await eapiCommands(['enable', 'configure', 'vlan 411', 'end'])).toHaveProperty('result')
    expect(moved()).toBe(true)
    mock.cli(['configure', 'interface Ethernet2', 'description rev-line', 'end'])
    expect(moved()).toBe(true)
    mock.setLink('Ethernet3', false)
    expect(moved()).toBe(true)
    mock.setTraffic('Ethernet1', { inMbps: 10, outMbps: 10 })
    expect(moved()).toBe(true)
    mock.advanceTime(10)
    expect(moved()).toBe(true)
    const snmp = await connect(ep.snmp.connectOptionsReadWrite)
    try {
      await snmp.vlans.create({ id: 412 })
      expect(moved()).toBe(true)
    } finally {
      await snmp.close()
    }
    expect(mock.cli('show vlan 410-412')).toMatch(/410[\s\S]*411[\s\S]*412/)
  })

  it('a timed commit that is not confirmed moves it again when it rolls back', async () => {
    expect(await eapiCommands(['enable', 'configure session timed', 'vlan 420', 'commit timer 00:00:01'])).toHaveProperty('result')
    const committed = mock.revision
    expect(mock.cli('show vlan 420')).toMatch(/^420 /m)
    await new Promise((resolve) => setTimeout(resolve, 1300))
    expect(mock.revision).toBeGreaterThan(committed)
    expect(mock.cli('show vlan 420')).not.toMatch(/^420 /m)
  })
})
