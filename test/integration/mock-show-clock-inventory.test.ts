import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Device } from '../../src/index.js'
import { MockLab, MockSwitch, startControlApi, type ControlApi, type MockEndpoints } from '../../mocks/index.js'

const PASSWORD = 'clock-pw'
const CLOCK_TEXT = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{2}:\d{2}:\d{2} \d{4}\nTimezone: UTC\nClock source: local\n$/

/** The time `show clock` prints, read back as milliseconds since the epoch (UTC). */
function clockTextMs(text: string): number {
  const first = text.split('\n')[0] ?? ''
  return Date.parse(`${first.slice(4).replace(/^(\w{3}) (\d{2}) (\S+) (\d{4})$/, '$1 $2 $4 $3')} UTC`)
}

describe('show clock and show inventory on the mock EOS, over eAPI and SSH', () => {
  let dev: MockSwitch
  let ep: MockEndpoints
  let overEapi: Device
  let overSsh: Device
  beforeAll(async () => {
    dev = new MockSwitch({ hostname: 'clock1', ports: 8, username: 'admin', password: PASSWORD })
    ep = await dev.listen()
    overEapi = await connect(ep.eapi.connectOptions)
    overSsh = await connect(ep.ssh.connectOptions)
  })
  afterAll(async () => {
    await overEapi?.close()
    await overSsh?.close()
    await dev?.close()
  })

  it('show clock starts at the boot time and moves only with the simulated clock, the same over eAPI and SSH', async () => {
    const [json] = (await overEapi.cli('show clock')) as Array<{ utcTime: number; timezone: string; clockSource: unknown; localTime: Record<string, unknown> }>
    expect(json).toMatchObject({ timezone: 'UTC', clockSource: { local: true } })
    expect(json?.utcTime).toBeCloseTo((dev.bootTime + dev.traffic.elapsedSeconds * 1000) / 1000, 3)
    const [text] = await overSsh.cli('show clock', { format: 'text' })
    expect(text).toMatch(CLOCK_TEXT)
    expect(Math.abs(clockTextMs(text ?? '') - (json?.utcTime ?? 0) * 1000)).toBeLessThan(1000)

    dev.advanceTime(2 * 86_400 + 3_600 + 61)
    const [after] = (await overSsh.cli('show clock')) as Array<{ utcTime: number; localTime: { year: number; month: number; dayOfMonth: number; hour: number; min: number; sec: number; dayOfWeek: string } }>
    expect((after?.utcTime ?? 0) - (json?.utcTime ?? 0)).toBeCloseTo(2 * 86_400 + 3_600 + 61, 3)
    const d = new Date((after?.utcTime ?? 0) * 1000)
    expect(after?.localTime).toMatchObject({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dayOfMonth: d.getUTCDate(), hour: d.getUTCHours(), min: d.getUTCMinutes(), sec: d.getUTCSeconds() })
    expect(after?.localTime.dayOfWeek).toBe(d.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }))
    const [textAfter] = await overEapi.cli('show clock', { format: 'text' })
    expect(clockTextMs(textAfter ?? '')).toBe(Math.floor((after?.utcTime ?? 0)) * 1000)
  })

  it('show inventory of a vEOS: system information and the port counts of the vEOS capture (8 Ethernet ports)', async () => {
    const [json] = (await overEapi.cli('show inventory')) as Array<Record<string, unknown>>
    expect(json).toMatchObject({
      systemInformation: { name: 'vEOS-lab', description: 'vEOS for lab use', serialNum: dev.identity.serialNumber, hardwareRev: '', mfgDate: '', hwEpoch: '' },
      portCount: 9,
      managementPortCount: 1,
      switchedPortCount: 6,
      switchedBootstrapPortCount: 2,
      powerSupplySlots: {},
      fanTraySlots: {},
      xcvrSlots: {},
    })
    const [text] = await overSsh.cli('show inventory', { format: 'text' })
    const rows = (text ?? '').split('\n').map((l) => l.trimEnd())
    expect(rows.slice(0, 8)).toEqual([
      'System information',
      '  Model                    Description',
      '  ------------------------ ----------------------------------------------------',
      '  vEOS-lab                 vEOS for lab use',
      '',
      '  HW Version  Serial Number  Mfg Date   Epoch',
      '  ----------- -------------- ---------- -----',
      `              ${dev.identity.serialNumber}`,
    ])
    expect(rows.slice(9)).toEqual(['System has 9 ports', '  Type               Count', '  ------------------ ----', '  Management         1', '  Switched           6', '  SwitchedBootstrap  2', ''])
    const [sshJson] = await overSsh.cli('show inventory')
    expect(sshJson).toEqual(json)
  })

  it('show inventory of a 7280R lists its power supplies, fans and one transceiver per port, in text and JSON alike', async () => {
    const hw = new MockSwitch({ hostname: 'inv7280', profile: '7280r', ports: 4 })
    const [json] = JSON.parse(`[${hw.cli('show inventory | json')}]`) as Array<{ powerSupplySlots: Record<string, { name: string; serialNum: string }>; xcvrSlots: Record<string, { modelName: string; serialNum: string }>; switchedPortCount: number }>
    const text = hw.cli('show inventory')
    expect(json?.switchedPortCount).toBe(4)
    expect(Object.keys(json?.xcvrSlots ?? {})).toEqual(['1', '2', '3', '4'])
    expect(text).toContain('System has 2 power supply slots\n')
    expect(text).toContain('System has 4 switched transceiver slots\n')
    for (const [slot, psu] of Object.entries(json?.powerSupplySlots ?? {})) expect(text).toMatch(new RegExp(`^  ${slot} +${psu.name} +${psu.serialNum} *$`, 'm'))
    for (const [port, x] of Object.entries(json?.xcvrSlots ?? {})) expect(text).toMatch(new RegExp(`^  ${port} +Arista Networks +${x.modelName} +${x.serialNum} +0002$`, 'm'))
    expect(text).toMatch(/^System has 5 ports\n  Type +Count\n  -+ -+\n  Management +1 *\n  Switched +4 *$/m)
  })
})

describe('show clock follows the control API clock advance', () => {
  let lab: MockLab
  let control: ControlApi
  beforeAll(async () => {
    lab = await MockLab.fromTopology({ devices: { leaf1: { ports: 2 } } })
    control = await startControlApi(lab, { token: 'clock-token-0123456789' })
  })
  afterAll(async () => {
    await control?.close()
    await lab?.close()
  })

  it('POST clock/advance moves show clock by the seconds advanced', async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${control.url}${path}`, {
        method,
        headers: { authorization: 'Bearer clock-token-0123456789', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return (await res.json()) as { output: string }
    }
    const before = await call('POST', '/v1/devices/leaf1/cli', { commands: 'show clock' })
    await call('POST', '/v1/devices/leaf1/clock/advance', { seconds: 86_400 })
    const after = await call('POST', '/v1/devices/leaf1/cli', { commands: 'show clock' })
    expect(after.output).toMatch(CLOCK_TEXT)
    expect(clockTextMs(after.output) - clockTextMs(before.output)).toBe(86_400_000)
  })
})
