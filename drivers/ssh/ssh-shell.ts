import net from 'node:net'
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2'
import {
  AuthenticationError,
  ConnectionError,
  HostKeyError,
  ResponseTooLargeError,
  TimeoutError,
  clip,
  redactSecrets,
  secretsOf,
} from '../../src/errors.js'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import { createHostKeyCheck, type HostKeyVerdict } from './host-key-check.js'
import { OutputBuffer } from './output-buffer.js'
import { ANY_PROMPT, PromptMatcher, type PromptState } from './prompt-matcher.js'

const MORE_AT_END = /\s?--More--\s?$/
const PASSWORD_PROMPT = /(?:^|\n)[Pp]assword: ?$/

/** Terminal size requested for the shell: wide, so EOS never wraps; tall, as paging is turned off anyway. */
const PTY = { term: 'vt100', cols: 511, rows: 1000 }

/** A prompt is short: only this many characters at the end of the buffer are ever looked at for one. */
const TAIL = 400

interface Waiter {
  /** Cheap test, run on every chunk: it looks at the tail of the buffer or at what arrived since it last ran. */
  check: () => boolean
  resolve: () => void
  reject: (error: Error) => void
}

/** Options of {@link SshShell.open} besides the connection options. */
export interface ShellLimits {
  /** Largest output one command may produce, in bytes; past it the connection is closed and the call fails. */
  maxResponseBytes: number
}

/**
 * One SSH connection with an interactive shell on a pty. Reads are event-driven and linear in the output: every
 * `data` chunk is appended to a buffer (ANSI sequences, the pager's erase sequence and `\r` removed) and the waiter
 * looks only at the buffer's tail (the prompt) or at text it has not searched yet (the echo), so a 16 MB answer
 * costs no more per byte than a small one. `--More--` is answered with a space wherever it shows up. Every wait is
 * bounded by a timeout whose error shows the last bytes received and the pattern awaited.
 */
export class SshShell {
  readonly #buffer = new OutputBuffer()
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
    private readonly limits: ShellLimits,
  ) {
    stream.on('data', (chunk: Buffer) => this.#onData(chunk.toString('utf8')))
    stream.stderr.on('data', (chunk: Buffer) => this.#onData(chunk.toString('utf8')))
    const onClose = () => this.#fail(new ConnectionError(`SSH connection to ${host} closed`, { host }))
    stream.on('close', onClose)
    client.on('close', onClose)
    client.on('error', (error: Error) => this.#fail(new ConnectionError(`SSH connection to ${host} failed: ${clip(redactSecrets(error.message, secrets))}`, { host, cause: error })))
  }

  /** True once the connection has dropped or was closed; the owner opens a new one. */
  get closed(): boolean {
    return this.#closed
  }

  /**
   * Opens TCP (own timeout), the SSH handshake with host key check (own timeout), authentication (own timeout), then a
   * shell, and waits for the first prompt. Each failure has its own error: ConnectionError, HostKeyError,
   * AuthenticationError, or TimeoutError with `phase`. A peer that closes the connection during the handshake is
   * reported at once, not when the handshake timeout runs out.
   */
  static async open(options: ResolvedConnectOptions, commandTimeoutMs: number, limits: ShellLimits): Promise<SshShell> {
    const ssh = options.ssh ?? {}
    const port = options.port ?? 22
    const host = `${options.host}:${port}`
    const secrets = [...secretsOf(options), ssh.passphrase]
    const check = createHostKeyCheck({ host: options.host, port, hostKeySha256: ssh.hostKeySha256, knownHostsFile: ssh.knownHostsFile, acceptAnyHostKey: ssh.acceptAnyHostKey })
    const socket = await connectTcp(options.host, port, ssh.connectTimeoutMs ?? 10_000, host)
    const client = new Client()
    let verdict: HostKeyVerdict | undefined
    const handshakeMs = ssh.handshakeTimeoutMs ?? 15_000
    const authMs = ssh.authTimeoutMs ?? 15_000
    const config: ConnectConfig = {
      sock: socket,
      username: options.username ?? '',
      readyTimeout: Math.min(handshakeMs + authMs + 1000, 2 ** 31 - 1),
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
      let done = false
      let timer = setTimeout(() => fail(new TimeoutError(`SSH handshake with ${host} did not complete within ${handshakeMs} ms`, handshakeMs, { host, phase: 'handshake' })), handshakeMs)
      const fail = (error: Error) => {
        if (done) return
        done = true
        clearTimeout(timer)
        client.removeAllListeners('ready')
        client.on('error', () => {})
        client.end()
        socket.destroy()
        reject(error)
      }
      const closedEarly = () => fail(new ConnectionError(`${host} closed the connection during the SSH ${phase}`, { host, requestSent: false }))
      client.once('handshake', () => {
        phase = 'authentication'
        clearTimeout(timer)
        timer = setTimeout(() => fail(new TimeoutError(`SSH authentication on ${host} did not complete within ${authMs} ms`, authMs, { host, phase: 'authentication' })), authMs)
      })
      client.once('ready', () => {
        if (done) return
        done = true
        clearTimeout(timer)
        client.off('close', closedEarly)
        socket.off('close', closedEarly)
        resolve()
      })
      client.once('close', closedEarly)
      socket.once('close', closedEarly)
      client.on('error', (error: Error & { level?: string }) => {
        if (verdict && !verdict.ok) {
          fail(
            new HostKeyError(
              `SSH host key of ${host} (${verdict.presented}) was refused: ${verdict.reason}. Nothing was sent.`,
              verdict.presented,
              { host },
            ),
          )
        } else if (error.level === 'client-authentication') {
          fail(new AuthenticationError(`SSH authentication failed for user '${clip(options.username ?? '', 64)}' on ${host}`, { host }))
        } else {
          fail(new ConnectionError(`SSH ${phase} with ${host} failed: ${clip(redactSecrets(error.message, secrets))}`, { host, requestSent: false }))
        }
      })
      client.connect(config)
    })
    const stream = await new Promise<ClientChannel>((resolve, reject) => {
      client.shell(PTY, (error, channel) => (error ? reject(new ConnectionError(`could not open a shell on ${host}: ${clip(error.message)}`, { host })) : resolve(channel)))
    })
    const shell = new SshShell(client, stream, host, secrets, limits)
    try {
      await shell.#learnPrompt(commandTimeoutMs)
    } catch (error) {
      shell.close()
      throw error
    }
    return shell
  }

  /**
   * Sends one line and returns what it printed (echo and prompt removed); the new prompt is in `state`. The answer
   * counts only from the echo of the line on, so a late prompt left over from an earlier exchange is never taken
   * for this one's end.
   */
  async send(line: string, timeoutMs: number): Promise<string> {
    this.#buffer.clear()
    this.write(`${line}\n`)
    const echo = this.#echoFinder(line, 0)
    await this.#waitFor(() => echo.end() !== undefined && this.#promptAtEnd(echo.end() as number) !== undefined, timeoutMs, this.prompt.pattern)
    return this.#take(line, echo.end() as number)
  }

  /**
   * Sends several lines in one write (type-ahead, as a user pasting them) and returns what each printed. The device
   * runs them one after the other without another client's command in between on a CLI that reads type-ahead (EOS
   * does), and the batch takes one round trip instead of one per line. Only for lines that print little or nothing
   * (configuration lines): a pager would eat the type-ahead.
   */
  async sendLines(lines: readonly string[], timeoutMs: number): Promise<string[]> {
    if (lines.length <= 1) return lines.length === 0 ? [] : [await this.send(lines[0] as string, timeoutMs)]
    this.#buffer.clear()
    this.write(lines.map((l) => `${l}\n`).join(''))
    const outputs: string[] = []
    let from = 0
    const deadline = Date.now() + timeoutMs
    for (const [i, line] of lines.entries()) {
      const echo = this.#echoFinder(line, from)
      const next = lines[i + 1]
      const left = Math.max(1, deadline - Date.now())
      if (next === undefined) {
        await this.#waitFor(() => echo.end() !== undefined && this.#promptAtEnd(echo.end() as number) !== undefined, left, this.prompt.pattern)
        outputs.push(this.#take(line, echo.end() as number))
        break
      }
      const nextEcho = this.#promptedEchoFinder(next, () => echo.end())
      await this.#waitFor(() => nextEcho.start() !== undefined, left, this.prompt.pattern)
      const start = echo.end() as number
      const promptStart = nextEcho.start() as number
      const found = this.prompt.match(this.#buffer.slice(start, nextEcho.echoStart() as number))
      if (found) this.state = found.state
      const endAt = promptStart > start && this.#buffer.charAt(promptStart - 1) === '\n' ? promptStart - 1 : promptStart
      outputs.push(stripEcho(this.#buffer.slice(start, endAt), line, this.prompt.hostname))
      from = promptStart
    }
    return outputs
  }

  /** Sends `enable` and answers `Password:` with the enable password. */
  async enable(password: string | undefined, timeoutMs: number): Promise<void> {
    this.#buffer.clear()
    this.write('enable\n')
    const echo = this.#echoFinder('enable', 0)
    const either = () => {
      const end = echo.end()
      if (end === undefined) return false
      const tail = this.#buffer.slice(Math.max(end, this.#buffer.length - TAIL))
      return PASSWORD_PROMPT.test(tail) || this.#promptAtEnd(end) !== undefined
    }
    await this.#waitFor(either, timeoutMs, new RegExp(`${PASSWORD_PROMPT.source}|${this.prompt.pattern.source}`))
    let rest = this.#buffer.slice(echo.end() as number)
    if (PASSWORD_PROMPT.test(rest.slice(-TAIL))) {
      if (password === undefined) {
        this.write('\x03')
        throw new AuthenticationError(`${this.host} asks for an enable password and none was given (enablePassword)`, { host: this.host })
      }
      this.#buffer.clear()
      this.write(`${password}\n`)
      await this.#waitFor(() => this.#promptAtEnd(0) !== undefined, timeoutMs, this.prompt.pattern)
      rest = this.#buffer.slice()
    }
    const found = this.prompt.match(rest.slice(-TAIL))
    this.#buffer.clear()
    if (found) this.state = found.state
    if (!this.state.privileged) {
      throw new AuthenticationError(`${this.host} refused privileged mode: ${clip((found?.before ?? '').trim()) || 'enable failed'}`, { host: this.host })
    }
  }

  /** Writes raw bytes to the shell. */
  write(data: string): void {
    if (!this.#closed) this.stream.write(data)
  }

  /** Closes the connection; a wait in progress fails at once. */
  close(): void {
    this.#fail(new ConnectionError(`SSH connection to ${this.host} was closed`, { host: this.host }))
    this.client.end()
  }

  /** The prompt at the very end of the buffer, looked for after `from` and in the last few hundred characters only. */
  #promptAtEnd(from: number): ReturnType<PromptMatcher['match']> {
    const start = Math.max(from, this.#buffer.length - TAIL)
    const tail = this.#buffer.slice(start)
    const found = this.prompt.match(tail)
    if (!found) return undefined
    if (found.before.length === 0 && tail[0] !== '\n' && start > from && this.#buffer.charAt(start - 1) !== '\n') return undefined
    return found
  }

  /** The command's output once its prompt is at the end: echo and prompt removed, `state` updated, buffer emptied. */
  #take(line: string, echoEnd: number): string {
    const found = this.#promptAtEnd(echoEnd)
    if (!found) throw new ConnectionError(`lost the prompt of ${this.host}`, { host: this.host })
    const tailStart = Math.max(echoEnd, this.#buffer.length - TAIL)
    const output = this.#buffer.slice(echoEnd, tailStart) + found.before
    this.#buffer.clear()
    this.state = found.state
    return stripEcho(output, line, this.prompt.hostname)
  }

  /**
   * Finds the echo of `line` (the line and a newline) at or after `from`, searching each part of the buffer once:
   * the next search starts where the last one stopped (less the echo's length, for an echo split across chunks).
   */
  #echoFinder(line: string, from: number): { end(): number | undefined } {
    const echo = `${line.trim()}\n`
    let searched = from
    let end: number | undefined
    return {
      end: () => {
        if (end !== undefined) return end
        const i = this.#buffer.indexOf(echo, Math.max(from, searched - echo.length))
        searched = this.#buffer.length
        if (i >= 0) end = i + echo.length
        return end
      },
    }
  }

  /** Finds `prompt + line` followed by a newline after the point `after()` gives: where the next line of a batch starts. */
  #promptedEchoFinder(line: string, after: () => number | undefined): { start(): number | undefined; echoStart(): number | undefined } {
    const echo = `${line.trim()}\n`
    let searched = -1
    let start: number | undefined
    let echoStart: number | undefined
    return {
      start: () => {
        if (start !== undefined) return start
        const base = after()
        if (base === undefined) return undefined
        let i = this.#buffer.indexOf(echo, Math.max(base, searched - echo.length))
        while (i >= 0) {
          const lineStart = this.#buffer.lastIndexOf('\n', i - 1) + 1
          if (lineStart >= base && i - lineStart <= TAIL) {
            const found = this.prompt.match(this.#buffer.slice(lineStart, i))
            if (found && found.before === '') {
              start = lineStart
              echoStart = i
              return start
            }
          }
          i = this.#buffer.indexOf(echo, i + 1)
        }
        searched = this.#buffer.length
        return undefined
      },
      echoStart: () => echoStart,
    }
  }

  async #learnPrompt(timeoutMs: number): Promise<void> {
    this.write('\n')
    await this.#waitFor(() => ANY_PROMPT.test(this.#buffer.tail(TAIL)), timeoutMs, ANY_PROMPT)
    const prompt = (ANY_PROMPT.exec(this.#buffer.tail(TAIL)) as RegExpExecArray)[1] as string
    this.prompt = PromptMatcher.fromPrompt(prompt)
    this.state = { prompt, privileged: prompt.endsWith('#'), configuring: prompt.includes('(config') }
    await new Promise((r) => setImmediate(r))
    this.#buffer.clear()
  }

  #onData(chunk: string): void {
    if (this.#closed) return
    this.#buffer.append(chunk.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r +\r/g, '').replace(/\r/g, ''))
    if (this.#buffer.length > this.limits.maxResponseBytes) {
      const limit = this.limits.maxResponseBytes
      this.#buffer.clear()
      this.#fail(new ResponseTooLargeError(`the output of ${this.host} exceeded maxResponseBytes (${limit} bytes); the connection was closed`, limit, { host: this.host }))
      this.client.end()
      return
    }
    const tail = this.#buffer.tail(20)
    if (MORE_AT_END.test(tail)) {
      this.#buffer.replaceTail(tail.length, tail.replace(MORE_AT_END, ''))
      this.write(' ')
      return
    }
    this.#settle()
  }

  /**
   * Resolves the waiter when its check passes and still passes once the bytes already delivered have been read
   * (one turn of the event loop, no timer): a prompt split off the doubled echo of a busy device is then not taken
   * for the end of the output.
   */
  #settle(): void {
    const waiter = this.#waiter
    if (!waiter?.check() || this.#settling) return
    this.#settling = true
    setImmediate(() => {
      this.#settling = false
      if (this.#waiter === waiter && waiter.check()) {
        this.#waiter = undefined
        waiter.resolve()
      }
    })
  }

  #waitFor(check: () => boolean, timeoutMs: number, pattern: RegExp): Promise<void> {
    if (this.#closed) return Promise.reject(this.#closeReason ?? new ConnectionError(`SSH connection to ${this.host} is closed`, { host: this.host }))
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined
        const tail = clip(redactSecrets(this.#buffer.tail(200), this.secrets))
        reject(
          new TimeoutError(`no prompt from ${this.host} within ${timeoutMs} ms: awaited /${clip(pattern.source)}/, last bytes received ${JSON.stringify(tail)}`, timeoutMs, {
            host: this.host,
            phase: 'command',
            requestSent: true,
          }),
        )
      }, timeoutMs)
      this.#waiter = {
        check,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      }
      this.#settle()
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
