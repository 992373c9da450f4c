import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CommandRejectedError, UnsupportedError, ValidationError, connect, type Device } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'

const GB = 1e9

for (const transport of ['eapi', 'ssh'] as const) {
  describe(`7130 (MOS) over ${transport}`, () => {
    let dev: MockSwitch
    let ep: MockEndpoints
    let sw: Device
    beforeEach(async () => {
      dev = new MockSwitch({ hostname: 'tap1', platform: 'mos', coreBufferBytes: 1024 * 1024 })
      ep = await dev.listen()
      sw = await connect(transport === 'eapi' ? ep.eapi.connectOptions : ep.ssh.connectOptions)
    })
    afterEach(async () => {
      await sw.close()
      await dev.close()
    })

    it('detects MOS from show version', async () => {
      expect(sw.platform).toBe('mos')
      expect(await sw.facts()).toMatchObject({ platform: 'mos', hostname: 'tap1', model: 'Arista Networks 7130-48L', osVersion: '0.39.2' })
      const ports = await sw.l1.list()
      expect(ports.filter((p) => p.kind === 'front')).toHaveLength(48)
      expect(ports.filter((p) => p.kind === 'app')).toHaveLength(60)
      expect(ports.find((p) => p.name === 'ap45')).toMatchObject({ description: 'Core 0 Port 0', source: null })
    })

    it('taps et1 to et2 and et3: l1.list() shows both sources, and traffic offered on et1 appears on both', async () => {
      const result = await sw.taps.create({ source: 'Et1', outputs: ['et2', 'ethernet3'] })
      expect(result.commands).toEqual(['interface et2', 'source et1', 'exit', 'interface et3', 'source et1', 'exit'])
      expect(result.diff).toContain('+interface et2\n+    source et1\n')
      const ports = await sw.l1.list()
      expect(ports.filter((p) => p.source === 'et1').map((p) => [p.name, p.tx])).toEqual([
        ['et2', 'up <- et1'],
        ['et3', 'up <- et1'],
      ])
      expect(await sw.taps.list()).toEqual([{ source: 'et1', outputs: ['et2', 'et3'] }])
      dev.offerTraffic('et1', { gbps: 4, frameBytes: 500 })
      dev.advanceTime(10)
      const { ports: counters } = await sw.metawatch.counters()
      const of = (port: string) => counters.find((c) => c.port === port)
      expect(of('et1')?.rxOctets).toBe(5_000_000_000n)
      expect(of('et2')?.txOctets).toBe(5_000_000_000n)
      expect(of('et3')?.txOctets).toBe(5_000_000_000n)
      expect(of('et3')?.txUcastPkts).toBe(10_000_000n)
      expect(of('et4')?.txOctets).toBe(0n)
      await sw.taps.remove('et1', ['et3'])
      expect(await sw.taps.list()).toEqual([{ source: 'et1', outputs: ['et2'] }])
    })

    it('one source per output is enforced before sending', async () => {
      await sw.l1.setSource('et2', 'et5')
      const sent = dev.commandLog.length
      await expect(sw.taps.create({ source: 'et1', outputs: ['et2'] })).rejects.toThrow(/et2 already transmits et5's traffic/)
      await expect(
        sw.configure((tx) => {
          tx.l1.setSource('et7', 'et1')
          tx.l1.setSource('et7', 'et4')
        }),
      ).rejects.toThrow(/one source per output: et7 would take both et1 and et4/)
      await expect(sw.l1.setSource('et7', 'et7')).rejects.toBeInstanceOf(ValidationError)
      await expect(sw.l1.setSource('et99', 'et1')).rejects.toThrow(/unknown port et99/)
      expect(dev.commandLog.slice(sent).some((l) => l.startsWith('configure') || l.startsWith('copy'))).toBe(false)
    })

    it('a bidirectional patch sets both directions', async () => {
      await sw.l1.patch('et10', 'et11')
      const ports = await sw.l1.list()
      expect(ports.find((p) => p.name === 'et10')?.source).toBe('et11')
      expect(ports.find((p) => p.name === 'et11')?.source).toBe('et10')
    })

    it('aggregation: three 5 Gb/s inputs into a 10 Gb/s output for 10 s drop what the excess implies; at 3 Gb/s nothing', async () => {
      await sw.metawatch.enable()
      await sw.metawatch.aggregate({ core: 0, inputs: ['et1', 'et2', 'et3'], deliverTo: ['et32'] })
      await sw.metawatch.aggregate({ core: 1, inputs: ['et4', 'et5', 'et6'], deliverTo: ['et33'] })
      const mw = await sw.metawatch.get()
      expect(mw.cores[0]?.inputs.slice(0, 4)).toEqual([
        { appPort: 'ap45', source: 'et1' },
        { appPort: 'ap46', source: 'et2' },
        { appPort: 'ap47', source: 'et3' },
        { appPort: 'ap48', source: null },
      ])
      expect(mw.cores[0]?.output).toEqual({ appPort: 'ap57', deliveredTo: ['et32'] })
      for (const p of ['et1', 'et2', 'et3']) dev.offerTraffic(p, { gbps: 5, frameBytes: 1000 })
      for (const p of ['et4', 'et5', 'et6']) dev.offerTraffic(p, { gbps: 3, frameBytes: 1000 })
      for (let i = 0; i < 10; i++) dev.advanceTime(1)
      const { cores, ports } = await sw.metawatch.counters()
      const expectedDropBytes = ((15 - 10) * GB * 10) / 8
      const core0 = cores.find((c) => c.core === 0)
      expect(Number(core0?.overflowDropBytes)).toBeGreaterThan(expectedDropBytes * 0.99)
      expect(Number(core0?.overflowDropBytes)).toBeLessThanOrEqual(expectedDropBytes)
      expect(Number(core0?.overflowDropFrames)).toBeGreaterThan((expectedDropBytes / 1000) * 0.99)
      expect(core0?.bytesOut).toBe(12_500_000_000n)
      expect(ports.find((p) => p.port === 'et32')?.txOctets).toBe(12_500_000_000n)
      const core1 = cores.find((c) => c.core === 1)
      expect(core1?.overflowDropFrames).toBe(0n)
      expect(core1?.overflowDropBytes).toBe(0n)
      expect(core1?.bytesOut).toBe(core1?.bytesIn)
    })

    it('a timesource change on a running app is sequenced with shutdown and said so; a stopped app is not restarted', async () => {
      await sw.metawatch.enable()
      const running = await sw.metawatch.setTimesource({ timesource: 'pps', tsClockSource: 'module' })
      expect(running.commands).toEqual(['app metawatch', 'shutdown', 'timesource pps', 'ts-clock source module', 'no shutdown', 'exit'])
      expect(running.notes).toEqual(['MetaWatch was running: it was shut down for the timesource change and started again'])
      expect(await sw.metawatch.get()).toMatchObject({ enabled: true, timesource: 'pps', tsClockSource: 'module' })
      expect((await sw.metawatch.syncStatus()).running).toBe(true)
      await sw.metawatch.disable()
      const stopped = await sw.metawatch.setTimesource({ timesource: 'ptp' })
      expect(stopped.commands).toEqual(['app metawatch', 'timesource ptp', 'exit'])
      expect(stopped.notes).toBeUndefined()
      expect(await sw.metawatch.syncStatus()).toEqual({ running: false, syncStatus: 'shutdown', windows: [] })
      expect(dev.cli(['configure', 'app metawatch', 'no shutdown', 'timesource auto', 'end'])).toContain(
        '% timesource setting cannot be changed while metawatch is running, shutdown metawatch first',
      )
    })

    it('a failing change restores the checkpoint: the running-config is byte-identical', async () => {
      await sw.taps.create({ source: 'et1', outputs: ['et2'] })
      const before = dev.runningConfig()
      dev.rejectCommand(/^source et12$/, 'Crosspoint busy')
      const error = await sw.metawatch.aggregate({ core: 2, inputs: ['et10', 'et11', 'et12', 'et13'], deliverTo: ['et40'] }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CommandRejectedError)
      expect(error).toMatchObject({ command: 'source et12', deviceMessage: 'Crosspoint busy' })
      expect(dev.runningConfig()).toBe(before)
      expect(dev.mos?.flash.size).toBe(0)
    })

    it('EOS-only features answer UnsupportedError on MOS before anything is sent', async () => {
      const sent = dev.commandLog.length
      await expect(sw.vlans.list()).rejects.toBeInstanceOf(UnsupportedError)
      await expect(sw.vlans.create({ id: 10 })).rejects.toThrow(/vlans.write is not supported .* a 7130 running MOS has none/)
      await expect(sw.lags.list()).rejects.toBeInstanceOf(UnsupportedError)
      await expect(sw.dhcpRelay.get()).rejects.toBeInstanceOf(UnsupportedError)
      await expect(sw.metawatch.setTimesource({ timesource: 'pps' }, { confirmWithinSeconds: 60 })).rejects.toBeInstanceOf(UnsupportedError)
      expect(dev.commandLog.slice(sent).filter((l) => !l.startsWith('show'))).toEqual([])
      expect(sw.capabilities.vlans).toMatchObject({ read: false, write: false })
      expect(sw.capabilities.l1).toMatchObject({ read: true, write: true })
    })
  })
}

describe('7130 features on an EOS switch', () => {
  it('answer UnsupportedError, naming the feature', async () => {
    const dev = new MockSwitch({ hostname: 'leaf1' })
    const { eapi } = await dev.listen()
    const sw = await connect(eapi.connectOptions)
    expect(sw.platform).toBe('eos')
    await expect(sw.l1.list()).rejects.toThrow(/l1.read is not supported by the eapi driver: the L1 crosspoint is a 7130 \(MOS\) feature/)
    await expect(sw.taps.create({ source: 'et1', outputs: ['et2'] })).rejects.toThrow(/taps.write is not supported/)
    await expect(sw.metawatch.get()).rejects.toBeInstanceOf(UnsupportedError)
    await expect(connect({ ...eapi.connectOptions, platform: 'mos' })).rejects.toThrow(/runs EOS, not the mos platform/)
    await sw.close()
    await dev.close()
  })
})
