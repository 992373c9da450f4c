import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'
import type { MultiMockStats } from './multi-mock-process.js'

/** One mock device served by a {@link MultiMockProcess}. */
export interface MultiMockDevice {
  hostname: string
  /** eAPI HTTPS port. */
  port: number
  httpPort: number
}

/** A child process serving many mock switches (see multi-mock-process.ts). */
export interface MultiMockProcess {
  pid: number
  /** The certificate all its mocks share, and its SHA-256 fingerprint (`AB:CD:…`). */
  fingerprintSha256: string
  certificatePem: string
  devices: MultiMockDevice[]
  /** Counters summed over its mocks since the last {@link reset}. */
  stats(): Promise<MultiMockStats>
  reset(): Promise<void>
  /** Closes its mocks and waits for it to exit (killed after 10 s). */
  stop(): Promise<void>
}

/**
 * Starts `multi-mock-process.js` next to this file with `count` mocks named `<prefix>1`… and waits for its endpoint
 * line (at most `startTimeoutMs`, default 120 s; the child is killed if it does not come).
 */
export async function spawnMultiMock(count: number, prefix: string, startTimeoutMs = 120_000): Promise<MultiMockProcess> {
  const script = fileURLToPath(new URL('./multi-mock-process.js', import.meta.url))
  const child = spawn(process.execPath, [script, String(count), prefix], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  const waiting: Array<(line: string) => void> = []
  const early: string[] = []
  lines.on('line', (line) => {
    const next = waiting.shift()
    if (next) next(line)
    else early.push(line)
  })
  const nextLine = (timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const queued = early.shift()
      if (queued !== undefined) return resolve(queued)
      const take = (line: string) => {
        clearTimeout(timer)
        child.off('exit', onExit)
        resolve(line)
      }
      const fail = (error: Error) => {
        clearTimeout(timer)
        child.off('exit', onExit)
        const at = waiting.indexOf(take)
        if (at >= 0) waiting.splice(at, 1)
        reject(error)
      }
      const timer = setTimeout(() => fail(new Error(`mock process ${child.pid} gave no answer within ${timeoutMs} ms`)), timeoutMs)
      const onExit = (code: number | null) => fail(new Error(`mock process ${child.pid} exited with ${code}`))
      child.once('exit', onExit)
      waiting.push(take)
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.once('exit', () => (clearTimeout(killer), resolve()))
      child.stdin.end()
    })
  try {
    const first = JSON.parse(await nextLine(startTimeoutMs)) as Omit<MultiMockProcess, 'stats' | 'reset' | 'stop'>
    const ask = async (command: string) => {
      child.stdin.write(`${command}\n`)
      return nextLine(30_000)
    }
    return {
      ...first,
      stats: async () => JSON.parse(await ask('stats')) as MultiMockStats,
      reset: async () => void (await ask('reset')),
      stop,
    }
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
}

/** Starts `processes` children of `perProcess` mocks each (prefixes `m1-`, `m2-`, …); stops those started if one fails. */
export async function spawnMultiMocks(processes: number, perProcess: number): Promise<MultiMockProcess[]> {
  const settled = await Promise.allSettled(Array.from({ length: processes }, (_, i) => spawnMultiMock(perProcess, `m${i + 1}-`)))
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (failed) {
    await Promise.all(started.map((p) => p.stop()))
    throw failed.reason
  }
  return started
}

/** Sums the counters of several mock processes. */
export function sumStats(all: readonly MultiMockStats[]): MultiMockStats {
  const requests: Record<string, number> = {}
  for (const s of all) for (const [path, n] of Object.entries(s.requests)) requests[path] = (requests[path] ?? 0) + n
  const total = (pick: (s: MultiMockStats) => number) => all.reduce((n, s) => n + pick(s), 0)
  return {
    requests,
    commands: total((s) => s.commands),
    sessionLines: total((s) => s.sessionLines),
    devicesWithSession: total((s) => s.devicesWithSession),
    connectionsAccepted: total((s) => s.connectionsAccepted),
    cpuMs: total((s) => s.cpuMs),
    rss: total((s) => s.rss),
    heapUsed: total((s) => s.heapUsed),
  }
}
