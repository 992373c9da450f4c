import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The repository root (where `cli/main.ts` is). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** What a CLI process did. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node --import tsx cli/main.ts …args` as a process (stdout and stderr piped) and waits for it. */
export function runCli(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'cli/main.ts', ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error)
        resolve({ code: child.exitCode ?? 1, stdout, stderr })
      },
    )
  })
}
