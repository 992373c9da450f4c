import fc from 'fast-check'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CommandRejectedError, connect, normalised, ValidationError, type DesiredStateInput, type Device } from '../../src/index.js'
import { MockSwitch, type DeviceConfig } from '../../mocks/index.js'
import { eapiHandlers } from '../../mocks/msw/index.js'
import { desiredDocument } from '../support/desired-state-arbitraries.js'
import { arrangeDesiredState, renderedOrInvalid, stagedLines } from '../support/desired-state-on-mock.js'

/**
 * The four properties of issue 12, over eAPI answered in-process by msw (the mock's own interpreter): for random
 * device states S (made by applying a random document on the console) and random valid documents D.
 */
const RUNS = 300
// A 7280R: its platform has LANZ, so the documents can carry a lanz section.
const mock = new MockSwitch({ hostname: 'prop1', ports: 8, profile: '7280r', username: 'admin', password: 'pw-prop' })
const document = (options: { allOverridden?: boolean } = {}) => desiredDocument({ ...options, lanz: true })
const server = setupServer(...eapiHandlers(mock, 'http://prop1.test'))
const factory: DeviceConfig = structuredClone(mock.running)
let sw: Device

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' })
  sw = await connect({ host: 'prop1.test', driver: 'eapi', protocol: 'http', username: 'admin', password: 'pw-prop' })
})
afterAll(async () => {
  await sw.close()
  server.close()
  await mock.close()
})

/** Puts the mock into state S: factory settings, then the lines of `start` on the console. */
const arrange = (start: DesiredStateInput): Promise<string> => arrangeDesiredState(mock, factory, start)

/** Applies D, or returns 'refused' when the plan refuses it (then nothing may have been sent). */
async function applyOrRefused(doc: DesiredStateInput): Promise<'applied' | 'refused'> {
  const before = mock.runningConfig()
  const sent = mock.commandLog.length
  try {
    await sw.apply(doc)
    return 'applied'
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    expect(mock.commandLog.slice(sent).filter((l) => !l.startsWith('show') && l !== 'enable')).toEqual([])
    expect(mock.runningConfig()).toBe(before)
    return 'refused'
  }
}

describe('desired state properties (fast-check, seeded, over eAPI via msw)', () => {
  it(`(1) after apply(D), plan(D) is empty — ${RUNS} cases`, async () => {
    let applied = 0
    let withLanz = 0
    await fc.assert(
      fc.asyncProperty(document(), document(), async (start, doc) => {
        await arrange(start)
        if ((await applyOrRefused(doc)) === 'refused') return
        applied++
        if (doc.lanz) withLanz++
        const again = await sw.plan(doc)
        expect(again.lines).toEqual([])
        expect(again.changed).toBe(false)
      }),
      { numRuns: RUNS, seed: 1201 },
    )
    expect(applied).toBeGreaterThan(RUNS / 2)
    expect(withLanz).toBeGreaterThan(applied / 4)
  }, 240_000)

  it(`(2) after apply(D) with every section overridden, gather() equals D normalised — ${RUNS} cases`, async () => {
    let applied = 0
    await fc.assert(
      fc.asyncProperty(document(), document({ allOverridden: true }), async (start, doc) => {
        await arrange(start)
        if ((await applyOrRefused(doc)) === 'refused') return
        applied++
        const gathered = await sw.gather()
        const expected = normalised(doc)
        const withoutManagement = (d: typeof gathered) => ({ ...d, interfaces: { state: 'overridden' as const, config: (d.interfaces?.config ?? []).filter((i) => !i.name.startsWith('Management')) } })
        const sections = Object.keys(doc).filter((k) => k !== 'platform') as Array<'vlans' | 'interfaces' | 'lags' | 'dhcpRelay' | 'lanz'>
        const pick = (d: typeof gathered) => Object.fromEntries(sections.map((s) => [s, withoutManagement(d)[s]]))
        expect(pick(gathered)).toEqual(pick(expected))
      }),
      { numRuns: RUNS, seed: 1202 },
    )
    expect(applied).toBeGreaterThan(RUNS / 2)
  }, 240_000)

  it(`(3) rendered(D, S) equals the lines an apply sent to a device in state S — ${RUNS} cases`, async () => {
    let applied = 0
    await fc.assert(
      fc.asyncProperty(document(), document(), async (start, doc) => {
        const s = await arrange(start)
        const expected = await renderedOrInvalid(doc, s)
        if (expected === undefined) return
        const mark = mock.commandLog.length
        if ((await applyOrRefused(doc)) === 'refused') return
        applied++
        const staged = stagedLines(mock.commandLog.slice(mark))
        expect(staged).toEqual(expected)
      }),
      { numRuns: RUNS, seed: 1203 },
    )
    expect(applied).toBeGreaterThan(RUNS / 2)
  }, 240_000)

  it(`(4) an apply the device rejects half-way leaves S byte-identical — ${RUNS} cases`, async () => {
    let rejected = 0
    await fc.assert(
      fc.asyncProperty(document(), document(), fc.double({ min: 0, max: 1, noNaN: true }), async (start, doc, where) => {
        const s = await arrange(start)
        const lines = await renderedOrInvalid(doc, s)
        if (lines === undefined) return
        const candidates = lines.filter((l) => l !== 'exit')
        if (candidates.length === 0) return
        const line = candidates[Math.min(candidates.length - 1, Math.floor(where * candidates.length))] as string
        const undo = mock.rejectCommand(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), '% Simulated rejection')
        try {
          const error = await sw.apply(doc).then(
            () => undefined,
            (e: unknown) => e,
          )
          expect(error).toBeInstanceOf(CommandRejectedError)
          rejected++
        } finally {
          undo()
        }
        expect(mock.runningConfig()).toBe(s)
        expect(mock.sessions.list().filter((x) => x.state !== 'completed')).toEqual([])
      }),
      { numRuns: RUNS, seed: 1204 },
    )
    expect(rejected).toBeGreaterThan(RUNS / 2)
  }, 240_000)
})
