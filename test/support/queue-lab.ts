import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface, type Interface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** One device as a multi-mock child reports it. */
export interface MockDeviceReport {
  hostname: string
  maxOpen: number
  opens: number
  sessions: Array<{ name: string; state: string }>
  has?: boolean
  /** The running-config (when asked for with `config: true`). */
  config?: string
}

/** A child process serving many mocks (test/support/multi-mock-process.ts). */
export interface MockChild {
  devices: Array<{ hostname: string; port: number; fingerprintSha256: string }>
  ask(command: Record<string, unknown>): Promise<unknown>
  stop(): Promise<void>
}

/** Starts a child with `count` mocks named `PREFIX0…`, all with the given password (7130s with `platform: 'mos'`). */
export async function startMockChild(count: number, prefix: string, password: string, platform: 'eos' | 'mos' = 'eos'): Promise<MockChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/multi-mock-process.ts', String(count), prefix], {
    cwd: ROOT,
    env: { ...process.env, MOCK_PASSWORD: password, MOCK_PLATFORM: platform },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> })
  const first = await nextLine(lines, child, 120_000)
  const { devices } = JSON.parse(first) as { devices: MockChild['devices'] }
  let queue: Promise<unknown> = Promise.resolve()
  return {
    devices,
    ask: (command) => {
      const answer = queue.then(async () => {
        child.stdin?.write(`${JSON.stringify(command)}\n`)
        return JSON.parse(await nextLine(lines, child, 60_000)) as unknown
      })
      queue = answer.catch(() => undefined)
      return answer
    },
    stop: () => stopChild(child, () => child.stdin?.end()),
  }
}

/** A `switchyard worker` process and the JSON lines it logged. */
export interface WorkerProcess {
  readonly child: ChildProcess
  readonly lines: Array<Record<string, unknown>>
  /** Resolves when it logs a line for which `match` is true. */
  waitFor(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** Starts `switchyard worker` from source with the given arguments and environment. */
export async function startWorker(args: string[], env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'worker', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: Array<Record<string, unknown>> = []
  const waiters = new Set<() => void>()
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
  createInterface({ input: child.stdout as NonNullable<typeof child.stdout> }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>)
    } catch {
      lines.push({ msg: 'not json', line })
    }
    for (const w of waiters) w()
  })
  const waitFor = (match: (line: Record<string, unknown>) => boolean, timeoutMs = 60_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match)
        if (!found) return
        cleanup()
        resolve(found)
      }
      const timer = setTimeout(() => (cleanup(), reject(new Error(`worker did not log the line within ${timeoutMs} ms; stderr: ${stderr}`))), timeoutMs)
      const onExit = () => (cleanup(), reject(new Error(`worker exited (${child.exitCode ?? child.signalCode}); stderr: ${stderr}`)))
      const cleanup = () => {
        clearTimeout(timer)
        waiters.delete(check)
        child.off('exit', onExit)
      }
      waiters.add(check)
      child.once('exit', onExit)
      check()
    })
  await waitFor((l) => l.msg === 'worker started')
  return {
    child,
    lines,
    waitFor,
    stop: async (signal = 'SIGTERM') => {
      await stopChild(child, () => child.kill(signal))
      return child.exitCode
    },
  }
}

function nextLine(lines: Interface, child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (cleanup(), reject(new Error('no answer from the child'))), timeoutMs)
    const onLine = (line: string) => (cleanup(), resolve(line))
    const onExit = () => (cleanup(), reject(new Error(`child exited (${child.exitCode ?? child.signalCode})`)))
    const cleanup = () => {
      clearTimeout(timer)
      lines.off('line', onLine)
      child.off('exit', onExit)
    }
    lines.once('line', onLine)
    child.once('exit', onExit)
  })
}

function stopChild(child: ChildProcess, ask: () => void): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000)
    child.once('exit', () => (clearTimeout(timer), resolve()))
    ask()
  })
}
