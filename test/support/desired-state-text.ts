import { expect } from 'vitest'
import { rendered, ValidationError, type DesiredStateInput } from '../../src/index.js'
import { MockSwitch, type MockSwitchOptions } from '../../mocks/index.js'

/**
 * The running-config of an 8-port mock (EOS `veos` unless `options` say otherwise) after `lines` on its console,
 * printed as EOS does; every line must be accepted.
 */
export function mockRunningConfig(lines: string[], options: Pick<MockSwitchOptions, 'platform' | 'profile'> = {}): string {
  const mock = new MockSwitch({ ports: 8, ...options })
  if (lines.length > 0) expect(mock.cli(['configure', ...lines, 'end'])).not.toMatch(/^%/m)
  return mock.runningConfig()
}

/** The problems `rendered(doc, state)` reports (it must refuse the document with a ValidationError). */
export async function problemsOf(doc: DesiredStateInput, state?: string): Promise<Array<{ path: ReadonlyArray<string | number>; message: string }>> {
  const error = await rendered(doc, state).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ValidationError)
  return [...(error as ValidationError).issues]
}
