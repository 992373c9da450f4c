import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

describe('the desired-state demo (npm run demo:desired-state)', () => {
  it('plans leaf.yaml, applies it with commit-confirm, confirms, and the second plan is empty', async () => {
    const { stdout } = await run(`${ROOT}node_modules/.bin/tsx`, ['examples/desired-state/plan-and-apply.ts'], { cwd: ROOT, timeout: 60_000 })
    expect(stdout).toContain('~ interfaces Ethernet1\n    description: "" -> rack4-host1\n    accessVlan: 1 -> 10')
    expect(stdout).toMatch(/Plan: 7 to add, 4 to change, 0 to remove/)
    expect(stdout).toContain("The device's own diff (dry-run session):")
    expect(stdout).toMatch(/applied: true, changed: true, \d+ lines, session switchyard-/)
    expect(stdout).toContain('confirmed')
    expect(stdout).toMatch(/== plan again\nNo changes\. The device matches the desired state\./)
  }, 60_000)
})
