import { afterEach, describe, expect, it } from 'vitest'
import { connect, normalised, UnsupportedError, ValidationError, type DesiredStateInput, type Device } from '../../src/index.js'
import { MockSwitch, type EosProfileId } from '../../mocks/index.js'

/**
 * The `lanz` desired-state section over eAPI and SSH against real loopback servers of a mock 7280R (it has LANZ) and
 * a mock vEOS (it has none): one committed session, an idempotent second apply, gather round trips, and refusal
 * before anything is sent where the switch has no LANZ.
 */

const PASSWORD = 'pw-lanz'
const DOC: DesiredStateInput = {
  lanz: {
    state: 'overridden',
    config: {
      enabled: true,
      defaultThresholds: { high: 2_000_000, low: 1_000_000 },
      interfaces: [
        { name: 'Et1', thresholds: { high: 500_000, low: 250_000 } },
        { name: 'Ethernet3', thresholds: { high: 40_000, low: 20_000 } },
      ],
    },
  },
}

interface Target {
  mock: MockSwitch
  device: Device
}

const opened: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of opened.splice(0)) await close()
})

async function open(driver: 'eapi' | 'ssh', profile: EosProfileId): Promise<Target> {
  const mock = new MockSwitch({ hostname: 'lanz1', ports: 8, profile, username: 'admin', password: PASSWORD })
  const endpoints = await mock.listen()
  const device = await connect(driver === 'eapi' ? endpoints.eapi.connectOptions : endpoints.ssh.connectOptions)
  opened.push(async () => {
    await device.close()
    await mock.close()
  })
  return { mock, device }
}

/** Configuration lines sent since `mark`, session bookkeeping and reads left out. */
function writesSince(mock: MockSwitch, mark: number): string[] {
  return mock.commandLog.slice(mark).filter((l) => !/^(show |enable$|configure session \S+( abort)?$)/.test(l))
}

const sessionsOpenedSince = (mock: MockSwitch, mark: number) => mock.commandLog.slice(mark).filter((l) => l.startsWith('configure session'))

describe.each(['eapi', 'ssh'] as const)('desired state lanz over %s', (driver) => {
  it('a 7280R: applied in one committed session, exactly as planned; LANZ reads back as configured', async () => {
    const t = await open(driver, '7280r')
    t.mock.cli(['configure', 'interface Ethernet5', 'queue-monitor length thresholds 9000 8000', 'end'])
    const plan = await t.device.plan(DOC)
    expect(plan.lines).toEqual([
      'queue-monitor length',
      'queue-monitor length default thresholds 2000000 1000000',
      'interface Ethernet1',
      'queue-monitor length thresholds 500000 250000',
      'exit',
      'interface Ethernet3',
      'queue-monitor length thresholds 40000 20000',
      'exit',
      'interface Ethernet5',
      'no queue-monitor length thresholds',
      'exit',
    ])
    const mark = t.mock.commandLog.length
    const result = await t.device.apply(plan)
    expect(result).toMatchObject({ applied: true, changed: true })
    expect(t.mock.sessions.list().filter((s) => s.state !== 'completed')).toEqual([])
    expect(new Set(sessionsOpenedSince(t.mock, mark).map((l) => l.split(' ')[2]))).toHaveProperty('size', 1)
    const text = t.mock.runningConfig()
    expect(text).toMatch(/^queue-monitor length\nqueue-monitor length default thresholds 2000000 1000000\n/m)
    expect(text).toMatch(/^interface Ethernet1\n(?: {3}.*\n)*? {3}queue-monitor length thresholds 500000 250000\n/m)
    expect(text).not.toContain('9000 8000')
    expect(await t.device.lanz.get()).toEqual({
      enabled: true,
      thresholds: [
        { interface: 'Ethernet1', high: 500_000, low: 250_000 },
        { interface: 'Ethernet3', high: 40_000, low: 20_000 },
      ],
    })
    expect(writesSince(t.mock, mark).filter((l) => l.startsWith('queue-monitor') || l.startsWith('no queue-monitor'))).toHaveLength(5)
  })

  it('applying it again changes nothing and opens no session; gather() round-trips', async () => {
    const t = await open(driver, '7280r')
    await t.device.apply(DOC)
    const mark = t.mock.commandLog.length
    const again = await t.device.apply(DOC)
    expect(again).toMatchObject({ changed: false, commands: [] })
    expect(sessionsOpenedSince(t.mock, mark)).toEqual([])

    const gathered = await t.device.gather()
    expect(gathered.lanz).toEqual(normalised(DOC).lanz)
    expect(gathered.lanz?.config?.interfaces?.map((i) => i.name)).toEqual(['Ethernet1', 'Ethernet3'])
    const before = t.mock.runningConfig()
    expect(await t.device.apply(gathered)).toMatchObject({ changed: false })
    expect(t.mock.runningConfig()).toBe(before)

    // Back to nothing: deleted without config clears every LANZ line, and gather() then shows an empty section.
    await t.device.apply({ lanz: { state: 'deleted' } })
    expect(t.mock.runningConfig()).not.toContain('queue-monitor')
    expect((await t.device.gather(['lanz'])).lanz).toEqual({ state: 'overridden', config: {} })
  })

  it('a vEOS (no LANZ): the plan refuses the section with its path and nothing is sent; gather() leaves it out', async () => {
    const t = await open(driver, 'veos')
    const before = t.mock.runningConfig()
    const mark = t.mock.commandLog.length
    const error = await t.device.apply({ vlans: { config: [{ id: 40 }] }, ...DOC }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([{ path: ['lanz'], message: expect.stringMatching(/this switch has no LANZ/) }])
    expect(writesSince(t.mock, mark)).toEqual([])
    expect(sessionsOpenedSince(t.mock, mark)).toEqual([])
    expect(t.mock.runningConfig()).toBe(before)
    await expect(t.device.plan(DOC)).rejects.toThrow(/lanz: this switch has no LANZ/)

    const gathered = await t.device.gather()
    expect(Object.keys(gathered)).toEqual(['platform', 'vlans', 'interfaces', 'lags', 'dhcpRelay'])
    await expect(t.device.gather(['lanz'])).rejects.toBeInstanceOf(UnsupportedError)
    // Asked once per connection: the second plan and gather send no further probe.
    const probes = t.mock.commandLog.filter((l) => l.startsWith('show queue-monitor'))
    expect(probes).toHaveLength(1)
    expect(probes[0]).toMatch(/^show queue-monitor length status( \| json)?$/)
  })
})
