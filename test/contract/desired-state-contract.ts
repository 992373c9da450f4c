import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConflictError, formatDrift, UnsupportedError, ValidationError, type DesiredStateInput } from '../../src/index.js'
import type { ContractSetup, ContractTarget } from './device-contract.js'

/** Lines other than reads and session bookkeeping: what actually changes configuration. */
function writes(log: readonly string[]): string[] {
  return log.filter((l) => !/^(show |enable$|configure session \S+$|configure session \S+ abort$)/.test(l))
}

/**
 * Desired state against a mock EOS switch, the same for every driver that can apply it (eAPI, SSH): each section
 * under each state, whole-document validation, conflicts, no-ops, dry runs and timed commits.
 */
export function runDesiredStateContract(driverLabel: string, setup: ContractSetup): void {
  describe(`desired state contract: ${driverLabel}`, () => {
    let t: ContractTarget
    beforeEach(async () => {
      t = await setup({ hostname: 'desired1', ports: 8, username: 'admin', password: 'pw-desired' })
      t.mock.cli(['configure', 'vlan 10', 'name users', 'exit', 'vlan 11', 'exit', 'interface Ethernet1', 'switchport access vlan 10', 'description old', 'exit',
        'interface Ethernet2', 'switchport mode trunk', 'switchport trunk allowed vlan 10,11', 'exit', 'interface Ethernet7', 'channel-group 5 mode active', 'exit',
        'interface Vlan10', 'ip address 10.0.10.1/24', 'ip helper-address 10.0.0.5', 'exit', 'end'])
    })
    afterEach(async () => {
      await t.close()
    })

    const apply = (doc: DesiredStateInput) => t.device.apply(doc)

    it('vlans: merged adds and renames, replaced resets unlisted fields, overridden deletes the rest, deleted removes', async () => {
      await apply({ vlans: { state: 'merged', config: [{ id: 11, name: 'eleven' }, { id: 12 }] } })
      expect((await t.device.gather(['vlans'])).vlans?.config).toEqual([{ id: 10, name: 'users' }, { id: 11, name: 'eleven' }, { id: 12 }])
      await apply({ vlans: { state: 'replaced', config: [{ id: 11, state: 'suspend' }] } })
      expect((await t.device.gather(['vlans'])).vlans?.config).toEqual([{ id: 10, name: 'users' }, { id: 11, state: 'suspend' }, { id: 12 }])
      await apply({ vlans: { state: 'deleted', config: [{ id: 12 }] } })
      expect((await t.device.gather(['vlans'])).vlans?.config).toEqual([{ id: 10, name: 'users' }, { id: 11, state: 'suspend' }])
      await apply({ vlans: { state: 'overridden', config: [{ id: 10, name: 'users' }, { id: 20 }] } })
      expect((await t.device.vlans.list()).map((v) => v.id)).toEqual([1, 10, 20])
    })

    it('interfaces: merged changes given fields, replaced resets the rest, overridden resets unlisted ports and removes SVIs, deleted resets', async () => {
      await apply({ interfaces: { state: 'merged', config: [{ name: 'Ethernet1', description: 'host1' }] } })
      expect(await t.device.interfaces.list().then((l) => l.find((i) => i.name === 'Ethernet1'))).toMatchObject({ description: 'host1', accessVlan: 10 })
      await apply({ interfaces: { state: 'replaced', config: [{ name: 'Ethernet1', description: 'host1' }] } })
      expect(await t.device.interfaces.list().then((l) => l.find((i) => i.name === 'Ethernet1'))).toMatchObject({ description: 'host1', accessVlan: 1 })
      await apply({ interfaces: { state: 'deleted', config: [{ name: 'Ethernet1' }] } })
      expect(await t.device.interfaces.list().then((l) => l.find((i) => i.name === 'Ethernet1'))).toMatchObject({ description: '', accessVlan: 1 })
      await apply({ interfaces: { state: 'overridden', config: [{ name: 'Ethernet3', mode: 'routed', ipv4: '10.3.3.1/24' }] } })
      const gathered = (await t.device.gather(['interfaces'])).interfaces?.config
      expect(gathered).toEqual([{ name: 'Ethernet3', mode: 'routed', ipv4: '10.3.3.1/24' }, { name: 'Management1', ipv4: '192.0.2.10/24' }])
    })

    it('lags: merged adds members, replaced sets them exactly, overridden deletes unlisted port-channels, deleted removes', async () => {
      await apply({ lags: { state: 'merged', config: [{ id: 5, members: ['Ethernet8'], minLinks: 1 }] } })
      expect((await t.device.gather(['lags'])).lags?.config).toEqual([{ id: 5, members: ['Ethernet7', 'Ethernet8'], minLinks: 1 }])
      await apply({ lags: { state: 'replaced', config: [{ id: 5, members: ['Ethernet8'], mode: 'passive' }] } })
      expect((await t.device.gather(['lags'])).lags?.config).toEqual([{ id: 5, members: ['Ethernet8'], mode: 'passive' }])
      await apply({ lags: { state: 'overridden', config: [{ id: 6, members: ['Ethernet7'] }] } })
      expect((await t.device.lags.list()).map((l) => l.name)).toEqual(['Port-Channel6'])
      await apply({ lags: { state: 'deleted' } })
      expect(await t.device.lags.list()).toEqual([])
    })

    it('dhcpRelay: merged adds v4 and v6 servers, overridden clears unlisted relays, deleted removes everything', async () => {
      await apply({
        interfaces: { state: 'merged', config: [{ name: 'Vlan10', ipv6: ['2001:db8:10::1/64'] }] },
        dhcpRelay: { state: 'merged', config: { option82: true, servers: ['10.9.9.9'], interfaces: [{ name: 'Vlan10', servers: ['10.0.0.6'], servers6: ['2001:db8::5'] }] } },
      })
      const relay = await t.device.dhcpRelay.get()
      expect(relay).toMatchObject({ option82: true, globalServers: ['10.9.9.9'] })
      expect(relay.interfaces.find((i) => i.interface === 'Vlan10')?.servers.map((s) => s.address).sort()).toEqual(['10.0.0.5', '10.0.0.6'])
      expect(relay.ipv6Interfaces).toEqual([{ interface: 'Vlan10', servers: [{ address: '2001:db8::5' }] }])
      await apply({ dhcpRelay: { state: 'overridden', config: { interfaces: [{ name: 'Vlan10', servers: ['10.0.0.7'] }] } } })
      expect((await t.device.gather(['dhcpRelay'])).dhcpRelay?.config).toEqual({ interfaces: [{ name: 'Vlan10', servers: ['10.0.0.7'] }] })
      await apply({ dhcpRelay: { state: 'deleted' } })
      expect((await t.device.gather(['dhcpRelay'])).dhcpRelay?.config).toEqual({})
    })

    it('a whole document is one configure session; applying it again opens none', async () => {
      const doc: DesiredStateInput = {
        vlans: { state: 'overridden', config: [{ id: 10, name: 'users' }, { id: 20, name: 'pxe' }] },
        interfaces: { state: 'replaced', config: [{ name: 'Ethernet3', mode: 'access', accessVlan: 20 }, { name: 'Port-Channel1', mode: 'trunk', allowedVlans: [10, 20] }, { name: 'Vlan20', ipv4: '10.0.20.1/24' }] },
        lags: { state: 'overridden', config: [{ id: 1, members: ['Ethernet7', 'Ethernet8'] }] },
        dhcpRelay: { state: 'merged', config: { interfaces: [{ name: 'Vlan20', servers: ['10.0.0.5'] }] } },
      }
      const sent = t.mock.commandLog.length
      const result = await apply(doc)
      expect(result).toMatchObject({ applied: true, changed: true })
      expect(t.mock.commandLog.slice(sent).filter((l) => /^configure session \S+$/.test(l)).length).toBeGreaterThanOrEqual(1)
      expect(new Set(t.mock.commandLog.slice(sent).filter((l) => /^configure session \S+/.test(l)).map((l) => l.split(' ')[2])).size).toBe(1)
      const revision = t.mock.revision
      const mark = t.mock.commandLog.length
      const again = await apply(doc)
      expect(again).toMatchObject({ applied: true, changed: false, commands: [] })
      expect(writes(t.mock.commandLog.slice(mark))).toEqual([])
      expect(t.mock.commandLog.slice(mark).filter((l) => l.startsWith('configure'))).toEqual([])
      expect(t.mock.revision).toBe(revision)
      expect((await t.device.plan(doc)).changed).toBe(false)
    })

    it('plan shows the drift field by field and, on request, the device diff; nothing changes', async () => {
      const before = t.mock.runningConfig()
      const plan = await t.device.plan({ interfaces: { config: [{ name: 'Ethernet1', accessVlan: 11 }] } }, { deviceDiff: true })
      expect(plan.resources).toEqual([{ resource: 'interfaces', added: [], removed: [], changed: [{ key: 'Ethernet1', fields: [{ field: 'accessVlan', before: 10, after: 11 }] }] }])
      expect(plan.lines).toEqual(['interface Ethernet1', 'switchport access vlan 11', 'exit'])
      expect(plan.deviceDiff).toMatch(/\+\s+switchport access vlan 11/)
      expect(formatDrift(plan)).toContain('~ interfaces Ethernet1\n    accessVlan: 10 -> 11')
      expect(t.mock.runningConfig()).toBe(before)
    })

    it('a plan applied after the device changed is refused with SY_CONFLICT and nothing is applied', async () => {
      const plan = await t.device.plan({ vlans: { config: [{ id: 30, name: 'thirty' }] } })
      t.mock.cli(['configure', 'vlan 31', 'end'])
      const after = t.mock.runningConfig()
      const error = await t.device.apply(plan).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ConflictError)
      expect((error as ConflictError).code).toBe('SY_CONFLICT')
      expect(t.mock.runningConfig()).toBe(after)
      const fresh = await t.device.plan({ vlans: { config: [{ id: 30, name: 'thirty' }] } })
      await expect(t.device.apply(fresh)).resolves.toMatchObject({ applied: true, changed: true })
    })

    it('validation lists every problem before anything is sent', async () => {
      const sent = t.mock.commandLog.length
      const error = await apply({
        interfaces: { config: [{ name: 'Ethernet9' }, { name: 'Ethernet1', accessVlan: 99 }] },
        lags: { config: [{ id: 1, members: ['Ethernet7'] }, { id: 2, members: ['Ethernet7'] }] },
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['interfaces.config.0.name', 'interfaces.config.1.accessVlan', 'lags.config.1.members.0']))
      expect(writes(t.mock.commandLog.slice(sent))).toEqual([])
    })

    it('a dry run stages, shows the diff and aborts; a timed commit rolls back unless confirmed', async () => {
      const before = t.mock.runningConfig()
      const dry = await t.device.apply({ vlans: { config: [{ id: 40 }] } }, { dryRun: true })
      expect(dry).toMatchObject({ applied: false, changed: true })
      expect(dry.diff).toMatch(/^\+vlan .*\b40\b/m)
      expect(t.mock.runningConfig()).toBe(before)
      const timed = await t.device.apply({ vlans: { config: [{ id: 41 }] } }, { confirmWithinSeconds: 60 })
      expect(timed.pending?.rollsBackInSeconds).toBe(60)
      await timed.rollback?.()
      expect(t.mock.runningConfig()).toBe(before)
      const kept = await t.device.apply({ vlans: { config: [{ id: 42 }] } }, { confirmWithinSeconds: 60 })
      await kept.confirm?.()
      expect((await t.device.vlans.list()).map((v) => v.id)).toContain(42)
    })

    it('sections of the other platform are refused before sending', async () => {
      await expect(t.device.gather(['l1'])).rejects.toBeInstanceOf(UnsupportedError)
      await expect(apply({ taps: { config: [{ source: 'et1', outputs: ['et2'] }] } })).rejects.toBeInstanceOf(UnsupportedError)
    })
  })
}
