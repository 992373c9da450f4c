import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, UnsupportedError, type Device } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'

/** 7130 sections (l1, taps, metawatch) over eAPI and SSH, applied through one checkpoint; SNMP gathers and refuses writes. */
for (const driver of ['eapi', 'ssh'] as const) {
  describe(`desired state on a 7130 over ${driver}`, () => {
    let mock: MockSwitch
    let sw: Device
    beforeAll(async () => {
      mock = new MockSwitch({ hostname: 'tap1', platform: 'mos', ports: 48, username: 'admin', password: 'pw-tap' })
      const ep = await mock.listen()
      sw = await connect(ep[driver].connectOptions)
    })
    afterAll(async () => {
      await sw.close()
      await mock.close()
    })

    it('applies l1, taps and metawatch in one checkpointed change; again changes nothing; gather describes it', async () => {
      const doc = {
        l1: { state: 'overridden' as const, config: [{ output: 'et10', source: 'et11' }, { output: 'et11', source: 'et10' }] },
        taps: { state: 'merged' as const, config: [{ source: 'et1', outputs: ['et20', 'et21'] }] },
        metawatch: { state: 'replaced' as const, config: { enabled: true, timesource: 'ptp' as const, cores: [{ index: 0, inputs: ['et1', 'et2'], deliverTo: ['et40'] }] } },
      }
      const sent = mock.commandLog.length
      const result = await sw.apply(doc)
      expect(result).toMatchObject({ applied: true, changed: true })
      const log = mock.commandLog.slice(sent)
      expect(log.filter((l) => l.startsWith('copy running-config flash:'))).toHaveLength(1)
      expect((await sw.apply(doc)).changed).toBe(false)
      expect(await sw.gather()).toEqual({
        platform: 'mos',
        l1: { state: 'overridden', config: [{ output: 'et10', source: 'et11' }, { output: 'et11', source: 'et10' }, { output: 'et20', source: 'et1' }, { output: 'et21', source: 'et1' }] },
        metawatch: { state: 'overridden', config: { enabled: true, timesource: 'ptp', cores: [{ index: 0, inputs: ['et1', 'et2'], deliverTo: ['et40'] }] } },
      })
    })

    it('confirmWithinSeconds: a document already in effect is unchanged; a change is refused before any line is sent (no commit timer)', async () => {
      const current = await sw.gather(['l1'])
      const same = await sw.apply(current, { confirmWithinSeconds: 60 })
      expect(same).toMatchObject({ changed: false })
      await same.confirm?.()
      const before = mock.runningConfig()
      const sent = mock.commandLog.length
      const error = await sw.apply({ l1: { state: 'merged', config: [{ output: 'et30', source: 'et31' }] } }, { confirmWithinSeconds: 60 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(UnsupportedError)
      expect((error as Error).message).toMatch(/no commit timer; nothing was applied/)
      expect(mock.commandLog.slice(sent).filter((l) => !/^(show|enable|terminal|configure$|end$|exit$)/.test(l))).toEqual([])
      expect(mock.runningConfig()).toBe(before)
    })

    it('deleted taps and an overridden metawatch clear what they cover; a timesource change restarts the running app', async () => {
      const plan = await sw.plan({ taps: { state: 'deleted', config: [{ source: 'et1', outputs: ['et20'] }] }, metawatch: { state: 'merged', config: { timesource: 'pps' } } })
      expect(plan.lines).toEqual(['app metawatch', 'shutdown', 'timesource pps', 'no shutdown', 'exit', 'interface et20', 'no source', 'exit', 'interface et21', 'no source', 'exit'])
      await sw.apply(plan)
      await sw.apply({ metawatch: { state: 'overridden', config: {} } })
      const gathered = await sw.gather(['metawatch'])
      expect(gathered.metawatch).toEqual({ state: 'overridden', config: {} })
    })

    it('a line the device refuses restores the checkpoint: the running-config is byte-identical', async () => {
      const before = mock.runningConfig()
      const undo = mock.rejectCommand(/^source et33$/, '% Simulated rejection')
      try {
        await expect(sw.apply({ l1: { config: [{ output: 'et30', source: 'et31' }, { output: 'et32', source: 'et33' }] } })).rejects.toThrow(/Simulated rejection/)
      } finally {
        undo()
      }
      expect(mock.runningConfig()).toBe(before)
    })
  })
}

describe('desired state over SNMP', () => {
  let mock: MockSwitch
  let ep: MockEndpoints
  let sw: Device
  beforeAll(async () => {
    mock = new MockSwitch({ hostname: 'snmp1', ports: 8 })
    mock.cli(['configure', 'vlan 10', 'name users', 'exit', 'interface Ethernet1', 'switchport access vlan 10', 'description host1', 'exit', 'end'])
    ep = await mock.listen()
    sw = await connect(ep.snmp.connectOptions)
  })
  afterAll(async () => {
    await sw.close()
    await mock.close()
  })

  it('gathers what SNMP can read', async () => {
    const doc = await sw.gather()
    expect(doc.vlans?.config).toEqual([{ id: 10, name: 'users' }])
    expect(doc.interfaces?.config).toContainEqual({ name: 'Ethernet1', description: 'host1', accessVlan: 10 })
    expect(doc.dhcpRelay).toBeUndefined()
    await expect(sw.gather(['dhcpRelay'])).rejects.toBeInstanceOf(UnsupportedError)
  })

  it('refuses to apply before anything is sent: no configure session over SNMP', async () => {
    const revision = mock.revision
    const error = await sw.apply({ vlans: { config: [{ id: 20 }] } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnsupportedError)
    expect((error as UnsupportedError).message).toMatch(/one configure session/)
    expect(mock.revision).toBe(revision)
  })

  it('sw.cli over SNMP says the driver runs no CLI commands, and sends nothing', async () => {
    const error = await sw.cli('show version').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnsupportedError)
    expect((error as Error).message).toMatch(/the snmp driver runs no CLI commands/)
  })
})
