import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

describe('the microburst demo (npm run demo:microburst)', () => {
  it('turns LANZ on, shows the drop rate during the burst, the LANZ records and the chip counter, and exits 0', async () => {
    const { stdout } = await run(`${ROOT}node_modules/.bin/tsx`, ['examples/microburst-demo.ts'], { cwd: ROOT, timeout: 60_000 })
    expect(stdout).toContain('LANZ disabled, hardware drop counters supported')
    expect(stdout).toContain('queue-monitor length thresholds 500000 250000')
    // 36 Gb/s into 10 Gb/s with 1000-byte packets: 3.25 M drops/s once the 2 MB queue is full, in four 2 ms polls.
    expect(stdout.match(/Ethernet48 +\d+ +6500 +3250000\n/g)).toHaveLength(4)
    expect(stdout).toMatch(/\n0 +Ethernet48 +0 +- +-\n/)
    expect(stdout).toMatch(/\nend +Ethernet48 +0 +2000000 +3907 +13346 +Ethernet1,Ethernet2,Ethernet3,Ethernet4\n/)
    expect(stdout).toMatch(/\nstart +Ethernet48 +0 +500000 /)
    expect(stdout).toMatch(/Jericho0 +congestion +VoqCongestionDrops +30500 +1 /)
    expect(stdout).toContain('30500 packets in the burst; LANZ peak 2000000 bytes')
  }, 60_000)
})
