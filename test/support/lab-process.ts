import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** What `switchyard --json mock` prints once its lab is up. */
export interface ReadyLine {
  event: 'ready'
  devices: Array<{
    name: string
    endpoints: { eapiHttps: { port: number }; eapiHttp: { port: number }; ssh: { port: number }; snmp: { port: number } }
  }>
  control: { url: string; token: string | null; tokenFrom?: string }
  files: Record<string, string>
}

/** A `switchyard mock` child process. */
export interface LabProcess {
  child: ChildProcess
  ready: ReadyLine
  /** Everything written to stderr so far (the log lines). */
  stderr(): string
  /** Sends `signal` and resolves with the exit code (kills with SIGKILL after `timeoutMs`). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>
  /** A control API call with the token. */
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Starts `node --import tsx cli/main.ts --json mock ARGS` from the repository root and waits for its ready line. */
export async function startLabProcess(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<LabProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', '--json', 'mock', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`no ready line within ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs)
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d
      const line = out.split('\n').find((l) => l.startsWith('{"event":"ready"'))
      if (line) {
        clearTimeout(timer)
        resolve(JSON.parse(line) as ReadyLine)
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`switchyard mock exited with ${code} before it was ready; stderr:\n${stderr}`))
    })
  }).catch((error: unknown) => {
    child.kill('SIGKILL')
    throw error
  })
  return {
    child,
    ready,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM', stopTimeoutMs = 20_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs)
      try {
        return await exited
      } finally {
        clearTimeout(timer)
      }
    },
    control: async (method, path, body) => {
      const res = await fetch(`${ready.control.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ready.control.token ?? env.SWITCHYARD_MOCK_TOKEN ?? ""}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return { status: res.status, json: await res.json() }
    },
  }
}
