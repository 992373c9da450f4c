import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CommandRejectedError, connect, UnsupportedError, type Device } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { openRawShell } from '../support/raw-shell.js'

const PASSWORD = 'pw-buffers'
const UNSUPPORTED = 'Unavailable command (not supported on this hardware platform)'

/** One JSON-RPC `runCmds` request straight to the mock's eAPI server (HTTP), as any eAPI client would send it. */
async function runCmds(url: string, cmds: string[]): Promise<{ result?: unknown[]; error?: { code: number; message: string; data?: Array<{ errors?: string[] }> } }> {
  const response = await fetch(url.replace('https:', 'http:'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', params: { version: 1, cmds, format: 'json' }, id: 'buffers' }),
  })
  return (await response.json()) as never
}

const PROFILES = [
  { profile: 'veos', lanz: false, hardwareDrops: false },
  { profile: '7050x', lanz: true, hardwareDrops: false },
  { profile: '7280r', lanz: true, hardwareDrops: true },
] as const

describe.each(PROFILES)('buffers on the $profile profile', ({ profile, lanz, hardwareDrops }) => {
  let dev: MockSwitch
  let endpoints: MockEndpoints
  beforeAll(async () => {
    dev = new MockSwitch({ hostname: `buf-${profile}`, profile, ports: 4, username: 'admin', password: PASSWORD })
    endpoints = await dev.listen()
  })
  afterAll(async () => {
    await dev.close()
  })

  it('the device answers the documented unsupported-platform errors over eAPI, or the JSON models', async () => {
    const hw = await runCmds(endpoints.eapiHttp.url, ['show hardware counter drop'])
    if (hardwareDrops) expect(hw.result?.[0]).toMatchObject({ totalCongestionDrops: 0, dropEvents: {} })
    else {
      expect(hw.error?.code).toBe(1002)
      expect(hw.error?.message).toBe("CLI command 1 of 1 'show hardware counter drop' failed: invalid command")
      expect(hw.error?.data?.at(-1)?.errors).toEqual([`${UNSUPPORTED} (at token 2: 'counter')`])
    }
    const qm = await runCmds(endpoints.eapiHttp.url, ['show queue-monitor length'])
    if (lanz) expect(qm.result?.[0]).toMatchObject({ lanzEnabled: false, entryList: [] })
    else expect(qm.error?.data?.at(-1)?.errors).toEqual([`${UNSUPPORTED} (at token 1: 'queue-monitor')`])
  })

  it('and over SSH, as EOS prints them', async () => {
    const shell = await openRawShell(endpoints.ssh.port, PASSWORD)
    try {
      await shell.waitFor(/[>#]\s*$/)
      shell.write('show hardware counter drop\n')
      if (hardwareDrops) await shell.waitFor(/Total Congestion \(C\) Drops: 0/)
      else await shell.waitFor(new RegExp(`% ${UNSUPPORTED.replace(/[()]/g, '\\$&')} \\(at token 2: 'counter'\\)`))
      shell.write('show queue-monitor length\n')
      if (lanz) await shell.waitFor(/LANZ is disabled/)
      else await shell.waitFor(/% Unavailable command \(not supported on this hardware platform\) \(at token 1: 'queue-monitor'\)/)
    } finally {
      shell.close()
    }
  })

  describe.each(['eapi', 'ssh'] as const)('through the SDK over %s', (driver) => {
    let sw: Device
    beforeAll(async () => {
      sw = await connect(endpoints[driver].connectOptions)
    })
    afterAll(async () => {
      await sw.close()
    })

    it('buffers(): the source says what exists; unsupported commands are learned once and not sent again', async () => {
      const first = await sw.counters.buffers()
      expect(first.source).toEqual({ lanz: lanz ? 'disabled' : 'unsupported', hardwareDrops: hardwareDrops ? 'supported' : 'unsupported' })
      expect(first.lanz === undefined).toBe(!lanz)
      expect(first.hardwareDrops).toEqual([])
      const sent = dev.commandLog.length
      const second = await sw.counters.buffers()
      expect(second.source).toEqual(first.source)
      const again = dev.commandLog.slice(sent).filter((l) => l.startsWith('show'))
      expect(again.some((l) => l.startsWith('show queue-monitor'))).toBe(lanz)
      expect(again.some((l) => l.startsWith('show hardware counter drop'))).toBe(hardwareDrops)
    })

    it('LANZ configuration: applied where the platform has LANZ, refused with the device unchanged elsewhere', async () => {
      const before = dev.runningConfig()
      const change = sw.lanz.configure({ enabled: true, thresholds: [{ interface: 'Ethernet2', high: 3000, low: 1000 }] })
      if (!lanz) {
        const sessionsBefore = dev.sessions.list().length
        await expect(change).rejects.toBeInstanceOf(UnsupportedError)
        await expect(change).rejects.toThrow(/this switch has no LANZ .*no configuration was sent/)
        expect(dev.sessions.list().length).toBe(sessionsBefore)
        expect(dev.runningConfig()).toBe(before)
        await expect(sw.lanz.get()).rejects.toBeInstanceOf(UnsupportedError)
        return
      }
      const result = await change
      expect(result.commands).toEqual(['queue-monitor length', 'interface Ethernet2', 'queue-monitor length thresholds 3000 1000', 'exit'])
      expect(result.diff).toContain('+queue-monitor length')
      expect(await sw.lanz.get()).toEqual({ enabled: true, thresholds: [{ interface: 'Ethernet2', high: 3000, low: 1000 }] })
      expect((await sw.counters.buffers()).source.lanz).toBe('enabled')
      const defaults = await sw.lanz.configure({ defaultThresholds: { high: 5000, low: 2000 } })
      expect(defaults.commands).toEqual(['queue-monitor length default thresholds 5000 2000'])
      expect(dev.runningConfig()).toMatch(/^queue-monitor length default thresholds 5000 2000$/m)
      await sw.lanz.configure({ enabled: false, defaultThresholds: null, clearThresholds: ['Ethernet2'] })
      expect(await sw.lanz.get()).toEqual({ enabled: false, thresholds: [] })
      expect(dev.runningConfig()).toBe(before)
    })
  })
})

describe('buffers where there are none to read', () => {
  it('SNMP: refused before anything is sent, the capability says why', async () => {
    const dev = new MockSwitch({ hostname: 'buf-snmp', profile: '7280r', ports: 2 })
    const { snmp } = await dev.listen()
    const sw = await connect(snmp.connectOptions)
    try {
      expect(sw.capabilities.buffers).toMatchObject({ read: false, write: false })
      expect(sw.capabilities.buffers.note).toMatch(/ARISTA-QUEUE-MIB/)
      const requests = snmp.requests
      await expect(sw.counters.buffers()).rejects.toBeInstanceOf(UnsupportedError)
      await expect(sw.lanz.get()).rejects.toBeInstanceOf(UnsupportedError)
      await expect(sw.lanz.configure({ enabled: true })).rejects.toBeInstanceOf(UnsupportedError)
      expect(() => sw.counters.watch({ intervalMs: 100, read: 'buffers' })).toThrow(UnsupportedError)
      expect(snmp.requests).toBe(requests)
    } finally {
      await sw.close()
      await dev.close()
    }
  })

  it('7130: no LANZ or hardware drops; its own overflow counters stay in metawatch.counters()', async () => {
    const dev = new MockSwitch({ hostname: 'buf-7130', platform: 'mos', username: 'admin', password: PASSWORD })
    const { eapi } = await dev.listen()
    const sw = await connect(eapi.connectOptions)
    try {
      expect(sw.capabilities.buffers).toMatchObject({ read: false, write: false })
      expect(sw.capabilities.buffers.note).toMatch(/metawatch\.counters\(\)/)
      const sent = dev.commandLog.length
      await expect(sw.counters.buffers()).rejects.toBeInstanceOf(UnsupportedError)
      expect(dev.commandLog.length).toBe(sent)
      expect((await sw.metawatch.counters()).cores.length).toBeGreaterThan(0)
    } finally {
      await sw.close()
      await dev.close()
    }
  })
})
