import type { ServerChannel } from 'ssh2'
import { CliSession } from '../cli/cli-session.js'
import { CliError } from '../cli/cli-error.js'
import type { CliHost } from '../cli/cli-host.js'
import { runForTerminal } from '../cli/terminal-output.js'

/** Fault knobs the SSH face honours. */
export interface SshFaults {
  /** Delay before each command's output, in ms. */
  latencyMs: number
  /** Close the connection when the next command is entered. */
  dropConnections: boolean
  /** Write output a few bytes at a time, splitting prompts across packets. */
  splitWrites: boolean
  /** Repaint the prompt and the typed line after the echo, as EOS does when it falls behind. */
  doubledEcho: boolean
  /** Page output at the pty's height even after `terminal length 0`, as devices that cannot turn paging off. */
  forcePaging: boolean
}

const MORE = ' --More-- '
const ENABLE = /^\s*en(a(b(le?)?)?)?\s*$/i
const LEAVE = /^\s*(exit|logout|quit)\s*$/i

/**
 * One interactive SSH shell on a mock switch: a cooked-terminal line discipline (echo, Enter as `\r`, `\n` or
 * `\r\n`, backspace, Ctrl-C, NUL ignored, no echo at `Password:`), EOS prompts, `--More--` paging when the
 * terminal length is not 0, and commands run through the device's CLI interpreter.
 */
export class ShellSession {
  readonly cli: CliSession
  #line = ''
  #afterCr = false
  #state: 'line' | 'password' | 'more' | 'busy' = 'line'
  #pending = ''
  #pager: { lines: string[]; next: number } | undefined
  #closed = false

  constructor(
    private readonly host: CliHost,
    private readonly channel: ServerChannel,
    private readonly faults: SshFaults,
    private readonly rows: number,
  ) {
    this.cli = new CliSession(host)
    this.cli.terminalLength = rows > 0 ? rows : 24
    channel.on('data', (data: Buffer) => this.#input(data.toString('latin1')))
    channel.on('close', () => {
      this.#closed = true
    })
    channel.on('error', () => {
      this.#closed = true
    })
  }

  /** Prints the greeting prompt. */
  start(motd?: string): void {
    this.#write(`${motd ? `${motd.replace(/\r?\n/g, '\r\n')}\r\n` : ''}${this.cli.prompt()}`)
  }

  #write(text: string): void {
    if (this.#closed || this.channel.destroyed) return
    if (!this.faults.splitWrites) {
      this.channel.write(text)
      return
    }
    for (let i = 0; i < text.length; i += 5) this.channel.write(text.slice(i, i + 5))
  }

  #input(chunk: string): void {
    if (this.#state === 'busy') {
      this.#pending += chunk
      return
    }
    let echo = ''
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i] as string
      if (this.#state === 'more') {
        this.#write(`\r${' '.repeat(MORE.length)}\r`)
        const page = (this.faults.forcePaging ? this.rows : this.cli.terminalLength) - 1
        this.#page(ch === 'q' || ch === 'Q' || ch === '\x03' ? 0 : ch === ' ' ? Math.max(1, page) : 1)
        continue
      }
      if ((this.#state as string) === 'busy') {
        this.#pending += chunk.slice(i)
        break
      }
      const wasCr = this.#afterCr
      this.#afterCr = ch === '\r'
      if (ch === '\n' && wasCr) continue
      if (ch === '\r' || ch === '\n') {
        if (echo) this.#write(echo)
        echo = ''
        this.#enter()
        continue
      }
      if (ch === '\x00' || ch === '\x1b') continue
      if (ch === '\x03') {
        this.#line = ''
        this.#state = 'line'
        echo += `^C\r\n${this.cli.prompt()}`
        continue
      }
      if (ch === '\x7f' || ch === '\b') {
        if (this.#line.length > 0) {
          this.#line = this.#line.slice(0, -1)
          if (this.#state === 'line') echo += '\b \b'
        }
        continue
      }
      if (ch < ' ') continue
      this.#line += ch
      if (this.#state === 'line') echo += ch
    }
    if (echo) this.#write(echo)
  }

  #enter(): void {
    const line = this.#line
    this.#line = ''
    this.#write('\r\n')
    if (this.#state === 'password') {
      this.#state = 'line'
      this.#finish(this.#enable(line))
      return
    }
    if (this.faults.dropConnections) {
      this.channel.close()
      return
    }
    if (this.faults.doubledEcho && line.trim() !== '') this.#write(`${this.cli.prompt()}${line}\r\n`)
    if (this.cli.mode.kind === 'exec' && LEAVE.test(line)) {
      this.channel.exit(0)
      this.channel.end()
      this.#closed = true
      return
    }
    if (!this.cli.privileged && this.host.enablePassword !== undefined && ENABLE.test(line)) {
      this.#state = 'password'
      this.#write('Password: ')
      return
    }
    this.#state = 'busy'
    const run = () => this.#finish(runForTerminal(this.cli, line))
    if (this.faults.latencyMs > 0) setTimeout(run, this.faults.latencyMs)
    else run()
  }

  #enable(secret: string): string {
    try {
      this.cli.execute('enable', secret)
      return ''
    } catch (error) {
      if (error instanceof CliError) return '% Access denied\n'
      throw error
    }
  }

  #finish(output: string): void {
    const lines = output === '' ? [] : output.replace(/\n$/, '').split('\n')
    this.#pager = { lines, next: 0 }
    const length = this.faults.forcePaging ? this.rows : this.cli.terminalLength
    this.#page(length === 0 ? Number.POSITIVE_INFINITY : length - 1)
  }

  #page(count: number): void {
    const pager = this.#pager
    if (!pager) return
    const end = count === 0 ? pager.lines.length : Math.min(pager.lines.length, pager.next + count)
    if (count > 0 && pager.next < end) this.#write(pager.lines.slice(pager.next, end).map((l) => `${l}\r\n`).join(''))
    pager.next = count === 0 ? pager.lines.length : end
    if (pager.next < pager.lines.length) {
      this.#state = 'more'
      this.#write(MORE)
      return
    }
    this.#pager = undefined
    this.#state = 'line'
    this.#write(this.cli.prompt())
    if (this.#pending) {
      const pending = this.#pending
      this.#pending = ''
      this.#input(pending)
    }
  }
}
