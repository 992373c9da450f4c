import { expect } from 'vitest'
import { rendered, ValidationError, type DesiredStateInput } from '../../src/index.js'
import type { DeviceConfig, MockSwitch } from '../../mocks/index.js'

/**
 * Puts the mock into state S for a desired-state property: `factory` as its running configuration, then the lines
 * of `start` typed on its console (none may be refused); the command log is emptied. Resolves with S's running-config.
 */
export async function arrangeDesiredState(mock: MockSwitch, factory: DeviceConfig, start: DesiredStateInput): Promise<string> {
  mock.running = structuredClone(factory)
  expect(mock.cli(['configure', ...(await rendered(start, mock.runningConfig())), 'end'])).not.toMatch(/^%/m)
  mock.commandLog.length = 0
  return mock.runningConfig()
}

/** `rendered(doc, state)`, or `undefined` when the document is invalid against that state (a ValidationError). */
export async function renderedOrInvalid(doc: DesiredStateInput, state: string): Promise<string[] | undefined> {
  try {
    return await rendered(doc, state)
  } catch (error) {
    if (error instanceof ValidationError) return undefined
    throw error
  }
}

/** The configuration lines an apply staged, read from a mock's command log (between its two diff reads). */
export function stagedLines(log: readonly string[]): string[] {
  const open = log.findIndex((l) => /^configure session switchyard-/.test(l))
  if (open < 0) return []
  const first = log.indexOf('show session-config diffs', open)
  const last = log.indexOf('show session-config diffs', first + 1)
  return log.slice(first + 1, last)
}
