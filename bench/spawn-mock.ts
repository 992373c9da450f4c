import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'

/** A mock switch running in a child process. */
export interface MockProcess {
  port: number
  httpPort: number
  certificatePem: string
  sshPort: number
  sshHostKey: string
  stop(): Promise<void>
}

/**
 * Starts `mock-process.js` next to this file and waits for its endpoint line.
 * @param vlans extra VLANs as EOS range text
 * @param ports front-panel ports of the mock (default 48)
 */
export async function spawnMock(vlans?: string, ports?: number): Promise<MockProcess> {
  const script = fileURLToPath(new URL('./mock-process.js', import.meta.url))
  const args = [script, vlans ?? '-', ...(ports === undefined ? [] : [String(ports)])]
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`mock process exited with ${code}`)))
  })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.stdin.end()
    })
  try {
    return { ...(JSON.parse(first) as Omit<MockProcess, 'stop'>), stop }
  } catch (error) {
    child.kill()
    throw error
  }
}
