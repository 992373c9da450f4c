/**
 * One large `show interfaces` answer over SSH: how long switchyard's SSH channel takes to read 16 MB and 32 MB
 * (the mock in its own process, the session already open, median of 3), and how that scales; netmiko 2.4.2 reads the
 * 16 MB answer in the same run for comparison. The mock's port count is chosen so the output has the target size.
 */
import { fileURLToPath } from 'node:url'
import { SshChannel } from '../drivers/ssh/index.js'
import { median, report } from './bench-util.js'
import { spawnMock } from './spawn-mock.js'
import { runNetmikoScript, sshOptionsOf } from './spawned-mock-ssh.js'

const BYTES_PER_PORT = 1_968
const MIB = 1024 * 1024

interface Reading {
  readonly bytes: number
  readonly wallMs: number
  readonly clientCpuMs: number
}

async function readLarge(targetBytes: number, withNetmiko: boolean): Promise<{ ours: Reading; netmikoSeconds?: number }> {
  const mock = await spawnMock(undefined, Math.ceil(targetBytes / BYTES_PER_PORT))
  try {
    const channel = new SshChannel(sshOptionsOf(mock, { timeoutMs: 60_000 }))
    const readings: Reading[] = []
    try {
      await channel.runText(['show hostname'])
      for (let i = 0; i < 3; i++) {
        const cpu = process.cpuUsage()
        const start = performance.now()
        const [text] = await channel.runText(['show interfaces'])
        const wallMs = performance.now() - start
        const used = process.cpuUsage(cpu)
        readings.push({ bytes: Buffer.byteLength(text ?? ''), wallMs, clientCpuMs: (used.user + used.system) / 1000 })
      }
    } finally {
      await channel.close()
    }
    const ours: Reading = {
      bytes: readings[0]?.bytes ?? 0,
      wallMs: median(readings.map((r) => r.wallMs)),
      clientCpuMs: median(readings.map((r) => r.clientCpuMs)),
    }
    if (!withNetmiko) return { ours }
    const stdout = await runNetmikoScript('netmiko_large_output.py', mock, 600_000).catch((error: unknown) => JSON.stringify({ seconds: Number.NaN, error: String(error) }))
    return { ours, netmikoSeconds: (JSON.parse(stdout) as { seconds: number }).seconds }
  } finally {
    await mock.stop()
  }
}

/** Runs the large-output benchmark and prints its lines. */
export async function benchSshLargeOutput(): Promise<void> {
  const sixteen = await readLarge(16 * MIB, true)
  const thirtyTwo = await readLarge(32 * MIB, false)
  report('SSH read of one large show output (median of 3, mock in own process, session open)', {
    bytes16: sixteen.ours.bytes,
    wallMs16: sixteen.ours.wallMs,
    clientCpuMs16: sixteen.ours.clientCpuMs,
    bytes32: thirtyTwo.ours.bytes,
    wallMs32: thirtyTwo.ours.wallMs,
    clientCpuMs32: thirtyTwo.ours.clientCpuMs,
    timeRatio32to16: (thirtyTwo.ours.wallMs / sixteen.ours.wallMs).toFixed(2),
  })
  const netmikoMs = (sixteen.netmikoSeconds ?? Number.NaN) * 1000
  report('the same 16 MB answer: switchyard vs netmiko 2.4.2 send_command', {
    switchyardMs: sixteen.ours.wallMs,
    netmikoMs,
    speedup: Number.isFinite(netmikoMs) ? `${(netmikoMs / sixteen.ours.wallMs).toFixed(1)}x` : 'netmiko failed',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchSshLargeOutput()
