/** 200 mock switches in one process; `counters.interfaces()` from all of them with a concurrency limit. */
import { connect, mapConcurrent, type Device } from '../src/index.js'
import { MockLab } from '../mocks/index.js'
import { report, timeMs } from './bench-util.js'

const DEVICES = 200
const LIMIT = 50

export async function benchFleetCounters(): Promise<void> {
  const lab = new MockLab()
  let startMs = 0
  startMs = await timeMs(() => lab.start(DEVICES, { ports: 48, username: 'admin', password: 'lab-pw' }))
  for (const d of lab.devices) {
    d.setTraffic('Ethernet1', { inMbps: 500, outMbps: 500 })
    d.advanceTime(5)
  }
  let devices: Device[] = []
  const connectMs = await timeMs(async () => {
    const settled = await mapConcurrent(lab.endpoints, LIMIT, (ep) => connect(ep.eapi.connectOptions))
    devices = settled.map((s) => {
      if (s.status === 'rejected') throw s.reason
      return s.value
    })
  })
  let failures = 0
  let rows = 0
  const countersMs = await timeMs(async () => {
    const settled = await mapConcurrent(devices, LIMIT, (sw) => sw.counters.interfaces())
    for (const s of settled) {
      if (s.status === 'rejected') failures++
      else rows += s.value.length
    }
  })
  report(`counters.interfaces() from ${DEVICES} mock switches, concurrency ${LIMIT} (HTTPS)`, {
    wallMs: countersMs,
    interfacesRead: rows,
    failures,
    connectAllMs: connectMs,
    labStartMs: startMs,
  })
  await Promise.all(devices.map((d) => d.close()))
  await lab.close()
}
