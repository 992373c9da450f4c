/**
 * Runs N MockSwitch instances in one process (one shared HTTPS certificate), so that fleet benchmarks can spread a
 * thousand mocks over a few processes and keep them off the client's event loop. Prints one JSON line
 * `{ pid, fingerprintSha256, certificatePem, devices: [{ hostname, port, httpPort }] }`, then reads commands on stdin,
 * one per line: `stats` prints one JSON line of {@link MultiMockStats} (counted since start or the last `reset`);
 * `reset` zeroes the counters and prints `{}`. Serves until stdin closes.
 * Arguments: count, hostname prefix (hostnames are `<prefix><i>`, i from 1), front-panel ports (default 48).
 */
import { createInterface } from 'node:readline'
import { MockSwitch, type MockEndpoints } from '../mocks/index.js'
import type { EapiHttpRequest, EapiHttpResponse } from '../mocks/eapi/eapi-request-handler.js'

/** What the mocks of one process saw, summed over them. */
export interface MultiMockStats {
  /** HTTP requests answered (eAPI round trips), by path. */
  requests: Record<string, number>
  /** Lines received over eAPI (every command of every request). */
  commands: number
  /** `configure session …` lines received: configure sessions opened or re-entered. */
  sessionLines: number
  /** Devices that received at least one `configure session` line. */
  devicesWithSession: number
  /** TCP connections the HTTPS servers accepted (since start; not reset). */
  connectionsAccepted: number
  /** CPU time this process used (user + system), in ms. */
  cpuMs: number
  /** This process's resident set and heap, in bytes. */
  rss: number
  heapUsed: number
}

const count = Number(process.argv[2] ?? 250)
const prefix = process.argv[3] ?? 'sw'
const ports = Number(process.argv[4] ?? 48)
if (!Number.isInteger(count) || count < 1 || count > 2000) throw new Error('count must be 1-2000')

const devices = Array.from({ length: count }, (_, i) => new MockSwitch({ hostname: `${prefix}${i + 1}`, ports, username: 'admin', password: 'bench-pw', sharedCertificate: true }))
const requests = new Map<string, number>()
for (const dev of devices) {
  const handler = dev.eapiHandler
  const handle = handler.handle.bind(handler)
  handler.handle = (request: EapiHttpRequest): EapiHttpResponse => {
    requests.set(request.path, (requests.get(request.path) ?? 0) + 1)
    return handle(request)
  }
}
const journalMarks = devices.map(() => 0)
let cpuMark = process.cpuUsage()
const endpoints: MockEndpoints[] = []
for (let i = 0; i < devices.length; i += 50) endpoints.push(...(await Promise.all(devices.slice(i, i + 50).map((d) => d.listen()))))

const first = endpoints[0]?.eapi
process.stdout.write(
  `${JSON.stringify({
    pid: process.pid,
    fingerprintSha256: first?.fingerprintSha256,
    certificatePem: first?.certificatePem,
    devices: endpoints.map((e, i) => ({ hostname: devices[i]?.identity.hostname, port: e.eapi.port, httpPort: e.eapiHttp.port })),
  })}\n`,
)

function stats(): MultiMockStats {
  let commands = 0
  let sessionLines = 0
  let devicesWithSession = 0
  devices.forEach((dev, i) => {
    const entries = dev.journal.entries(journalMarks[i]).filter((e) => e.face === 'eapi')
    commands += entries.length
    const sessions = entries.filter((e) => /^configure session\b/.test(e.line)).length
    sessionLines += sessions
    if (sessions > 0) devicesWithSession++
  })
  const memory = process.memoryUsage()
  const cpu = process.cpuUsage(cpuMark)
  return {
    requests: Object.fromEntries(requests),
    commands,
    sessionLines,
    devicesWithSession,
    connectionsAccepted: endpoints.reduce((n, e) => n + e.eapi.connectionsAccepted, 0),
    cpuMs: (cpu.user + cpu.system) / 1000,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
  }
}

const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  if (line === 'stats') process.stdout.write(`${JSON.stringify(stats())}\n`)
  else if (line === 'reset') {
    requests.clear()
    cpuMark = process.cpuUsage()
    devices.forEach((dev, i) => (journalMarks[i] = dev.journal.entries().at(-1)?.seq ?? 0))
    process.stdout.write('{}\n')
  }
})
lines.on('close', () => {
  void Promise.all(devices.map((d) => d.close())).then(() => process.exit(0))
})
