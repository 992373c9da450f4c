import net from 'node:net'
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2'
import {
  AuthenticationError,
  ConnectionError,
  HostKeyError,
  TimeoutError,
  redactSecrets,
} from '../../src/errors.js'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import { createHostKeyCheck, type HostKeyVerdict } from './host-key-check.js'
import { ANY_PROMPT, PromptMatcher, type PromptState } from './prompt-matcher.js'

const MORE = /\s?--More--\s?$/
const PASSWORD_PROMPT = /(?:^|\n)[Pp]assword: ?$/

/** Terminal size requested for the shell: wide, so EOS never wraps; tall, as paging is turned off anyway. */
const PTY = { term: 'vt100', cols: 511, rows: 1000 }

interface Waiter {
  test: (buffer: string) => boolean
  resolve: () => void
  reject: (error: Error) => void
}

/**
 * One SSH connection with an interactive shell on a pty. Reads are event-driven: every `data` chunk is appended to a
 * buffer (ANSI sequences, the pager's erase sequence and `\r` removed) and checked against what is awaited, at the
 * end of the buffer only. `--More--` is answered with a space wherever it shows up. Every wait is bounded by a
 * timeout whose error shows the last bytes received and the pattern awaited.
 */
export class SshShell {
  #buffer = ''
  #waiter: Waiter | undefined
  #settling = false
  #closed = false
  #closeReason: Error | undefined
  prompt!: PromptMatcher
  state!: PromptState

  private constructor(
    private readonly client: Client,
    private readonly stream: ClientChannel,
    readonly host: string,
    private readonly secrets: Array<string | undefined>,
  ) {
    stream.on('data', (chunk: Buffer) => this.#onData(chunk.toString('utf8')))
    stream.stderr.on('data', (chunk: Buffer) => this.#onData(chunk.toString('utf8')))
    const onClose = () => this.#fail(new ConnectionError(`SSH connection to ${host} closed`, { host }))
    stream.on('close', onClose)
    client.on('close', onClose)
    client.on('error', (error: Error) => this.#fail(new ConnectionError(`SSH connection to ${host} failed: ${error.message}`, { host, cause: error })))
  }

  /** True once the connection has dropped; the owner opens a new one. */
  get closed(): boolean {
    return this.#closed
  }

  /**
   * Opens TCP (own timeout), the SSH handshake with host key check (own timeout), authentication (own timeout), then a
   * shell, and waits for the first prompt. Each failure has its own error: ConnectionError, HostKeyError,
   * AuthenticationError, or TimeoutError with `phase`.
   */
  static async open(options: ResolvedConnectOptions, commandTimeoutMs: number): Promise<SshShell> {
    const ssh = options.ssh ?? {}
    const port = options.port ?? 22
    const host = `${options.host}:${port}`
    const secrets = [options.password, options.enablePassword, ssh.passphrase]
    const check = createHostKeyCheck({ host: options.host, port, hostKeySha256: ssh.hostKeySha256, knownHostsFile: ssh.knownHostsFile, acceptAnyHostKey: ssh.acceptAnyHostKey })
    const socket = await connectTcp(options.host, port, ssh.connectTimeoutMs ?? 10_000, host)
    const client = new Client()
    let verdict: HostKeyVerdict | undefined
    const handshakeMs = ssh.handshakeTimeoutMs ?? 15_000
    const authMs = ssh.authTimeoutMs ?? 15_000
    const config: ConnectConfig = {
      sock: socket,
      username: options.username ?? '',
      readyTimeout: handshakeMs + authMs + 1000,
      keepaliveInterval: ssh.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: 3,
      tryKeyboard: ssh.tryKeyboard ?? true,
      hostVerifier: (key: Buffer) => {
        verdict = check(key)
        return verdict.ok
      },
    }
    if (options.password !== undefined) config.password = options.password
    if (ssh.privateKey !== undefined) config.privateKey = ssh.privateKey
    if (ssh.passphrase !== undefined) config.passphrase = ssh.passphrase
    if (ssh.algorithms !== undefined) config.algorithms = ssh.algorithms as NonNullable<ConnectConfig['algorithms']>
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => {
      finish(prompts.map(() => options.password ?? ''))
    })
    await new Promise<void>((resolve, reject) => {
      let phase: 'handshake' | 'authentication' = 'handshake'
      let timer = setTimeout(() => fail(new TimeoutError(`SSH handshake with ${host} did not complete within ${handshakeMs} ms`, handshakeMs, { host, phase: 'handshake' })), handshakeMs)
      const fail = (error: Error) => {
        clearTimeout(timer)
        client.removeAllListeners('ready')
        client.on('error', () => {})
        client.end()
        socket.destroy()
        reject(error)
      }
      client.once('handshake', () => {
        phase = 'authentication'
        clearTimeout(timer)
        timer = setTimeout(() => fail(new TimeoutError(`SSH authentication on ${host} did not complete within ${authMs} ms`, authMs, { host, phase: 'authentication' })), authMs)
      })
      client.once('ready', () => {
        clearTimeout(timer)
        resolve()
      })
      client.on('error', (error: Error & { level?: string }) => {
        if (verdict && !verdict.ok) {
          fail(
            new HostKeyError(
              `SSH host key of ${host} (${verdict.presented}) was refused: ${verdict.reason}. ` +
                'If the key really changed, update ssh.hostKeySha256 or the known_hosts file; nothing was sent.',
              verdict.presented,
              { host },
            ),
          )
        } else if (error.level === 'client-authentication') {
          fail(new AuthenticationError(`SSH authentication failed for user '${options.username ?? ''}' on ${host}`, { host }))
        } else {
          fail(new ConnectionError(`SSH ${phase} with ${host} failed: ${redactSecrets(error.message, secrets)}`, { host }))
        }
      })
      client.connect(config)
    })
    const stream = await new Promise<ClientChannel>((resolve, reject) => {
      client.shell(PTY, (error, channel) => (error ? reject(new ConnectionError(`could not open a shell on ${host}: ${error.message}`, { host })) : resolve(channel)))
    })
    const shell = new SshShell(client, stream, host, secrets)
    await shell.#learnPrompt(commandTimeoutMs)
    return shell
  }

  /**
   * Sends one line and returns what it printed (echo and prompt removed); the new prompt is in `state`. The answer
   * counts only from the echo of the line on, so a late prompt left over from an earlier exchange is never taken
   * for this one's end.
   */
  async send(line: string, timeoutMs: number): Promise<string> {
    this.#buffer = ''
    this.write(`${line}\n`)
    const rest = await this.#awaitAfterEcho(line, (b) => this.prompt.match(b) !== undefined, timeoutMs, this.prompt.pattern)
    const found = this.prompt.match(rest)
    this.#buffer = ''
    if (!found) throw new ConnectionError(`lost the prompt of ${this.host}`, { host: this.host })
    this.state = found.state
    return stripEcho(found.before, line, this.prompt.hostname)
  }

  /** Sends `enable` and answers `Password:` with the enable password. */
  async enable(password: string | undefined, timeoutMs: number): Promise<void> {
    this.#buffer = ''
    this.write('enable\n')
    const either = (b: string) => PASSWORD_PROMPT.test(b) || this.prompt.match(b) !== undefined
    let rest = await this.#awaitAfterEcho('enable', either, timeoutMs, new RegExp(`${PASSWORD_PROMPT.source}|${this.prompt.pattern.source}`))
    if (PASSWORD_PROMPT.test(rest)) {
      if (password === undefined) {
        this.write('\x03')
        throw new AuthenticationError(`${this.host} asks for an enable password and none was given (enablePassword)`, { host: this.host })
      }
      this.#buffer = ''
      this.write(`${password}\n`)
      await this.#waitFor((b) => this.prompt.match(b) !== undefined, timeoutMs, this.prompt.pattern)
      rest = this.#buffer
    }
    const found = this.prompt.match(rest)
    this.#buffer = ''
    if (found) this.state = found.state
    if (!this.state.privileged) {
      throw new AuthenticationError(`${this.host} refused privileged mode: ${(found?.before ?? '').trim() || 'enable failed'}`, { host: this.host })
    }
  }

  /** Waits until the echo of `line` has arrived and what follows it passes `test`; returns what follows the echo. */
  async #awaitAfterEcho(line: string, test: (rest: string) => boolean, timeoutMs: number, pattern: RegExp): Promise<string> {
    const echo = `${line.trim()}\n`
    const after = (b: string) => {
      const i = b.indexOf(echo)
      return i < 0 ? undefined : b.slice(i + echo.length)
    }
    await this.#waitFor(
      (b) => {
        const rest = after(b)
        return rest !== undefined && test(rest)
      },
      timeoutMs,
      pattern,
    )
    return after(this.#buffer) as string
  }

  /** Writes raw bytes to the shell. */
  write(data: string): void {
    if (!this.#closed) this.stream.write(data)
  }

  /** Closes the connection. */
  close(): void {
    this.#closed = true
    this.client.end()
  }

  async #learnPrompt(timeoutMs: number): Promise<void> {
    this.write('\n')
    await this.#waitFor((b) => ANY_PROMPT.test(b), timeoutMs, ANY_PROMPT)
    const prompt = (ANY_PROMPT.exec(this.#buffer) as RegExpExecArray)[1] as string
    this.prompt = PromptMatcher.fromPrompt(prompt)
    this.state = { prompt, privileged: prompt.endsWith('#'), configuring: prompt.includes('(config') }
    await new Promise((r) => setImmediate(r))
    this.#buffer = ''
  }

  #onData(chunk: string): void {
    this.#buffer += chunk.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r +\r/g, '').replace(/\r/g, '')
    if (MORE.test(this.#buffer)) {
      this.#buffer = this.#buffer.replace(MORE, '')
      this.write(' ')
      return
    }
    this.#settle()
  }

  /**
   * Resolves the waiter when the buffer matches and still matches once the bytes already delivered have been read
   * (one turn of the event loop, no timer): a prompt split off the doubled echo of a busy device is then not taken
   * for the end of the output.
   */
  #settle(): void {
    const waiter = this.#waiter
    if (!waiter?.test(this.#buffer) || this.#settling) return
    this.#settling = true
    setImmediate(() => {
      this.#settling = false
      if (this.#waiter === waiter && waiter.test(this.#buffer)) {
        this.#waiter = undefined
        waiter.resolve()
      }
    })
  }

  #waitFor(test: (buffer: string) => boolean, timeoutMs: number, pattern: RegExp): Promise<void> {
    if (this.#closed) return Promise.reject(this.#closeReason ?? new ConnectionError(`SSH connection to ${this.host} is closed`, { host: this.host }))
    if (test(this.#buffer)) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined
        const tail = redactSecrets(this.#buffer.slice(-200), this.secrets)
        reject(
          new TimeoutError(`no prompt from ${this.host} within ${timeoutMs} ms: awaited /${pattern.source}/, last bytes received ${JSON.stringify(tail)}`, timeoutMs, {
            host: this.host,
            phase: 'command',
          }),
        )
      }, timeoutMs)
      this.#waiter = {
        test,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      }
    })
  }

  #fail(error: Error): void {
    if (this.#closed && this.#closeReason) return
    this.#closed = true
    this.#closeReason = error
    const waiter = this.#waiter
    this.#waiter = undefined
    waiter?.reject(error)
  }
}

/**
 * Removes the echo of `line` from the start of a command's output, tolerating EOS's doubled echo (a repaint of
 * prompt + line after the echo).
 */
export function stripEcho(output: string, line: string, hostname: string): string {
  const lines = output.split('\n')
  const typed = line.trim()
  while (lines.length > 0) {
    const first = (lines[0] as string).trim()
    if (first === typed || (first.startsWith(hostname) && first.endsWith(typed) && typed !== '')) lines.shift()
    else break
  }
  return lines.join('\n')
}

function connectTcp(hostname: string, port: number, timeoutMs: number, label: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port })
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new TimeoutError(`TCP connection to ${label} did not open within ${timeoutMs} ms`, timeoutMs, { host: label, phase: 'connect' }))
    }, timeoutMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.setNoDelay(true)
      resolve(socket)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(new ConnectionError(`cannot open TCP connection to ${label}: ${error.code ?? error.message}`, { host: label, cause: error }))
    })
  })
}
