/**
 * 1000 sequential `vlans.list()` with switchyard vs 1000 `enable('show vlan')` with Debian's pyeapi, against the same
 * mock over HTTPS, in one run. The mock runs in its own process, so neither client shares a core with it; both
 * sides time only the loop (pyeapi's interpreter start is excluded).
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { connect } from '../src/index.js'
import { report, timeMs } from './bench-util.js'
import { spawnMock } from './spawn-mock.js'

const COUNT = 1000
/** Calls before timing, so both the client and the mock process run JIT-compiled code (pyeapi gets the same). */
const WARMUP = 300
const run = promisify(execFile)

export async function benchVlansVsPyeapi(): Promise<void> {
  const mock = await spawnMock('100-119')
  try {
    for (const protocol of ['https', 'http'] as const) {
      const port = protocol === 'https' ? mock.port : mock.httpPort
      const sw = await connect({
        host: '127.0.0.1',
        port,
        driver: 'eapi',
        protocol,
        username: 'admin',
        password: 'bench-pw',
        tls: { ca: mock.certificatePem },
      })
      let ours: number
      try {
        for (let i = 0; i < WARMUP; i++) await sw.vlans.list()
        ours = await timeMs(async () => {
          for (let i = 0; i < COUNT; i++) await sw.vlans.list()
        })
      } finally {
        await sw.close()
      }
      const script = fileURLToPath(new URL('../../bench/pyeapi_show_vlan.py', import.meta.url))
      const { stdout } = await run('/usr/bin/python3', [script, protocol, '127.0.0.1', String(port), 'admin', String(COUNT), String(WARMUP)], {
        env: { ...process.env, SWITCHYARD_PASSWORD: 'bench-pw' },
        timeout: 600_000,
      })
      const theirs = (JSON.parse(stdout) as { seconds: number }).seconds * 1000
      report(`vlans.list() x${COUNT} vs pyeapi enable('show vlan') x${COUNT} (${protocol}, 21 VLANs, 48 ports)`, {
        switchyardMs: ours,
        pyeapiMs: theirs,
        switchyardPerCallMs: ours / COUNT,
        pyeapiPerCallMs: theirs / COUNT,
        speedup: `${(theirs / ours).toFixed(2)}x`,
      })
    }
  } finally {
    await mock.stop()
  }
}
