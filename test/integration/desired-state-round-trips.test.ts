import { afterEach, describe, expect, it } from 'vitest'
import { ConflictError, connect, type Device, type DesiredStateInput } from '../../src/index.js'
import { MockSwitch } from '../../mocks/index.js'

/**
 * What an apply costs over eAPI, counted at the mock (HTTP requests to `/command-api`), and that folding the checks
 * before the commit into the staging request kept the lost-update protection: a change another client commits at
 * any point between the plan and the commit is refused with SY_CONFLICT, the device left as that client left it.
 */

const USERS = 'pw-rtt'
const DOC: DesiredStateInput = { vlans: { state: 'merged', config: [{ id: 30, name: 'thirty' }] } }
/** Another client's change, committed while the apply runs. */
const THEIRS = ['configure', 'vlan 31', 'name theirs', 'end']

interface Target {
  mock: MockSwitch
  device: Device
  /** eAPI requests answered so far. */
  requests(): number
}

const opened: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of opened.splice(0)) await close()
})

async function open(driver: 'eapi' | 'ssh'): Promise<Target> {
  const mock = new MockSwitch({ hostname: 'rtt1', ports: 8, username: 'admin', password: USERS })
  let requests = 0
  const handle = mock.eapiHandler.handle.bind(mock.eapiHandler)
  mock.eapiHandler.handle = (request) => {
    if (request.path === '/command-api') requests++
    return handle(request)
  }
  const endpoints = await mock.listen()
  const device = await connect(driver === 'eapi' ? endpoints.eapi.connectOptions : endpoints.ssh.connectOptions)
  opened.push(async () => {
    await device.close()
    await mock.close()
  })
  return { mock, device, requests: () => requests }
}

async function requestsOf<T>(t: Target, task: () => Promise<T>): Promise<{ requests: number; value: T }> {
  const before = t.requests()
  const value = await task()
  return { requests: t.requests() - before, value }
}

function liveSessions(mock: MockSwitch): string[] {
  return mock.sessions.list().filter((s) => s.state !== 'completed').map((s) => `${s.name} ${s.state}`)
}

describe('round trips of an apply over eAPI (counted at the mock)', () => {
  it('a document that changes something: 4 requests (read, stage with the checks, timed commit, confirm)', async () => {
    const t = await open('eapi')
    const { requests, value } = await requestsOf(t, () => t.device.apply(DOC))
    expect(value).toMatchObject({ applied: true, changed: true })
    expect(requests).toBe(4)
    expect(t.mock.cli('show vlan 30')).toContain('thirty')
    expect(liveSessions(t.mock)).toEqual([])
  })

  it('a stored plan: 3; a timed commit: 3 and 1 to confirm; a no-op: 1 and no session', async () => {
    const t = await open('eapi')
    const plan = await t.device.plan(DOC)
    expect((await requestsOf(t, () => t.device.apply(plan))).requests).toBe(3)
    const timed = await requestsOf(t, () => t.device.apply({ vlans: { config: [{ id: 32 }] } }, { confirmWithinSeconds: 60 }))
    expect(timed.requests).toBe(3)
    expect(timed.value.pending?.rollsBackInSeconds).toBe(60)
    expect((await requestsOf(t, () => (timed.value.confirm as () => Promise<void>)())).requests).toBe(1)
    const sent = t.mock.commandLog.length
    const again = await requestsOf(t, () => t.device.apply(DOC))
    expect(again).toMatchObject({ requests: 1, value: { changed: false } })
    expect(t.mock.commandLog.slice(sent).filter((l) => l.startsWith('configure'))).toEqual([])
    expect(liveSessions(t.mock)).toEqual([])
  })

  it('sw.configure folds the session list into staging too: 5 requests (its re-check re-reads the typed state)', async () => {
    const t = await open('eapi')
    const { requests } = await requestsOf(t, () => t.device.configure((tx) => void tx.vlans.create({ id: 40, name: 'forty' })))
    expect(requests).toBe(5)
    expect(t.mock.cli('show vlan 40')).toContain('forty')
  })
})

/**
 * Runs `change` on the mock right before the `k`-th line (from 0) it receives after this call, as another client
 * committing between two lines of this client's requests (a real device runs concurrent requests side by side). The
 * mock checks each line against its rejection rules before running it: a rule whose matcher never matches is the hook.
 */
function changeBeforeLine(mock: MockSwitch, k: number, change: readonly string[]): { after: () => string | undefined; remove: () => void } {
  let seen = 0
  let busy = false
  let after: string | undefined
  const hook = {
    test: (): boolean => {
      if (busy) return false
      if (seen++ === k) {
        busy = true
        try {
          mock.cli([...change])
          after = mock.runningConfig()
        } finally {
          busy = false
        }
      }
      return false
    },
  }
  const remove = mock.rejectCommand(hook as unknown as RegExp, 'never')
  return { after: () => after, remove }
}

describe.each(['eapi', 'ssh'] as const)('a change by another client between plan and commit (%s)', (driver) => {
  it('is refused with SY_CONFLICT at every line up to the commit, the device as the other client left it, no session left', async () => {
    const t = await open(driver)
    const initial = structuredClone(t.mock.running)

    // The lines of an undisturbed apply of a stored plan, to know every point between the plan and the commit.
    const reference = await t.device.plan(DOC)
    const mark = t.mock.commandLog.length
    await t.device.apply(reference)
    const lines = t.mock.commandLog.slice(mark)
    const commitAt = lines.findIndex((l) => l.startsWith('commit timer'))
    expect(commitAt).toBeGreaterThan(5)
    expect(lines.some((l) => l.startsWith('show running-config'))).toBe(true)

    for (let k = 0; k < commitAt; k++) {
      t.mock.running = structuredClone(initial)
      const plan = await t.device.plan(DOC)
      const hook = changeBeforeLine(t.mock, k, THEIRS)
      const error = await t.device.apply(plan).catch((e: unknown) => e)
      hook.remove()
      const where = `injected before line ${k} '${lines[k]}'`
      expect(error, where).toBeInstanceOf(ConflictError)
      expect((error as ConflictError).code, where).toBe('SY_CONFLICT')
      expect(hook.after(), where).toContain('name theirs')
      expect(t.mock.runningConfig(), where).toBe(hook.after())
      expect(t.mock.runningConfig(), where).not.toContain('thirty')
      expect(liveSessions(t.mock), where).toEqual([])
      expect(t.device.unresolvedSessions, where).toEqual([])
    }
  })
})
