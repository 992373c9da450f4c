import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

describe('the demo (npm start)', () => {
  it('walks through every step against the mock and exits 0', async () => {
    const { stdout } = await run(`${ROOT}node_modules/.bin/tsx`, ['examples/demo.ts'], { cwd: ROOT, timeout: 60_000 })
    for (const heading of ['== facts', '== VLANs after creating', '== switchports', '== port-channels', '== DHCP relay', '== dry run', '== committed', '== drops after 60 s']) {
      expect(stdout).toContain(heading)
    }
    expect(stdout).toContain("VLAN 30 is still named 'voice'")
    expect(stdout).toContain("VLAN 30 is now named 'phones'")
    expect(stdout).toMatch(/Ethernet48\s+ingress TC5\s+12500000/)
    expect(stdout).toMatch(/== Ethernet48 counters as JSON[^\n]*\n\{\n {2}"interface": "Ethernet48",\n {2}"inOctets": "\d+",/)
  }, 60_000)

  it('the 7130 demo taps, aggregates and prints the overflow, and exits 0', async () => {
    const { stdout } = await run(`${ROOT}node_modules/.bin/tsx`, ['examples/metawatch-demo.ts'], { cwd: ROOT, timeout: 60_000 })
    expect(stdout).toContain('(platform mos)')
    expect(stdout).toMatch(/ap57 +et32/)
    expect(stdout).toMatch(/\n0 +140 +100 +\d+ +39\.\d+ +64\n/)
    expect(stdout).toMatch(/et32 +0 +12500000000/)
    expect(stdout).toMatch(/== core 0 counters as JSON[^\n]*\n\{\n {2}"core": 0,[^}]*"bytesIn": "\d+"/)
  }, 60_000)
})
