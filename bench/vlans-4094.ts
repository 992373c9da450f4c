/** `vlans.list()` on a switch holding all 4094 VLANs (median of 20 calls, over HTTPS). */
import { connect } from '../src/index.js'
import { MockSwitch } from '../mocks/index.js'
import { median, report, timeMs } from './bench-util.js'

export async function benchVlans4094(): Promise<void> {
  const dev = new MockSwitch({ hostname: 'full', ports: 48, username: 'admin', password: 'full-pw' })
  dev.cli(['configure', 'vlan 2-4094', 'end'])
  try {
    const { eapi } = await dev.listen()
    const sw = await connect(eapi.connectOptions)
    try {
      const first = await sw.vlans.list()
      if (first.length !== 4094) throw new Error(`expected 4094 VLANs, got ${first.length}`)
      const samples: number[] = []
      for (let i = 0; i < 20; i++) samples.push(await timeMs(() => sw.vlans.list()))
      report('vlans.list() with 4094 VLANs', { medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples) })
    } finally {
      await sw.close()
    }
  } finally {
    await dev.close()
  }
}
