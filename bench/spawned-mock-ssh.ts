import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { ConnectOptionsSchema, type ResolvedConnectOptions } from '../src/index.js'
import type { MockProcess } from './spawn-mock.js'

const run = promisify(execFile)

/** switchyard's SSH options for a spawned mock: admin with the bench password, its host key pinned. */
export function sshOptionsOf(mock: MockProcess, extra: { readonly timeoutMs?: number } = {}): ResolvedConnectOptions {
  return ConnectOptionsSchema.parse({
    host: '127.0.0.1',
    port: mock.sshPort,
    driver: 'ssh',
    username: 'admin',
    password: 'bench-pw',
    ssh: { hostKeySha256: mock.sshHostKey },
    ...extra,
  })
}

/**
 * Runs one of the netmiko scripts in `bench/` with Debian's python3 against a spawned mock (as admin, the password
 * in `SWITCHYARD_PASSWORD`) and resolves with what it printed.
 */
export async function runNetmikoScript(scriptName: string, mock: MockProcess, timeoutMs: number): Promise<string> {
  const script = fileURLToPath(new URL(`../../bench/${scriptName}`, import.meta.url))
  const { stdout } = await run('/usr/bin/python3', [script, '127.0.0.1', String(mock.sshPort), 'admin'], {
    env: { ...process.env, SWITCHYARD_PASSWORD: 'bench-pw' },
    timeout: timeoutMs,
  })
  return stdout
}
