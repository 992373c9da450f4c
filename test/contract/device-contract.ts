import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Device } from '../../src/index.js'
import { CommandRejectedError, UnsupportedError, ValidationError } from '../../src/index.js'
import type { MockSwitch, MockSwitchOptions } from '../../mocks/index.js'
import { runEscapeHatchAndL3Contract, type EscapeHatchLimits } from './escape-hatch-l3-contract.js'

/** A device under test, connected through one driver to a fresh mock. */
export interface ContractTarget {
  device: Device
  mock: MockSwitch
  close(): Promise<void>
}

/** Creates a mock with the given options and connects to it through the driver under test. */
export type ContractSetup = (options: MockSwitchOptions) => Promise<ContractTarget>

/** Writes a driver may be unable to make; the suite then checks the refusal and arranges the state on the console. */
export type WriteKind = 'vlans.name' | 'vlans.update' | 'interfaces.switchport' | 'lags' | 'dhcpRelay' | 'commitTimer'

/** What the driver under test cannot do, so the suite expects the refusal instead (nothing is skipped). */
export interface ContractLimits {
  unsupportedWrites?: readonly WriteKind[]
  /** False when port-channel min-links cannot be read (reported as `null`). */
  readsMinLinks?: boolean
  /** False when DHCP relay cannot be read. */
  readsDhcpRelay?: boolean
  /** What the driver offers of the escape hatches and layer 3. */
  escapeHatches?: EscapeHatchLimits
}

/**
 * The behaviour every driver must show against the mock switch, whatever its transport: the same calls, the same
 * answers. Each driver's test file runs it with its own setup.
 */
export function runDeviceContract(driverLabel: string, setup: ContractSetup, limits: ContractLimits = {}): void {
  const unsupported = new Set(limits.unsupportedWrites ?? [])
  runEscapeHatchAndL3Contract(driverLabel, setup, limits.escapeHatches)
  describe(`device contract: ${driverLabel}`, () => {
    let t: ContractTarget
    beforeEach(async () => {
      t = await setup({ hostname: 'contract1', ports: 8, username: 'admin', password: 'pw-contract' })
    })
    afterEach(async () => {
      await t.close()
    })

    /**
     * Makes a change through the driver, or, for a write this driver cannot make, checks that it is refused with an
     * UnsupportedError before any configuration is sent, then makes it on the mock's console.
     */
    async function write(kind: WriteKind, viaDriver: () => Promise<unknown>, consoleLines: string[]): Promise<void> {
      if (!unsupported.has(kind)) {
        await viaDriver()
        return
      }
      const before = t.mock.running
      const sent = t.mock.commandLog.length
      await expect(viaDriver()).rejects.toBeInstanceOf(UnsupportedError)
      expect(t.mock.running).toBe(before)
      expect(t.mock.commandLog.slice(sent).filter((l) => !l.startsWith('show'))).toEqual([])
      t.mock.cli(['configure', ...consoleLines, 'end'])
    }

    it('facts name the device', async () => {
      const facts = await t.device.facts()
      expect(facts).toMatchObject({ hostname: 'contract1', platform: 'eos', model: 'vEOS-lab', osVersion: '4.30.0F' })
      expect(facts.serialNumber).toBe(t.mock.identity.serialNumber)
    })

    it('reports capabilities per feature', () => {
      expect(t.device.capabilities.vlans).toMatchObject({ read: true, write: true })
      expect(t.device.capabilities.counters).toMatchObject({ read: true, write: false })
    })

    it('VLANs: create, get, update, list, delete round-trip', async () => {
      expect(await t.device.vlans.list()).toEqual([
        { id: 1, name: 'default', state: 'active', dynamic: false, interfaces: ['Ethernet1', 'Ethernet2', 'Ethernet3', 'Ethernet4', 'Ethernet5', 'Ethernet6', 'Ethernet7', 'Ethernet8'] },
      ])
      await write('vlans.name', () => t.device.vlans.create({ id: 10, name: 'users' }), ['vlan 10', 'name users'])
      await t.device.vlans.create({ id: 30 })
      expect(await t.device.vlans.get(10)).toMatchObject({ id: 10, name: 'users', state: 'active' })
      await write('vlans.update', () => t.device.vlans.update(10, { name: 'staff', state: 'suspend' }), ['vlan 10', 'name staff', 'state suspend'])
      expect(await t.device.vlans.get(10)).toMatchObject({ name: 'staff', state: 'suspend' })
      expect((await t.device.vlans.list()).map((v) => [v.id, v.name])).toEqual([
        [1, 'default'],
        [10, 'staff'],
        [30, 'VLAN0030'],
      ])
      await t.device.vlans.delete(30)
      expect(await t.device.vlans.get(30)).toBeUndefined()
      expect(t.mock.runningConfig()).toContain('vlan 10\n   name staff\n   state suspend\n')
    })

    it('VLANs: refuses duplicates, unknown VLANs and VLAN 1', async () => {
      await t.device.vlans.create({ id: 10 })
      await expect(t.device.vlans.create({ id: 10 })).rejects.toThrow(/already exists/)
      await expect(t.device.vlans.update(99, { name: 'x' })).rejects.toThrow(/does not exist/)
      await expect(t.device.vlans.delete(1)).rejects.toBeInstanceOf(ValidationError)
    })

    it('interfaces: access VLAN, trunk with allowed add/remove, description and shutdown', async () => {
      for (const id of [10, 20, 21, 22, 30]) await t.device.vlans.create({ id })
      await t.device.interfaces.configure('Et1', { accessVlan: 10, description: 'rack 4' })
      await write('interfaces.switchport', () => t.device.interfaces.configure('ethernet2', { mode: 'trunk', nativeVlan: 10, allowedVlans: [10, 20, 21, 22] }), [
        'interface Ethernet2',
        'switchport mode trunk',
        'switchport trunk native vlan 10',
        'switchport trunk allowed vlan 10,20-22',
      ])
      await write('interfaces.switchport', () => t.device.interfaces.configure('Ethernet2', { allowedVlans: { add: [30] } }), ['interface Ethernet2', 'switchport trunk allowed vlan add 30'])
      await write('interfaces.switchport', () => t.device.interfaces.configure('Ethernet2', { allowedVlans: { remove: [21] } }), ['interface Ethernet2', 'switchport trunk allowed vlan remove 21'])
      await t.device.interfaces.configure('Ethernet3', { enabled: false })
      const list = await t.device.interfaces.list()
      expect(list.map((i) => i.name)).toEqual([...Array.from({ length: 8 }, (_, i) => `Ethernet${i + 1}`), 'Management1'])
      expect(list[0]).toMatchObject({ name: 'Ethernet1', mode: 'access', accessVlan: 10, description: 'rack 4', enabled: true, operStatus: 'up', lag: null })
      expect(list[1]).toMatchObject({ mode: 'trunk', nativeVlan: 10, allowedVlans: [10, 20, 22, 30] })
      expect(list[2]).toMatchObject({ enabled: false, operStatus: 'down' })
      expect(list[8]).toMatchObject({ name: 'Management1', mode: null })
      expect((await t.device.vlans.get(10))?.interfaces).toEqual(['Ethernet1', 'Ethernet2'])
      expect(t.mock.runningConfig()).toContain('interface Ethernet1\n   description rack 4\n   switchport access vlan 10\n')
    })

    it('interfaces: routed port, and unknown interfaces refused before sending', async () => {
      await write('interfaces.switchport', () => t.device.interfaces.configure('Ethernet4', { mode: 'routed' }), ['interface Ethernet4', 'no switchport'])
      expect((await t.device.interfaces.list())[3]).toMatchObject({ name: 'Ethernet4', mode: 'routed' })
      const sent = t.mock.commandLog.length
      await expect(t.device.interfaces.configure('Ethernet99', { description: 'x' })).rejects.toThrow(/unknown interface Ethernet99/)
      expect(t.mock.commandLog.slice(sent).filter((l) => l.startsWith('configure'))).toEqual([])
    })

    it('LAGs: create, list, add and remove members, min-links, delete', async () => {
      const minLinks = (n: number) => (limits.readsMinLinks === false ? null : n)
      await write('lags', () => t.device.lags.create({ id: 10, members: ['Et1', 'Et2'], mode: 'active', minLinks: 1 }), [
        'interface Ethernet1',
        'channel-group 10 mode active',
        'interface Ethernet2',
        'channel-group 10 mode active',
        'interface Port-Channel10',
        'port-channel min-links 1',
      ])
      expect(await t.device.lags.list()).toEqual([
        {
          id: 10,
          name: 'Port-Channel10',
          minLinks: minLinks(1),
          members: [
            { interface: 'Ethernet1', mode: 'active', status: 'bundled' },
            { interface: 'Ethernet2', mode: 'active', status: 'bundled' },
          ],
        },
      ])
      await write('lags', () => t.device.lags.addMember(10, 'Ethernet3'), ['interface Ethernet3', 'channel-group 10 mode active'])
      t.mock.setLink('Ethernet3', false)
      await write('lags', () => t.device.lags.update(10, { minLinks: 2 }), ['interface Port-Channel10', 'port-channel min-links 2'])
      let [lag] = await t.device.lags.list()
      expect(lag?.members[2]).toMatchObject({ interface: 'Ethernet3', mode: 'active', status: 'inactive' })
      expect(lag?.minLinks).toBe(minLinks(2))
      expect((await t.device.interfaces.list())[2]?.lag).toBe('Port-Channel10')
      await write('lags', () => t.device.lags.removeMember(10, 'Ethernet3'), ['interface Ethernet3', 'no channel-group'])
      ;[lag] = await t.device.lags.list()
      expect(lag?.members.map((m) => m.interface)).toEqual(['Ethernet1', 'Ethernet2'])
      await write('lags', () => t.device.lags.delete(10), ['interface Ethernet1', 'no channel-group', 'interface Ethernet2', 'no channel-group', 'no interface Port-Channel10'])
      expect(await t.device.lags.list()).toEqual([])
      expect((await t.device.interfaces.list()).every((i) => i.lag === null)).toBe(true)
    })

    it('LAGs: static members, and a port already in another port-channel is refused before sending', async () => {
      await write('lags', () => t.device.lags.create({ id: 1, members: ['Ethernet1'], mode: 'on' }), ['interface Ethernet1', 'channel-group 1 mode on'])
      expect((await t.device.lags.list())[0]?.members).toEqual([{ interface: 'Ethernet1', mode: 'on', status: 'bundled' }])
      const sent = t.mock.commandLog.length
      const expected = unsupported.has('lags') ? UnsupportedError : ValidationError
      await expect(t.device.lags.create({ id: 2, members: ['Ethernet1'], mode: 'active' })).rejects.toBeInstanceOf(expected)
      if (!unsupported.has('lags')) {
        await expect(t.device.lags.create({ id: 2, members: ['Ethernet1'], mode: 'active' })).rejects.toThrow(/already a member of Port-Channel1/)
        await expect(t.device.lags.addMember(2, 'Ethernet5')).rejects.toThrow(/Port-Channel2 does not exist/)
      }
      expect(t.mock.commandLog.slice(sent).some((l) => l.startsWith('configure'))).toBe(false)
    })

    it('counters: octets, packets, discards and errors follow simulated traffic', async () => {
      t.mock.setTraffic('Ethernet1', { inMbps: 800, outMbps: 400, packetBytes: 1000, outDropRatio: 0.25, inErrorRatio: 0.01 })
      t.mock.advanceTime(10)
      const counters = await t.device.counters.interfaces()
      const e1 = counters.find((c) => c.interface === 'Ethernet1')
      expect(e1).toMatchObject({ inErrors: 10_000n, outDiscards: 125_000n, outOctets: 375_000_000n, inOctets: 990_000_000n })
      expect(typeof e1?.inOctets).toBe('bigint')
      const drops = await t.device.counters.drops()
      expect(drops.interfaces.find((d) => d.interface === 'Ethernet1')).toEqual({ interface: 'Ethernet1', inDiscards: 0n, outDiscards: 125_000n })
      expect(drops.queueSource).toBe('none')
      expect(drops.queues).toEqual([])
    })

    it('DHCP relay: set, get, replace, clear, global servers and option 82', async () => {
      if (limits.readsDhcpRelay === false) {
        const sent = t.mock.commandLog.length
        await expect(t.device.dhcpRelay.get()).rejects.toBeInstanceOf(UnsupportedError)
        await expect(t.device.dhcpRelay.set('Vlan20', [{ address: '10.0.0.5' }])).rejects.toBeInstanceOf(UnsupportedError)
        await expect(t.device.dhcpRelay.clear('Vlan20')).rejects.toBeInstanceOf(UnsupportedError)
        expect(t.mock.commandLog.length).toBe(sent)
        expect(t.device.capabilities.dhcpRelay).toMatchObject({ read: false, write: false })
        return
      }
      await t.device.configure((tx) => {
        tx.vlans.create({ id: 20, name: 'pxe' })
        tx.dhcpRelay.set('Vlan20', [{ address: '10.0.0.5' }, { address: '10.9.9.9', vrf: 'mgmt', sourceInterface: 'Lo0' }])
        tx.dhcpRelay.setGlobal({ servers: ['10.0.0.1', '10.0.0.2'], option82: true })
      })
      expect(await t.device.dhcpRelay.get()).toEqual({
        active: true,
        option82: true,
        globalServers: ['10.0.0.1', '10.0.0.2'],
        interfaces: [
          {
            interface: 'Vlan20',
            servers: [{ address: '10.0.0.5' }, { address: '10.9.9.9', vrf: 'mgmt', sourceInterface: 'Loopback0' }],
          },
        ],
        ipv6Interfaces: [],
      })
      await t.device.dhcpRelay.set('Vl20', [{ address: '10.0.0.6' }])
      await t.device.dhcpRelay.setGlobal({ servers: ['10.0.0.2'], option82: false })
      let relay = await t.device.dhcpRelay.get()
      expect(relay.interfaces).toEqual([{ interface: 'Vlan20', servers: [{ address: '10.0.0.6' }] }])
      expect(relay).toMatchObject({ globalServers: ['10.0.0.2'], option82: false })
      await t.device.dhcpRelay.clear('Vlan20')
      relay = await t.device.dhcpRelay.get()
      expect(relay.interfaces).toEqual([])
      await expect(t.device.dhcpRelay.set('Ethernet1', [{ address: '10.0.0.5' }])).rejects.toThrow(/switchport/)
    })

    it('configure(): several changes apply together and report what changed', async () => {
      const result = await t.device.configure((tx) => {
        tx.vlans.create({ id: 20 })
        tx.interfaces.configure('Ethernet5', { accessVlan: 20, description: 'pxe host' })
      })
      expect(result.applied).toBe(true)
      expect(result.commands.length).toBeGreaterThan(0)
      expect(result.diff).toMatch(/\+vlan 20|dot1qVlanStaticRowStatus\.20 = createAndGo/)
      expect(result.diff).toMatch(/\+ {3}switchport access vlan 20|dot1qPvid\.5 = 20/)
      expect((await t.device.vlans.get(20))?.interfaces).toEqual(['Ethernet5'])
      expect((await t.device.interfaces.list())[4]).toMatchObject({ accessVlan: 20, description: 'pxe host' })
    })

    it('configure(): a dry run returns the diff and changes nothing', async () => {
      const before = t.mock.runningConfig()
      const result = await t.device.vlans.create({ id: 42 }, { dryRun: true })
      expect(result).toMatchObject({ applied: false })
      expect(result.diff).toMatch(/\+vlan 42|dot1qVlanStaticRowStatus\.42 = createAndGo/)
      expect(await t.device.vlans.get(42)).toBeUndefined()
      expect(t.mock.runningConfig()).toBe(before)
    })

    it('configure(): a change the device rejects leaves the running-config byte-identical', async () => {
      const before = t.mock.runningConfig()
      t.mock.rejectCommand(/^switchport access vlan 77$/, 'VLAN 77 is reserved by policy')
      const error = await t.device
        .configure((tx) => {
          tx.vlans.create({ id: 77 })
          tx.interfaces.configure('Ethernet1', { accessVlan: 77 })
        })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CommandRejectedError)
      const rejected = error as CommandRejectedError
      expect(rejected.code).toBe('SY_COMMAND_REJECTED')
      if (t.device.driver === 'snmp') {
        expect(rejected.deviceCode).toBe(14)
        expect(rejected.deviceMessage).toMatch(/^CommitFailed \(nothing was applied/)
      } else {
        expect(rejected.command).toBe('switchport access vlan 77')
        expect(rejected.deviceMessage).toBe('VLAN 77 is reserved by policy')
        expect(rejected.message).toContain("'switchport access vlan 77'")
      }
      expect(t.mock.runningConfig()).toBe(before)
      expect(t.mock.sessions.list().filter((s) => s.state !== 'completed')).toEqual([])
    })

    it('configure(): a timed commit rolls back unless confirmed', async () => {
      const before = t.mock.runningConfig()
      if (unsupported.has('commitTimer')) {
        await expect(t.device.vlans.create({ id: 60 }, { confirmWithinSeconds: 1 })).rejects.toBeInstanceOf(UnsupportedError)
        expect(t.mock.runningConfig()).toBe(before)
        return
      }
      const pending = await t.device.vlans.create({ id: 60, name: 'timed' }, { confirmWithinSeconds: 1 })
      expect(pending.pending?.rollsBackInSeconds).toBe(1)
      expect(t.mock.runningConfig()).toContain('name timed')
      await new Promise((r) => setTimeout(r, 1300))
      expect(t.mock.runningConfig()).toBe(before)
      const kept = await t.device.vlans.create({ id: 61, name: 'kept' }, { confirmWithinSeconds: 1 })
      await kept.confirm?.()
      await new Promise((r) => setTimeout(r, 1300))
      expect(await t.device.vlans.get(61)).toMatchObject({ name: 'kept' })
    })
  })
}
