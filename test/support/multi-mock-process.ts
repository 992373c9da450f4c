/**
 * Many MockSwitches in one child process, for fleet and queue tests whose mocks must not share the test's event loop.
 * argv: COUNT NAME_PREFIX. The password comes from MOCK_PASSWORD; MOCK_PLATFORM=mos makes them 7130s (default EOS). Prints one JSON line
 * `{ devices: [{ hostname, port, fingerprintSha256 }] }` (eAPI over HTTPS, one shared certificate), then answers
 * JSON commands on stdin, one per line, with one JSON line each:
 * - `{ "cmd": "report", "grep": "vlan 3001" }`: per device its switchyard sessions (name and state), the most that were
 *   ever open (pending or timer-held) at once, and whether its running-config has the line;
 * - `{ "cmd": "reset-max" }`: starts counting the most open sessions anew;
 * - `{ "cmd": "advance", "seconds": 301 }`: advances every device's simulated clock (commit timers run down);
 * - `{ "cmd": "reject", "host": "q3", "pattern": "^show hostname$", "message": "% …" }`: that device refuses matching
 *   lines from now on (`{ "cmd": "unreject" }` lifts every such refusal);
 * - `report` with `"config": true` adds each device's running-config.
 * Ends when stdin closes.
 */
import { createInterface } from 'node:readline'
import { MockSwitch } from '../../mocks/index.js'

const count = Number(process.argv[2] ?? 100)
const prefix = process.argv[3] ?? 'q'
const password = process.env.MOCK_PASSWORD ?? 'admin'
const platform = process.env.MOCK_PLATFORM === 'mos' ? 'mos' : 'eos'
const SWITCHYARD = /^switchyard-/

interface Watched {
  dev: MockSwitch
  maxOpen: number
  opens: number
}

const watched: Watched[] = []
const openCount = (dev: MockSwitch) => dev.sessions.list().filter((s) => SWITCHYARD.test(s.name) && s.state !== 'completed').length

for (let i = 0; i < count; i++) {
  const dev = new MockSwitch({ hostname: `${prefix}${i}`, platform, ports: 8, username: 'admin', password, sharedCertificate: true })
  const w: Watched = { dev, maxOpen: 0, opens: 0 }
  const store = dev.sessions
  const open = store.open.bind(store)
  store.open = (name?: string) => {
    const session = open(name)
    if (name && SWITCHYARD.test(name)) w.opens++
    w.maxOpen = Math.max(w.maxOpen, openCount(dev))
    return session
  }
  watched.push(w)
}
const endpoints = await Promise.all(watched.map((w) => w.dev.listen()))
process.stdout.write(
  `${JSON.stringify({ devices: watched.map((w, i) => ({ hostname: w.dev.identity.hostname, port: endpoints[i]?.eapi.port, fingerprintSha256: endpoints[i]?.eapi.fingerprintSha256 })) })}\n`,
)

const lines = createInterface({ input: process.stdin })
const undo: Array<() => void> = []
lines.on('line', (line) => {
  const command = JSON.parse(line) as { cmd: string; grep?: string; config?: boolean; seconds?: number; host?: string; pattern?: string; message?: string }
  const ok = () => process.stdout.write(`${JSON.stringify({ ok: true })}\n`)
  if (command.cmd === 'reset-max') {
    for (const w of watched) w.maxOpen = openCount(w.dev)
    return ok()
  }
  if (command.cmd === 'advance') {
    for (const w of watched) w.dev.advanceTime(command.seconds ?? 0)
    return ok()
  }
  if (command.cmd === 'reject') {
    const w = watched.find((x) => x.dev.identity.hostname === command.host)
    if (w) undo.push(w.dev.rejectCommand(new RegExp(command.pattern ?? '^$'), command.message ?? '% Refused'))
    return process.stdout.write(`${JSON.stringify({ ok: w !== undefined })}\n`)
  }
  if (command.cmd === 'unreject') {
    for (const u of undo.splice(0)) u()
    return ok()
  }
  const report = watched.map((w) => {
    const running = command.grep ? w.dev.runningConfig().split('\n') : []
    return {
      hostname: w.dev.identity.hostname,
      maxOpen: w.maxOpen,
      opens: w.opens,
      sessions: w.dev.sessions.list().filter((s) => SWITCHYARD.test(s.name)).map((s) => ({ name: s.name, state: s.state })),
      has: command.grep ? running.some((l) => l.trim() === command.grep) : undefined,
      ...(command.config ? { config: w.dev.runningConfig() } : {}),
    }
  })
  process.stdout.write(`${JSON.stringify({ report })}\n`)
})
lines.on('close', () => {
  void Promise.all(watched.map((w) => w.dev.close())).then(() => process.exit(0))
})
