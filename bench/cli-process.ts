import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

/** What a CLI run as a process printed and cost. */
export interface CliRun {
  stdout: string
  stderr: string
  exitCode: number | null
  wallMs: number
  /** Peak resident set of the CLI process, in kB. */
  peakRssKB: number
  /** Where the peak comes from: `/usr/bin/time -v` (maximum resident set size) or `/proc VmHWM` (polled every 20 ms). */
  peakRssSource: 'time -v' | 'VmHWM'
}

const TIME = '/usr/bin/time'

/**
 * Runs the built CLI (`dist/cli/main.js`) as a child process with `args` and extra environment variables, killed after
 * `timeoutMs`. Its peak RSS is read by `/usr/bin/time -v` when present, otherwise by polling `/proc/<pid>/status`.
 */
export async function runCliMeasured(args: readonly string[], env: Record<string, string>, timeoutMs: number): Promise<CliRun> {
  const main = fileURLToPath(new URL('../cli/main.js', import.meta.url))
  const viaTime = existsSync(TIME)
  const command = viaTime ? TIME : process.execPath
  const argv = viaTime ? ['-v', process.execPath, main, ...args] : [main, ...args]
  const started = performance.now()
  const child = spawn(command, argv, { env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  let hwm = 0
  const poll = viaTime
    ? undefined
    : setInterval(() => {
        readFile(`/proc/${child.pid}/status`, 'utf8')
          .then((s) => (hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0))))
          .catch(() => undefined)
      }, 20)
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject)
      child.once('close', (code) => resolve(code))
    })
    const wallMs = performance.now() - started
    const fromTime = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0)
    return { stdout, stderr, exitCode, wallMs, peakRssKB: viaTime ? fromTime : hwm, peakRssSource: viaTime ? 'time -v' : 'VmHWM' }
  } finally {
    clearTimeout(killer)
    if (poll) clearInterval(poll)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
}
