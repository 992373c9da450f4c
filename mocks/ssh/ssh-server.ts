import { timingSafeEqual } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import ssh2, { type AuthContext, type AuthenticationType, type Connection, type ServerChannel, type Session } from 'ssh2'
import type { ConnectOptions } from '../../src/connect-options.js'
import type { CliHost } from '../cli/cli-host.js'
import { CliSession } from '../cli/cli-session.js'
import { runForTerminal } from '../cli/terminal-output.js'
import { mockHostKeys, type MockHostKey } from './host-keys.js'
import { DEFAULT_MAX_LINE_BYTES, journaled, lineTooLong, ShellSession, type SshFaults } from './shell-session.js'
import type { CommandJournal } from '../command-journal.js'

/** A running SSH server of a mock device. */
export interface SshEndpoint {
  port: number
  /** Host key fingerprints, `SHA256:…`. */
  hostKeys: { ed25519: string; rsa: string }
  /** known_hosts lines for this server (`[127.0.0.1]:PORT ssh-ed25519 AAAA…`). */
  knownHosts: string
  /** What `connect()` needs: the ed25519 host key pinned. */
  connectOptions: ConnectOptions & { driver: 'ssh' }
  /** SSH connections accepted so far. */
  readonly connectionsAccepted: number
  close(): Promise<void>
}

/** How the mock authenticates SSH users. */
export interface SshAuth {
  username: string
  password: string
  /** OpenSSH public key lines (`ssh-ed25519 AAAA… comment`) allowed to log in as `username`. */
  authorizedKeys: string[]
  /** The methods offered, in order (default: password, keyboard-interactive, publickey). */
  methods: AuthenticationType[]
  rejectAll: () => boolean
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function checkPublicKey(ctx: Extract<AuthContext, { method: 'publickey' }>, authorized: string[]): boolean {
  for (const line of authorized) {
    const key = ssh2.utils.parseKey(line)
    if (key instanceof Error) continue
    if (key.type !== ctx.key.algo || !key.getPublicSSH().equals(ctx.key.data)) continue
    if (!ctx.signature || !ctx.blob) return true
    return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true
  }
  return false
}

/** Calls `fn`; a throw ends this client's connection only (never the server or the process). */
function guarded<A extends unknown[]>(client: Connection, fn: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      fn(...args)
    } catch {
      try {
        client.end()
      } catch {
        // The connection is already gone.
      }
    }
  }
}

/**
 * Starts an SSH server for a mock device on 127.0.0.1 (ephemeral port) with ed25519 and RSA host keys: password,
 * keyboard-interactive and public-key authentication, interactive shells with a pty, and exec channels. Every
 * session drives the device's one CLI interpreter. Lines (shell or exec) over `maxLineBytes` are refused with a `% `
 * error; a throw while serving one client closes that client's connection only.
 */
export async function startSshServer(options: {
  host: CliHost
  auth: SshAuth
  faults: SshFaults
  banner?: string
  motd?: string
  /** Longest CLI line accepted, in bytes (default {@link DEFAULT_MAX_LINE_BYTES}). */
  maxLineBytes?: number
  /** TCP port on 127.0.0.1 (default 0: one the OS picks). */
  port?: number
  /** Records every shell and exec line with its outcome. */
  journal?: CommandJournal
  /** The server's host keys (default: the ones every mock of the process shares, {@link mockHostKeys}). */
  hostKeys?: { ed25519: MockHostKey; rsa: MockHostKey }
}): Promise<SshEndpoint> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  const keys = options.hostKeys ?? mockHostKeys()
  const { auth } = options
  let connectionsAccepted = 0
  const clients = new Set<Connection>()
  const server = new ssh2.Server({ hostKeys: [keys.ed25519.privateKey, keys.rsa.privateKey], ...(options.banner ? { banner: options.banner } : {}) }, (client) => {
    connectionsAccepted++
    if (options.faults.maxSessions > 0 && clients.size >= options.faults.maxSessions) {
      // Over the session limit: disconnected right after the version exchange, as a device at its limit does.
      client.on('error', () => {})
      client.end()
      return
    }
    clients.add(client)
    ;(client as unknown as { setNoDelay(on: boolean): void }).setNoDelay(true)
    client.on('error', () => {})
    client.on('close', () => clients.delete(client))
    client.on('authentication', guarded(client, (ctx: AuthContext) => {
      const rejectMethods = auth.methods
      if (auth.rejectAll() || ctx.username !== auth.username || !rejectMethods.includes(ctx.method as AuthenticationType)) {
        ctx.reject(rejectMethods)
        return
      }
      if (ctx.method === 'password') {
        if (same(ctx.password, auth.password)) ctx.accept()
        else ctx.reject(rejectMethods)
      } else if (ctx.method === 'keyboard-interactive') {
        ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => {
          if (same(answers[0] ?? '', auth.password)) ctx.accept()
          else ctx.reject(rejectMethods)
        })
      } else if (ctx.method === 'publickey') {
        if (checkPublicKey(ctx, auth.authorizedKeys)) ctx.accept()
        else ctx.reject(rejectMethods)
      } else {
        ctx.reject(rejectMethods)
      }
    }))
    client.on('ready', () => {
      client.on('session', guarded(client, (acceptSession: () => Session) => {
        const session = acceptSession()
        let rows = 24
        session.on('pty', (accept, _reject, info) => {
          rows = Number.isSafeInteger(info.rows) && info.rows > 0 && info.rows < 100_000 ? info.rows : 24
          accept?.()
        })
        session.on('window-change', (accept) => accept?.())
        session.on('env', (accept) => accept?.())
        session.on('shell', guarded(client, (accept: () => ServerChannel) => {
          const channel = accept()
          new ShellSession(options.host, channel, options.faults, rows, maxLineBytes, options.journal).start(options.motd)
        }))
        session.on('exec', guarded(client, (accept: () => ServerChannel, _reject: unknown, info: { command: string }) => {
          const channel = accept()
          channel.on('error', () => {})
          const respond = () => {
            let output: string
            try {
              const command = String(info.command)
              output =
                Buffer.byteLength(command) > maxLineBytes
                  ? lineTooLong(maxLineBytes)
                  : journaled(options.journal, 'ssh', command, runForTerminal(new CliSession(options.host, { privileged: true }), command))
            } catch {
              output = '% Internal error\n'
            }
            try {
              channel.write(output)
              channel.exit(output.startsWith('% ') ? 1 : 0)
              channel.end()
            } catch {
              // The client went away before its answer: nothing to do.
            }
          }
          if (options.faults.latencyMs > 0) setTimeout(respond, options.faults.latencyMs)
          else respond()
        }))
      }))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    port,
    hostKeys: { ed25519: keys.ed25519.fingerprintSha256, rsa: keys.rsa.fingerprintSha256 },
    knownHosts: [keys.ed25519, keys.rsa].map((k) => `[127.0.0.1]:${port} ${k.publicKey}`).join('\n') + '\n',
    connectOptions: {
      host: '127.0.0.1',
      port,
      driver: 'ssh',
      username: auth.username,
      password: auth.password,
      ssh: { hostKeySha256: keys.ed25519.fingerprintSha256 },
    },
    get connectionsAccepted() {
      return connectionsAccepted
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end()
        server.close(() => resolve())
      }),
  }
}
