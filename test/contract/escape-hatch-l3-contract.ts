import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CommandRejectedError, UnsupportedError, ValidationError, type L3Configure } from '../../src/index.js'
import type { ContractSetup, ContractTarget } from './device-contract.js'

/** What the driver under test offers of the escape hatches and layer 3; SNMP offers neither, and the suite checks the refusals. */
export interface EscapeHatchLimits {
  /** False when `cli()`, `runningConfig()`, `tx.lines()` and `replaceConfig()` are refused (no CLI). */
  cliAndConfig?: boolean
  /** False when layer 3 (addresses, VRFs) and DHCPv6 relay are refused. */
  l3?: boolean
}

/**
 * The escape hatches (`cli`, `runningConfig`, `tx.lines`, `replaceConfig`) and layer 3 (`l3`, DHCPv6 relay), the
 * same for every driver that has them; a driver that has not must refuse them before sending anything.
 */
export function runEscapeHatchAndL3Contract(driverLabel: string, setup: ContractSetup, limits: EscapeHatchLimits = {}): void {
  describe(`escape hatches and layer 3: ${driverLabel}`, () => {
    let t: ContractTarget
    beforeEach(async () => {
      t = await setup({ hostname: 'contract1', ports: 8, username: 'admin', password: 'pw-contract' })
    })
    afterEach(async () => {
      await t.close()
    })

    /** Asserts the call fails with `type` and that no configuration command reached the device. */
    async function refusedBeforeSending(call: () => Promise<unknown>, type: typeof ValidationError | typeof UnsupportedError, message?: RegExp): Promise<void> {
      const before = t.mock.running
      const sent = t.mock.commandLog.length
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(type)
      if (message) expect((error as Error).message).toMatch(message)
      expect(t.mock.running).toBe(before)
      expect(t.mock.commandLog.slice(sent).filter((l) => !l.startsWith('show') && l !== 'enable')).toEqual([])
    }

    if (limits.cliAndConfig === false) {
      it('refuses cli(), runningConfig(), tx.lines() and replaceConfig() before sending', async () => {
        expect(t.device.capabilities.config).toMatchObject({ read: false, write: false })
        await refusedBeforeSending(() => t.device.cli('show version'), UnsupportedError)
        await refusedBeforeSending(() => t.device.cli(['show hostname'], { format: 'text' }), UnsupportedError)
        await refusedBeforeSending(() => t.device.runningConfig({ section: 'vlan' }), UnsupportedError)
        await refusedBeforeSending(() => t.device.configure((tx) => tx.lines(['vlan 10'])), UnsupportedError)
        await refusedBeforeSending(() => t.device.replaceConfig('hostname x\n'), UnsupportedError)
      })
    } else {
      it('cli(): show commands as JSON or text; anything else refused before sending', async () => {
        const [version, hostname] = await t.device.cli(['show version', 'show hostname'])
        expect(version).toMatchObject({ modelName: 'vEOS-lab', version: '4.30.0F' })
        expect(hostname).toMatchObject({ hostname: 'contract1' })
        const [text] = await t.device.cli('show ip interface', { format: 'text' })
        expect(text).toContain('Management1 is up, line protocol is up (connected)\n  Internet address is 192.0.2.10/24\n')
        const [diffs] = await t.device.cli('show configuration sessions')
        expect(diffs).toMatchObject({ sessions: {} })
        for (const bad of ['configure', 'vlan 10', 'sh version', 'show vlan | json', 'show vlan | redirect flash:x', 'show version\nconfigure', 'show ?', 'show', '']) {
          await refusedBeforeSending(() => t.device.cli(bad), ValidationError)
        }
        await refusedBeforeSending(() => t.device.cli(['show version', 'write memory']), ValidationError, /only show commands/)
      })

      it('runningConfig(): whole, with defaults, and one section with its parents and children', async () => {
        await t.device.configure((tx) => {
          tx.vlans.create({ id: 20, name: 'pxe' })
          tx.dhcpRelay.set('Vlan20', [{ address: '10.0.0.5' }])
        })
        expect(await t.device.runningConfig()).toBe(t.mock.runningConfig())
        expect(await t.device.runningConfig({ all: true })).toContain('interface Ethernet1\n   no description\n   no shutdown\n')
        expect(await t.device.runningConfig({ section: 'helper-address' })).toBe('interface Vlan20\n   ip helper-address 10.0.0.5\n')
        expect(await t.device.runningConfig({ section: 'vlan 20' })).toBe('vlan 20\n   name pxe\n')
        expect(await t.device.runningConfig({ section: 'no-such-thing' })).toBe('')
        await refusedBeforeSending(() => t.device.runningConfig({ section: 'a|b' }), ValidationError)
      })

      it('tx.lines(): raw lines go through the same session, beside typed changes, with the diff', async () => {
        const result = await t.device.configure((tx) => {
          tx.vlans.create({ id: 70 })
          tx.lines(['interface Ethernet6', '   description raw line', 'vlan 71', '   name raw71'])
        })
        expect(result.commands).toEqual(['vlan 70', 'exit', 'interface Ethernet6', 'description raw line', 'exit', 'vlan 71', 'name raw71', 'exit'])
        expect(result.applied).toBe(true)
        expect(result.diff).toContain('+   description raw line')
        expect(t.mock.runningConfig()).toContain('interface Ethernet6\n   description raw line\n')
        expect((await t.device.vlans.get(71))?.name).toBe('raw71')
      })

      it('tx.lines(): a line the device rejects leaves the running-config byte-identical', async () => {
        const before = t.mock.runningConfig()
        const error = await t.device
          .configure((tx) => {
            tx.vlans.create({ id: 72 })
            tx.lines(['interface Ethernet6', '   description half done', '   switchport access vlan 5000'])
          })
          .catch((e: unknown) => e)
        expect(error).toBeInstanceOf(CommandRejectedError)
        expect((error as CommandRejectedError).command).toBe('switchport access vlan 5000')
        expect((error as CommandRejectedError).deviceMessage).toMatch(/Invalid input/)
        expect(t.mock.runningConfig()).toBe(before)
        expect(t.mock.sessions.list().filter((s) => s.state !== 'completed')).toEqual([])
      })

      it('tx.lines(): lines that could leave the session or inject are refused before sending', async () => {
        for (const lines of [
          ['end'],
          ['exit'],
          ['interface Ethernet1', '   ex'],
          ['commit'],
          ['conf'],
          ['do write memory'],
          ['rollback clean-config'],
          ['description a|b'],
          ['hostname a\nb'],
          ['hostname a\rb'],
          ['show running-config'],
          ['   description indented first'],
          ['banner motd'],
          ['vlan 10', '   name x', '  state active'],
          [],
        ]) {
          await refusedBeforeSending(() => t.device.configure((tx) => tx.lines(lines)), ValidationError)
        }
      })

      it('replaceConfig(): a dry run returns the device diff and changes nothing; then the real replace', async () => {
        await t.device.vlans.create({ id: 10, name: 'users' })
        await t.device.interfaces.configure('Ethernet1', { description: 'old' })
        const backup = await t.device.runningConfig()
        const wanted = backup.replace('   description old\n', '   description new\n').replace('vlan 10\n   name users\n!\n', 'vlan 11\n   name staff\n!\n')
        expect(wanted).not.toBe(backup)
        const dry = await t.device.replaceConfig(wanted, { dryRun: true })
        expect(dry.applied).toBe(false)
        expect(dry.commands[0]).toBe('rollback clean-config')
        expect(dry.diff).toContain('-vlan 10\n-   name users\n+vlan 11\n+   name staff\n')
        expect(dry.diff).toContain('-   description old\n+   description new\n')
        expect(dry.diff).not.toContain('Management1')
        expect(t.mock.runningConfig()).toBe(backup)
        const done = await t.device.replaceConfig(wanted)
        expect(done.applied).toBe(true)
        expect(t.mock.runningConfig()).toBe(wanted)
        expect(await t.device.vlans.get(10)).toBeUndefined()
        expect(await t.device.vlans.get(11)).toMatchObject({ name: 'staff' })
        const again = await t.device.replaceConfig(wanted, { dryRun: true })
        expect(again.diff).toBe('')
        await refusedBeforeSending(() => t.device.configure((tx) => {
          tx.vlans.create({ id: 12 })
          tx.replaceConfig(wanted)
        }), ValidationError, /only change/)
        await refusedBeforeSending(() => t.device.replaceConfig(`${wanted}\nend\nconfigure\n`), ValidationError)
      })
    }

    if (limits.l3 === false) {
      it('refuses layer 3 and DHCPv6 relay before sending', async () => {
        expect(t.device.capabilities.l3).toMatchObject({ read: false, write: false })
        await refusedBeforeSending(() => t.device.l3.list(), UnsupportedError)
        await refusedBeforeSending(() => t.device.l3.configure('Vlan20', { ipv4: { primary: '10.0.20.1/24' } }), UnsupportedError)
        await refusedBeforeSending(() => t.device.dhcpRelay.setV6('Vlan20', [{ address: '2001:db8::5' }]), UnsupportedError)
      })
      return
    }

    it('l3: SVI and routed port addresses (primary, secondary, IPv6), VRF, loopback', async () => {
      await t.device.configure((tx) => {
        tx.vlans.create({ id: 20, name: 'pxe' })
        tx.l3.configure('Vlan20', { ipv4: { primary: '10.0.20.1/24', secondary: ['10.0.21.1/24'] }, ipv6: ['2001:DB8:20:0::1/64'] })
        tx.interfaces.configure('Ethernet4', { mode: 'routed' })
        tx.l3.configure('Et4', { vrf: 'mgmt', ipv4: { primary: '10.0.20.1/24' } })
        tx.l3.configure('Loopback0', { ipv4: { primary: '10.255.0.1/32' } })
      })
      expect(await t.device.l3.list()).toEqual([
        { interface: 'Ethernet4', vrf: 'mgmt', ipv4: { primary: '10.0.20.1/24', secondary: [] }, ipv6: [] },
        { interface: 'Loopback0', vrf: 'default', ipv4: { primary: '10.255.0.1/32', secondary: [] }, ipv6: [] },
        { interface: 'Management1', vrf: 'default', ipv4: { primary: '192.0.2.10/24', secondary: [] }, ipv6: [] },
        { interface: 'Vlan20', vrf: 'default', ipv4: { primary: '10.0.20.1/24', secondary: ['10.0.21.1/24'] }, ipv6: ['2001:db8:20::1/64'] },
      ])
      expect(t.mock.runningConfig()).toContain(
        'interface Vlan20\n   ip address 10.0.20.1/24\n   ip address 10.0.21.1/24 secondary\n   ipv6 address 2001:db8:20::1/64\n',
      )
      await t.device.l3.configure('Vlan20', { ipv6: ['2001:db8:20::2/64'] })
      await t.device.l3.configure('Vlan20', { vrf: 'blue' })
      expect((await t.device.l3.list()).find((i) => i.interface === 'Vlan20')).toEqual({
        interface: 'Vlan20',
        vrf: 'blue',
        ipv4: { primary: '10.0.20.1/24', secondary: ['10.0.21.1/24'] },
        ipv6: ['2001:db8:20::2/64'],
      })
      await t.device.l3.configure('Vlan20', { vrf: 'default', ipv4: null, ipv6: null })
      expect((await t.device.l3.list()).find((i) => i.interface === 'Vlan20')).toEqual({ interface: 'Vlan20', vrf: 'default', ipv4: { primary: null, secondary: [] }, ipv6: [] })
    })

    it('l3: a switchport or a host prefix outside a loopback is refused before sending', async () => {
      await refusedBeforeSending(() => t.device.l3.configure('Ethernet5', { ipv4: { primary: '10.0.50.1/24' } }), ValidationError, /Ethernet5 is a switchport \(access\); make it routed first/)
      await refusedBeforeSending(() => t.device.l3.configure('Vlan30', { ipv4: { primary: '10.0.30.1/32' } }), ValidationError, /Loopback interfaces only/)
      await refusedBeforeSending(() => t.device.l3.configure('Vlan30', { ipv4: { primary: '10.0.30.1/24', secondary: ['10.0.30.200/25'] } }), ValidationError, /overlap/)
      await refusedBeforeSending(() => t.device.l3.configure('Vlan30', { ipv4: { primary: '10.0.30.1' } }), ValidationError, /prefix length/)
      await refusedBeforeSending(() => t.device.l3.configure('Ethernet99', { ipv6: ['2001:db8::1/64'] }), ValidationError, /unknown interface/)
    })

    it('l3: the device refuses a subnet that overlaps another interface, and nothing changes', async () => {
      await t.device.configure((tx) => {
        tx.vlans.create({ id: 20 })
        tx.l3.configure('Vlan20', { ipv4: { primary: '10.0.20.1/24' }, ipv6: ['2001:db8:20::1/64'] })
      })
      const before = t.mock.runningConfig()
      const cases: Array<[L3Configure, string, RegExp]> = [
        [{ ipv4: { primary: '10.0.20.9/25' } }, 'ip address 10.0.20.9/25', /^Subnet 10\.0\.20\.0\/25 overlaps with existing subnet 10\.0\.20\.0\/24 of interface Vlan20$/],
        [{ ipv6: ['2001:db8:20::9/64'] }, 'ipv6 address 2001:db8:20::9/64', /^Subnet 2001:db8:20::\/64 overlaps/],
      ]
      for (const [input, command, message] of cases) {
        const error = await t.device
          .configure((tx) => {
            tx.vlans.create({ id: 30 })
            tx.l3.configure('Vlan30', input)
          })
          .catch((e: unknown) => e)
        expect(error).toBeInstanceOf(CommandRejectedError)
        expect((error as CommandRejectedError).command).toBe(command)
        expect((error as CommandRejectedError).deviceMessage).toMatch(message)
        expect(t.mock.runningConfig()).toBe(before)
      }
    })

    it('DHCPv6 relay: set, get, replace, clear, beside the IPv4 relay', async () => {
      await t.device.configure((tx) => {
        tx.vlans.create({ id: 20, name: 'pxe' })
        tx.l3.configure('Vlan20', { ipv4: { primary: '10.0.20.1/24' }, ipv6: ['2001:db8:20::1/64'] })
        tx.dhcpRelay.set('Vlan20', [{ address: '10.0.0.5' }])
        tx.dhcpRelay.setV6('Vlan20', [{ address: '2001:DB8::5' }, { address: '2001:db8::6', vrf: 'mgmt', localInterface: 'Lo0' }])
      })
      let relay = await t.device.dhcpRelay.get()
      expect(relay.interfaces).toEqual([{ interface: 'Vlan20', servers: [{ address: '10.0.0.5' }] }])
      expect(relay.ipv6Interfaces).toEqual([
        { interface: 'Vlan20', servers: [{ address: '2001:db8::5' }, { address: '2001:db8::6', vrf: 'mgmt', localInterface: 'Loopback0' }] },
      ])
      expect(t.mock.runningConfig()).toContain('   ipv6 dhcp relay destination 2001:db8::6 vrf mgmt local-interface Loopback0\n')
      await t.device.dhcpRelay.setV6('Vl20', [{ address: '2001:db8::7' }])
      relay = await t.device.dhcpRelay.get()
      expect(relay.ipv6Interfaces).toEqual([{ interface: 'Vlan20', servers: [{ address: '2001:db8::7' }] }])
      await t.device.dhcpRelay.clearV6('Vlan20')
      relay = await t.device.dhcpRelay.get()
      expect(relay.ipv6Interfaces).toEqual([])
      expect(relay.interfaces).toHaveLength(1)
      await refusedBeforeSending(() => t.device.dhcpRelay.setV6('Ethernet1', [{ address: '2001:db8::5' }]), ValidationError, /switchport/)
      await refusedBeforeSending(() => t.device.dhcpRelay.setV6('Vlan20', [{ address: '10.0.0.5' }]), ValidationError, /IPv6 address/)
    })
  })
}
