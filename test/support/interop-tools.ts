import { describe, it } from 'vitest'
import { missingNeeds, REQUIRE_INTEROP, type InteropNeed } from './interop-needs.js'

export { PYTHON, REQUIRE_INTEROP, missingNeeds, type InteropNeed } from './interop-needs.js'

/**
 * `describe` for a test that drives a real third-party tool. When a need is missing, the suite is reported as skipped
 * with the reason and the install command printed; with `SWITCHYARD_REQUIRE_INTEROP=1` it is a failing test instead.
 * None of the suite's hooks run when it is skipped.
 */
export function describeInterop(name: string, needs: readonly InteropNeed[], body: () => void): void {
  const missing = missingNeeds(needs)
  if (missing.length === 0) {
    describe(name, body)
    return
  }
  const message = `${missing.map((m) => `${m.need}: ${m.reason}; install: ${m.install}`).join('\n')}`
  if (REQUIRE_INTEROP) {
    describe(name, () => {
      it(`has ${needs.join(', ')} (SWITCHYARD_REQUIRE_INTEROP=1)`, () => {
        throw new Error(`missing on this machine:\n${message}`)
      })
    })
    return
  }
  console.warn(`[interop] skipped "${name}":\n${message}\n(set SWITCHYARD_REQUIRE_INTEROP=1 to make this a failure)`)
  describe.skip(`${name} [skipped: ${missing.map((m) => m.need).join(', ')} missing]`, body)
}
