import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { connect, ValidationError, type Device } from '../../src/index.js'
import { MockSwitch } from '../../mocks/index.js'
import { eapiHandlers } from '../../mocks/msw/index.js'

const BASE = 'http://sw1.test'
const mock = new MockSwitch({ hostname: 'sw1', ports: 8, username: 'admin', password: 'secret-pw' })
const server = setupServer(...eapiHandlers(mock, BASE))
const bodies: string[] = []
server.events.on('request:start', async ({ request }) => {
  bodies.push(await request.clone().text())
})

let sw: Device
beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' })
  sw = await connect({ host: 'sw1.test', driver: 'eapi', protocol: 'http', username: 'admin', password: 'secret-pw' })
})
beforeEach(() => {
  bodies.length = 0
})
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** Asserts the call fails validation and that no request at all reached the device. */
async function rejectsBeforeSending(call: () => Promise<unknown>, message: RegExp): Promise<void> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ValidationError)
  expect((error as ValidationError).code).toBe('SY_VALIDATION')
  expect((error as Error).message).toMatch(message)
  expect(bodies).toEqual([])
}

describe('bad input gets a clear error and sends nothing', () => {
  it.each([
    [0, /between 1 and 4094 \(0 and 4095 are reserved by 802.1Q\)/],
    [4095, /between 1 and 4094 \(0 and 4095 are reserved by 802.1Q\)/],
    [1.5, /integer/],
    [-3, /between 1 and 4094/],
  ])('VLAN id %s', async (id, message) => {
    await rejectsBeforeSending(() => sw.vlans.create({ id }), message)
  })

  it('a VLAN id that is not a number', async () => {
    await rejectsBeforeSending(() => sw.vlans.create({ id: '10' as unknown as number }), /must be a number/)
  })

  it.each([
    ['x'.repeat(33), /at most 32 characters/],
    ['users\nvlan 99', /no spaces, newlines or control characters/],
    ['bell\u0007', /no spaces, newlines or control characters/],
    ['two words', /no spaces/],
    ['', /must not be empty/],
  ])('VLAN name %j', async (name, message) => {
    await rejectsBeforeSending(() => sw.vlans.create({ id: 10, name }), message)
  })

  it('a description with a newline (CLI injection)', async () => {
    await rejectsBeforeSending(() => sw.interfaces.configure('Ethernet1', { description: 'ok\nno vlan 1' }), /no newlines/)
  })

  it('an interface name that is no interface', async () => {
    await rejectsBeforeSending(() => sw.interfaces.configure('Ethernet1\nreload', { enabled: false }), /is not an interface name/)
    await rejectsBeforeSending(() => sw.lags.create({ id: 1, members: ['bogus7'] }), /is not an interface name/)
  })

  it('deleting VLAN 1', async () => {
    await rejectsBeforeSending(() => sw.vlans.delete(1), /VLAN 1 is the default VLAN/)
  })

  it('unknown keys, empty changes and contradictions', async () => {
    await rejectsBeforeSending(() => sw.vlans.create({ id: 10, colour: 'red' } as never), /colour/)
    await rejectsBeforeSending(() => sw.interfaces.configure('Ethernet1', {}), /at least one setting/)
    await rejectsBeforeSending(() => sw.interfaces.configure('Ethernet1', { mode: 'routed', accessVlan: 10 }), /routed port/)
    await rejectsBeforeSending(() => sw.vlans.create({ id: 10 }, { confirmWithinSeconds: 0 }), /confirmWithinSeconds/)
  })

  it('DHCP servers that are not IPv4 addresses, or a VRF that could inject', async () => {
    await rejectsBeforeSending(() => sw.dhcpRelay.set('Vlan10', [{ address: '10.0.0.300' }]), /IPv4/)
    await rejectsBeforeSending(() => sw.dhcpRelay.set('Vlan10', [{ address: '10.0.0.1', vrf: 'a b' }]), /VRF/)
    await rejectsBeforeSending(() => sw.dhcpRelay.set('Vlan10', []), /at least one server/)
  })

  it('an unknown Ethernet port is refused after a read, with no configuration sent', async () => {
    await expect(sw.interfaces.configure('Ethernet9', { description: 'x' })).rejects.toThrow(/unknown interface Ethernet9/)
    expect(bodies.length).toBeGreaterThan(0)
    expect(bodies.some((b) => b.includes('configure'))).toBe(false)
  })

  it('errors name the problem and never the password', async () => {
    const error = await connect({ host: 'bad host', driver: 'eapi', username: 'admin', password: 'secret-pw' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect(String((error as Error).message)).toMatch(/host/)
    expect(JSON.stringify(error)).not.toContain('secret-pw')
    expect(String((error as Error).message)).not.toContain('secret-pw')
  })
})
