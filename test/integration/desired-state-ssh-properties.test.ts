import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, ValidationError, type Device } from '../../src/index.js'
import { MockSwitch, type DeviceConfig } from '../../mocks/index.js'
import { desiredDocument } from '../support/desired-state-arbitraries.js'
import { arrangeDesiredState, renderedOrInvalid, stagedLines } from '../support/desired-state-on-mock.js'

/** Properties (1) and (3) over SSH, fewer cases than over eAPI (test/unit/desired-state-properties.test.ts). */
const RUNS = 40
let mock: MockSwitch
let sw: Device
let factory: DeviceConfig

beforeAll(async () => {
  mock = new MockSwitch({ hostname: 'propssh', ports: 8, username: 'admin', password: 'pw-prop' })
  factory = structuredClone(mock.running)
  sw = await connect((await mock.listen()).ssh.connectOptions)
})
afterAll(async () => {
  await sw.close()
  await mock.close()
})

describe('desired state properties over SSH (fast-check, seeded)', () => {
  it(`after apply(D), plan(D) is empty, and the staged lines are rendered(D, S) — ${RUNS} cases`, async () => {
    let applied = 0
    await fc.assert(
      fc.asyncProperty(desiredDocument(), desiredDocument(), async (start, doc) => {
        const expected = await renderedOrInvalid(doc, await arrangeDesiredState(mock, factory, start))
        if (expected === undefined) return
        try {
          await sw.apply(doc)
        } catch (error) {
          if (error instanceof ValidationError) return
          throw error
        }
        applied++
        if (expected.length > 0) expect(stagedLines(mock.commandLog)).toEqual(expected)
        else expect(mock.commandLog.some((l) => /^configure session switchyard-/.test(l))).toBe(false)
        expect((await sw.plan(doc)).lines).toEqual([])
      }),
      { numRuns: RUNS, seed: 1301 },
    )
    expect(applied).toBeGreaterThan(RUNS / 2)
  }, 120_000)
})
