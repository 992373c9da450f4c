/**
 * How long a topology lab takes to start: in-process (`MockLab.fromTopology`, every device with its own TLS
 * certificate and SSH host keys), and as `switchyard --json mock --topology … --state FILE` from spawn to its ready
 * line, first with a fresh state file (keys made) and then restarted on it (keys read back).
 * Run: `node --import tsx bench/lab-start.ts [devices]` (default 20).
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MockLab, type Topology } from '../mocks/index.js'
import { median, report, timeMs } from './bench-util.js'

/** The CLI next to this file: the built one under dist/ (`npm run bench`), or the sources through tsx. */
const FROM_SOURCE = import.meta.url.endsWith('.ts')
const CLI = fileURLToPath(new URL(FROM_SOURCE ? '../cli/main.ts' : '../cli/main.js', import.meta.url))

function topology(devices: number): Topology {
  return {
    defaults: { ports: 8, credentials: { username: 'admin', password: 'bench-pw' } },
    devices: Object.fromEntries(Array.from({ length: devices }, (_, i) => [`leaf${i + 1}`, {}])),
  } as Topology
}

/** Milliseconds from spawning the CLI until its ready line; the process is stopped with SIGTERM afterwards. */
async function cliReadyMs(args: string[]): Promise<number> {
  const start = performance.now()
  const child = spawn(process.execPath, [...(FROM_SOURCE ? ['--import', 'tsx'] : []), CLI, '--json', 'mock', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  try {
    await new Promise<void>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`no ready line within 120 s:\n${stderr}`)), 120_000)
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d
        if (out.includes('{"event":"ready"')) {
          clearTimeout(timer)
          resolve()
        }
      })
      void exited.then((code) => {
        clearTimeout(timer)
        reject(new Error(`exited with ${code}:\n${stderr}`))
      })
    })
    return performance.now() - start
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

/** Runs the benchmark and prints its lines. */
export async function benchLabStart(devices = 20, rounds = 3): Promise<void> {
  const inProcess: number[] = []
  for (let i = 0; i < rounds; i++) {
    let lab: MockLab | undefined
    inProcess.push(await timeMs(async () => (lab = await MockLab.fromTopology(topology(devices)))))
    await lab?.close()
  }
  report(`lab start in-process (${devices} devices, own keys)`, { medianMs: median(inProcess), runs: rounds })
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bench-lab-'))
  try {
    const file = join(dir, 'lab.yaml')
    await writeFile(file, JSON.stringify(topology(devices)))
    const fresh: number[] = []
    const restart: number[] = []
    for (let i = 0; i < rounds; i++) {
      const state = join(dir, `state-${i}.json`)
      fresh.push(await cliReadyMs(['--topology', file, '--state', state]))
      restart.push(await cliReadyMs(['--topology', file, '--state', state]))
    }
    report(`switchyard mock to ready (${devices} devices, new state file)`, { medianMs: median(fresh), runs: rounds })
    report(`switchyard mock to ready (${devices} devices, restarted on its state file)`, { medianMs: median(restart), runs: rounds })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchLabStart(Number(process.argv[2] ?? 20))
}
