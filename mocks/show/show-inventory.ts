import { createHash } from 'node:crypto'
import type { CommandResult } from '../cli/command-grammar.js'
import type { DeviceConfig } from '../device-config.js'
import type { PlatformProfile } from '../platform-profiles.js'
import type { SystemIdentity } from './show-system.js'

// Sources. Text: a vEOS-lab 4.27.3F capture in emilarista/tieto-borderlab (commands/P1/report.md): the "System
// information" tables and "System has N ports" (Management 1, Switched N-2, SwitchedBootstrap 2 for 8 Ethernet
// ports), every cell padded to its column, rows indented by two spaces; and captures of a CCS-720XP-48ZC2 and a
// CCS-722XPM-48ZY8 in public Arista lab guides for the power supply, fan module and transceiver tables. JSON: a cEOS
// `show inventory | json` capture in the netdevops.me post "Network automation options in Go with scrapligo"
// (2021-06-09) gives the top-level keys and `systemInformation`; ANTA's unit tests (aristanetworks/anta,
// VerifyInventorySlots) give `powerSupplySlots` {name, serialNum} and `fanTraySlots` {numFans, name}.
// [unconfirmed]: the JSON `systemInformation` values of vEOS (read from its text), the hardware profiles' descriptions,
// power supply, fan and transceiver models, serial numbers and dates (the mock's own), and the fields of an
// `xcvrSlots` entry.

interface HardwareParts {
  description: string
  powerSupply: string
  fan: { name: string; count: number }
  transceiver: string
}

const HARDWARE: Partial<Record<PlatformProfile['id'], HardwareParts>> = {
  '7280r': { description: '48-port 10GbE SFP+ & 6-port 100GbE QSFP100 Switch', powerSupply: 'PWR-1100AC-F', fan: { name: 'FAN-7002-F', count: 4 }, transceiver: 'SFP-10G-SR' },
  '7050x': { description: '48x25G SFP & 8x100G QSFP Switch', powerSupply: 'PWR-500AC-F', fan: { name: 'FAN-7000-F', count: 4 }, transceiver: 'SFP-25G-SR' },
}

/** A serial number derived from the device's own, so that a device keeps its parts' serials. */
function partSerial(device: string, part: string): string {
  return createHash('sha256').update(`${device}/${part}`).digest('hex').slice(0, 11).toUpperCase()
}

/** Rows of a table as EOS prints them: a header, dashes, cells padded to their column, indented by two spaces. */
function table(columns: ReadonlyArray<{ title: string; width: number }>, rows: ReadonlyArray<readonly string[]>): string[] {
  const line = (cells: readonly string[]) => `  ${cells.map((c, i) => c.padEnd(columns[i]?.width ?? c.length)).join(' ')}`
  return [line(columns.map((c) => c.title)), line(columns.map((c) => '-'.repeat(c.width))), ...rows.map(line)]
}

/** `show inventory` of an EOS device: system information, power supplies, fans, ports and transceivers. */
export function showInventory(identity: SystemIdentity, running: DeviceConfig): CommandResult {
  const profile = identity.profile
  const serial = identity.serialNumber
  const hardware = HARDWARE[profile.id]
  const ethernet = Object.keys(running.interfaces)
    .filter((name) => /^Ethernet\d+$/.test(name))
    .map((name) => Number(name.slice('Ethernet'.length)))
    .sort((a, b) => a - b)
  const management = Object.keys(running.interfaces).filter((name) => name.startsWith('Management')).length
  const bootstrap = hardware ? 0 : Math.min(2, ethernet.length)
  const switched = ethernet.length - bootstrap
  const system = hardware
    ? { name: profile.modelName, description: hardware.description, hardwareRev: '11.00', serialNum: serial, mfgDate: '2020-01-15', hwEpoch: '01.00' }
    : { name: profile.modelName, description: 'vEOS for lab use', hardwareRev: '', serialNum: serial, mfgDate: '', hwEpoch: '' }
  const powerSupplies = hardware ? [1, 2].map((slot) => ({ slot, name: hardware.powerSupply, serialNum: partSerial(serial, `psu${slot}`) })) : []
  const fans = hardware ? Array.from({ length: hardware.fan.count }, (_, i) => ({ slot: i + 1, numFans: 1, name: hardware.fan.name, serialNum: 'N/A' })) : []
  const transceivers = hardware
    ? ethernet.map((port) => ({ port, mfgName: 'Arista Networks', modelName: hardware.transceiver, serialNum: partSerial(serial, `xcvr${port}`), hardwareRev: '0002' }))
    : []
  const portTypes: Array<[string, number]> = [
    ['Management', management],
    ['Switched', switched],
    ['SwitchedBootstrap', bootstrap],
  ]
  return {
    json: () => ({
      systemInformation: system,
      powerSupplySlots: Object.fromEntries(powerSupplies.map((p) => [String(p.slot), { name: p.name, serialNum: p.serialNum }])),
      fanTraySlots: Object.fromEntries(fans.map((f) => [String(f.slot), { numFans: f.numFans, name: f.name, serialNum: f.serialNum }])),
      portCount: management + ethernet.length,
      managementPortCount: management,
      switchedPortCount: switched,
      switchedBootstrapPortCount: bootstrap,
      switchedFortyGOnlyPortCount: 0,
      internalPortCount: 0,
      dataLinkPortCount: 0,
      unconnectedPortCount: 0,
      xcvrSlots: Object.fromEntries(transceivers.map((x) => [String(x.port), { mfgName: x.mfgName, modelName: x.modelName, serialNum: x.serialNum, hardwareRev: x.hardwareRev }])),
      cardSlots: {},
      fpgas: {},
      storageDevices: {},
      emmcFlashDevices: {},
      subcompSerNums: {},
    }),
    text: () => {
      const out = ['System information']
      out.push(...table([{ title: 'Model', width: 24 }, { title: 'Description', width: 52 }], [[system.name, system.description]]), '')
      out.push(
        ...table(
          [
            { title: 'HW Version', width: 11 },
            { title: 'Serial Number', width: Math.max(14, serial.length) },
            { title: 'Mfg Date', width: 10 },
            { title: 'Epoch', width: 5 },
          ],
          [[system.hardwareRev, serial, system.mfgDate, system.hwEpoch]],
        ),
        '',
      )
      if (powerSupplies.length > 0) {
        out.push(`System has ${powerSupplies.length} power supply slots`)
        out.push(...table([{ title: 'Slot', width: 4 }, { title: 'Model', width: 16 }, { title: 'Serial Number', width: 16 }], powerSupplies.map((p) => [String(p.slot), p.name, p.serialNum])), '')
      }
      if (fans.length > 0) {
        out.push(`System has ${fans.length} fan modules`)
        out.push(
          ...table(
            [{ title: 'Module', width: 7 }, { title: 'Number of Fans', width: 15 }, { title: 'Model', width: 16 }, { title: 'Serial Number', width: 16 }],
            fans.map((f) => [String(f.slot), String(f.numFans), f.name, f.serialNum]),
          ),
          '',
        )
      }
      out.push(`System has ${management + ethernet.length} ports`)
      out.push(...table([{ title: 'Type', width: 18 }, { title: 'Count', width: 4 }], portTypes.filter(([, n]) => n > 0).map(([type, n]) => [type, String(n)])))
      if (transceivers.length > 0) {
        out.push('', `System has ${transceivers.length} switched transceiver slots`)
        out.push(
          ...table(
            [{ title: 'Port', width: 4 }, { title: 'Manufacturer', width: 16 }, { title: 'Model', width: 16 }, { title: 'Serial Number', width: 16 }, { title: 'Rev', width: 4 }],
            transceivers.map((x) => [String(x.port), x.mfgName, x.modelName, x.serialNum, x.hardwareRev]),
          ),
        )
      }
      return `${out.join('\n')}\n`
    },
  }
}
