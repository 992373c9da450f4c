import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, rendered, ValidationError, type DesiredStateInput, type Device } from '../../src/index.js'
import { MockSwitch, type DeviceConfig } from '../../mocks/index.js'
import { desiredDocument } from '../support/desired-state-arbitraries.js'

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

async function arrange(start: DesiredStateInput): Promise<string> {
  mock.running = structuredClone(factory)
  expect(mock.cli(['configure', ...(await rendered(start, mock.runningConfig())), 'end'])).not.toMatch(/^%/m)
  mock.commandLog.length = 0
  return mock.runningConfig()
}

describe('desired state properties over SSH (fast-check, seeded)', () => {
  it(`after apply(D), plan(D) is empty, and the staged lines are rendered(D, S) — ${RUNS} cases`, async () => {
    let applied = 0
    await fc.assert(
      fc.asyncProperty(desiredDocument(), desiredDocument(), async (start, doc) => {
        const s = await arrange(start)
        let expected: string[]
        try {
          expected = await rendered(doc, s)
          await sw.apply(doc)
        } catch (error) {
          if (error instanceof ValidationError) return
          throw error
        }
        applied++
        const log = mock.commandLog
        const open = log.findIndex((l) => /^configure session switchyard-/.test(l))
        if (expected.length > 0) {
          const first = log.indexOf('show session-config diffs', open)
          expect(log.slice(first + 1, log.indexOf('show session-config diffs', first + 1))).toEqual(expected)
        } else {
          expect(open).toBe(-1)
        }
        expect((await sw.plan(doc)).lines).toEqual([])
      }),
      { numRuns: RUNS, seed: 1301 },
    )
    expect(applied).toBeGreaterThan(RUNS / 2)
  }, 120_000)
})
