import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port.js'

export { freePort } from './free-port.js'

/** How a test Redis is started. */
export interface RedisServerOptions {
  /** `requirepass`: clients must AUTH with it. */
  password?: string
  /** An ACL user besides `default` (`user NAME on >PASSWORD ~* &* +@all`). */
  aclUser?: { name: string; password: string }
  /** Append-only file on (so data survives a restart); default off, and no RDB snapshots either way. */
  appendOnly?: boolean
  /** Path of the redis-server binary (default: `redis-server` on PATH). */
  binary?: string
  /** Also serve TLS on a second port with this certificate and key (PEM files); clients need no certificate. */
  tls?: { certFile: string; keyFile: string }
}

/** A redis-server child process on 127.0.0.1 with its own temporary directory. */
export interface TestRedis {
  readonly port: number
  /** `redis://127.0.0.1:PORT` (no credentials in it). */
  readonly url: string
  /** `rediss://127.0.0.1:TLS_PORT` when started with `tls`. */
  readonly tlsUrl?: string
  /** The temporary data directory. */
  readonly dir: string
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). The port stays free for {@link start}. */
  stop(): Promise<void>
  /** Starts it again on the same port and directory (after {@link stop}). */
  start(): Promise<void>
  /** Stops the server and removes its directory. */
  close(): Promise<void>
}

/**
 * Starts `redis-server` on a free loopback port with a temporary directory, no snapshots and (unless asked) no
 * append-only file, and waits until it answers PING. Call `close()` in a `finally`/`afterAll`.
 */
export async function startRedis(options: RedisServerOptions = {}): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-redis-'))
  const port = await freePort()
  const tlsPort = options.tls ? await freePort() : undefined
  let child: ChildProcess | undefined
  const args = [
    '--bind', '127.0.0.1',
    '--port', String(port),
    '--dir', dir,
    '--save', '',
    '--appendonly', options.appendOnly ? 'yes' : 'no',
    '--protected-mode', 'yes',
    '--daemonize', 'no',
    '--loglevel', 'warning',
    ...(options.password ? ['--requirepass', options.password] : []),
    ...(options.tls ? ['--tls-port', String(tlsPort), '--tls-cert-file', options.tls.certFile, '--tls-key-file', options.tls.keyFile, '--tls-ca-cert-file', options.tls.certFile, '--tls-auth-clients', 'no'] : []),
    ...(options.aclUser ? ['--user', options.aclUser.name, 'on', `>${options.aclUser.password}`, '~*', '&*', '+@all'] : []),
  ]
  let stderr = ''
  const start = async (): Promise<void> => {
    const proc = spawn(options.binary ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
    child = proc
    proc.stdout?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
    proc.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
    const exited = new Promise<never>((_, reject) => {
      proc.once('error', reject)
      proc.once('exit', (code, signal) => reject(new Error(`redis-server exited (${code ?? signal}) before answering PING: ${stderr.trim()}`)))
    })
    await Promise.race([waitForPing(port, options.password, 10_000), exited])
  }
  const stop = async (): Promise<void> => {
    const proc = child
    child = undefined
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
    proc.kill('SIGTERM')
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000)
    await gone
    clearTimeout(timer)
  }
  try {
    await start()
  } catch (error) {
    await stop()
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    ...(tlsPort === undefined ? {} : { tlsUrl: `rediss://127.0.0.1:${tlsPort}` }),
    dir,
    stop,
    start,
    close: async () => {
      try {
        await stop()
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
  }
}

/** Sends PING (after AUTH when a password is set) until `+PONG` comes back, or fails after `timeoutMs`. */
async function waitForPing(port: number, password: string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await pingOnce(port, password)) return
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

function pingOnce(port: number, password: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    let answer = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1_000, () => done(false))
    socket.once('error', () => done(false))
    socket.on('data', (d) => {
      answer += d.toString()
      if (answer.includes('+PONG')) done(true)
      else if (answer.includes('-')) done(false)
    })
    socket.once('connect', () => {
      const auth = password ? `*2\r\n$4\r\nAUTH\r\n$${Buffer.byteLength(password)}\r\n${password}\r\n` : ''
      socket.write(`${auth}*1\r\n$4\r\nPING\r\n`)
    })
  })
}
