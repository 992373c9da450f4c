/** 200 mock switches; 200 concurrent SSH sessions each connecting and reading `vlans.list()`: wall time. */
import { connect } from '../src/index.js'
import { MockLab } from '../mocks/index.js'
import { report, timeMs } from './bench-util.js'

const DEVICES = 200

export async function benchSshFleet(): Promise<void> {
  const lab = new MockLab()
  try {
    await lab.start(DEVICES, { ports: 48, username: 'admin', password: 'lab-pw', sharedCertificate: true })
    await measure(lab)
  } finally {
    await lab.close()
  }
}

async function measure(lab: MockLab): Promise<void> {
  let failures = 0
  let vlans = 0
  const wallMs = await timeMs(async () => {
    const settled = await Promise.allSettled(
      lab.endpoints.map(async (ep) => {
        const sw = await connect(ep.ssh.connectOptions)
        try {
          return await sw.vlans.list()
        } finally {
          await sw.close()
        }
      }),
    )
    for (const s of settled) {
      if (s.status === 'rejected') failures++
      else vlans += s.value.length
    }
  })
  report(`${DEVICES} concurrent SSH sessions (connect, enable, vlans.list(), close), mocks in the same process`, {
    wallMs,
    vlansRead: vlans,
    failures,
  })
}
