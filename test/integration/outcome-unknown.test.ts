import { afterEach, describe, expect, it } from 'vitest'
import { connect, OutcomeUnknownError, type Device } from '../../src/index.js'
import { MockSwitch } from '../../mocks/index.js'
import { BlackholeProxy } from '../support/blackhole-proxy.js'

/**
 * The one path the fault-injection suite never reaches: the change request went out and then the device could not
 * be asked at all. The SDK must say "unknown", name the session, and let the caller settle it later.
 */
describe('a device that vanishes after the commit request: SY_OUTCOME_UNKNOWN, settled later', () => {
  const cleanups: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function lab(): Promise<{ mock: MockSwitch; proxy: BlackholeProxy; sw: Device }> {
    const mock = new MockSwitch({ hostname: 'vanishing' })
    const { eapiHttp } = await mock.listen()
    cleanups.push(() => mock.close())
    const proxy = new BlackholeProxy(eapiHttp.port)
    const port = await proxy.listen()
    cleanups.push(() => proxy.close())
    const sw = await connect({ ...eapiHttp.connectOptions, port, timeoutMs: 1_500 })
    cleanups.push(() => sw.close())
    return { mock, proxy, sw }
  }

  it('the confirm landed: unknown while the device is dark, then sessionOutcome says completed and applied', async () => {
    const { mock, proxy, sw } = await lab()
    proxy.darkAfterRequestContaining(' commit"')
    const error = await sw.vlans.create({ id: 611, name: 'dark' }).catch((e: unknown) => e)
    expect(proxy.dark).toBe(true)
    expect(error).toBeInstanceOf(OutcomeUnknownError)
    const unknown = error as OutcomeUnknownError
    expect(unknown.code).toBe('SY_OUTCOME_UNKNOWN')
    expect(unknown.sessionName).toMatch(/^switchyard-[0-9a-z]+-[0-9a-f]{6}$/)
    expect(unknown.message).toContain(unknown.sessionName)
    expect(unknown.commands.join('\n')).toContain('vlan 611')
    expect(mock.cli('show vlan')).toMatch(/^611\s+dark/m)
    proxy.lift()
    await expect(sw.sessionOutcome(unknown.sessionName)).resolves.toMatchObject({ session: unknown.sessionName, state: 'completed', applied: true })
  })

  it('the timed commit landed but no confirm was sent: unknown, then sessionOutcome says the timer holds it', async () => {
    const { mock, proxy, sw } = await lab()
    proxy.darkAfterRequestContaining('commit timer')
    const error = (await sw.vlans.create({ id: 612 }).catch((e: unknown) => e)) as OutcomeUnknownError
    expect(error.code).toBe('SY_OUTCOME_UNKNOWN')
    proxy.lift()
    const outcome = await sw.sessionOutcome(error.sessionName)
    expect(outcome).toMatchObject({ state: 'pendingCommitTimer', applied: true })
    expect(mock.cli('show configuration sessions detail')).toContain(error.sessionName)
  })
})
