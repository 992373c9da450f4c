/** 200 mock switches in one process; `counters.interfaces()` from all of them with a concurrency limit. */
import { connect, mapConcurrent, type Device } from '../src/index.js'
import { MockLab } from '../mocks/index.js'
import { report, timeMs } from './bench-util.js'

const DEVICES = 200
const LIMIT = 50

export async function benchFleetCounters(): Promise<void> {
  const lab = new MockLab()
  const devices: Device[] = []
  try {
    const startMs = await timeMs(() => lab.start(DEVICES, { ports: 48, username: 'admin', password: 'lab-pw', sharedCertificate: true }))
    for (const d of lab.devices) {
      d.setTraffic('Ethernet1', { inMbps: 500, outMbps: 500 })
      d.advanceTime(5)
    }
    const connectMs = await timeMs(async () => {
      const settled = await mapConcurrent(lab.endpoints, LIMIT, (ep) => connect(ep.eapi.connectOptions), { label: (ep) => ep.eapi.url })
      for (const s of settled) if (s.status === 'fulfilled') devices.push(s.value)
      const failed = settled.find((s) => s.status === 'rejected')
      if (failed) throw new Error(`connect to ${failed.label} failed: ${failed.error.message}`, { cause: failed.error })
    })
    const failures: string[] = []
    let rows = 0
    const countersMs = await timeMs(async () => {
      const settled = await mapConcurrent(devices, LIMIT, (sw) => sw.counters.interfaces(), { label: (_sw, i) => lab.devices[i]?.identity.hostname ?? `#${i}` })
      for (const s of settled) {
        if (s.status === 'rejected') failures.push(`${s.label}: ${s.error.message}`)
        else rows += s.value.length
      }
    })
    report(`counters.interfaces() from ${DEVICES} mock switches, concurrency ${LIMIT} (HTTPS)`, {
      wallMs: countersMs,
      interfacesRead: rows,
      failures: failures.length,
      connectAllMs: connectMs,
      labStartMs: startMs,
    })
    if (failures.length > 0) console.log(`  failed: ${failures.slice(0, 5).join('; ')}`)
  } finally {
    await Promise.all(devices.map((d) => d.close()))
    await lab.close()
  }
}
