import type { ServerChannel } from 'ssh2'
import { CliSession } from '../cli/cli-session.js'
import { CliError } from '../cli/cli-error.js'
import type { CliHost } from '../cli/cli-host.js'
import { runForTerminal } from '../cli/terminal-output.js'
import type { CommandJournal } from '../command-journal.js'

/** Fault knobs the SSH face honours. */
export interface SshFaults {
  /** Delay before each command's output, in ms. */
  latencyMs: number
  /** Close the connection when the next command is entered. */
  dropConnections: boolean
  /** Most connections open at once per server (SSH, and each eAPI server); one more is refused. 0: no limit. */
  maxSessions: number
  /** Write output a few bytes at a time, splitting prompts across packets. */
  splitWrites: boolean
  /** Repaint the prompt and the typed line after the echo, as EOS does when it falls behind. */
  doubledEcho: boolean
  /** Page output at the pty's height even after `terminal length 0`, as devices that cannot turn paging off. */
  forcePaging: boolean
}

const MORE = ' --More-- '

/** The longest line a mock shell or exec channel accepts unless told otherwise (64 KiB). */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024

/** EOS-style refusal of a line over the cap (the line itself is not echoed back). */
export function lineTooLong(maxLineBytes: number): string {
  return `% Invalid input (line longer than ${maxLineBytes} bytes, discarded)\n`
}
/** Records a line run over a text face in the journal (an output starting `% ` is the device refusing it); returns the output. */
export function journaled(journal: CommandJournal | undefined, face: 'ssh' | 'console', line: string, output: string): string {
  if (journal) journal.record(face, line, output.startsWith('% ') ? (output.split('\n')[0] as string) : undefined)
  return output
}

const ENABLE = /^\s*en(a(b(le?)?)?)?\s*$/i
const LEAVE = /^\s*(exit|logout|quit)\s*$/i

/**
 * One interactive SSH shell on a mock switch: a cooked-terminal line discipline (echo, Enter as `\r`, `\n` or
 * `\r\n`, backspace, Ctrl-C, NUL ignored, no echo at `Password:`), EOS prompts, `--More--` paging when the
 * terminal length is not 0, and commands run through the device's CLI interpreter. Memory stays bounded whatever the
 * client sends: a line over `maxLineBytes` stops being stored or echoed as it streams in and is refused with a `% `
 * error at Enter; while a command runs, reading pauses (SSH flow control holds the client back). A throw inside the
 * session closes this channel only.
 */
export class ShellSession {
  readonly cli: CliSession
  #line = ''
  /** The current line passed the cap: the rest of it is discarded up to Enter. */
  #overflow = false
  #afterCr = false
  #state: 'line' | 'password' | 'more' | 'busy' = 'line'
  #pending = ''
  /** The client stopped reading: output waits in the channel, and so does further input. */
  #blocked = false
  #pager: { lines: string[]; next: number } | undefined
  #closed = false

  constructor(
    private readonly host: CliHost,
    private readonly channel: ServerChannel,
    private readonly faults: SshFaults,
    private readonly rows: number,
    private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
    private readonly journal?: CommandJournal,
  ) {
    this.cli = new CliSession(host)
    this.cli.terminalLength = rows > 0 ? rows : 24
    channel.on('data', (data: Buffer) => this.#guard(() => this.#input(data.toString('latin1'))))
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

  /** Runs `fn`; a throw (a bug, never client input) closes this channel and leaves every other session running. */
  #guard(fn: () => void): void {
    try {
      fn()
    } catch {
      this.#write('\r\n% Internal error: closing this session\r\n')
      this.#closed = true
      try {
        this.channel.close()
      } catch {
        // Already gone.
      }
    }
  }

  #write(text: string): void {
    if (this.#closed || this.channel.destroyed) return
    let flushed = true
    if (!this.faults.splitWrites) flushed = this.channel.write(text)
    else for (let i = 0; i < text.length; i += 5) flushed = this.channel.write(text.slice(i, i + 5))
    if (!flushed && !this.#blocked) {
      this.#blocked = true
      this.channel.once('drain', () => {
        this.#blocked = false
        this.#guard(() => this.#resumeInput())
      })
    }
  }

  #input(chunk: string): void {
    if (this.#closed) return
    let echo = ''
    for (let i = 0; i < chunk.length; i++) {
      if (this.#state === 'busy' || this.#blocked) {
        this.#hold(chunk.slice(i))
        break
      }
      const ch = chunk[i] as string
      if (this.#state === 'more') {
        this.#write(`\r${' '.repeat(MORE.length)}\r`)
        const page = (this.faults.forcePaging ? this.rows : this.cli.terminalLength) - 1
        this.#page(ch === 'q' || ch === 'Q' || ch === '\x03' ? 0 : ch === ' ' ? Math.max(1, page) : 1)
        continue
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
        this.#overflow = false
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
      if (this.#overflow) continue
      if (this.#line.length >= this.maxLineBytes) {
        this.#overflow = true
        this.#line = ''
        continue
      }
      this.#line += ch
      if (this.#state === 'line') echo += ch
    }
    if (echo) this.#write(echo)
  }

  /** Keeps input typed ahead while a command runs or the client is not reading, and stops reading until then. */
  #hold(text: string): void {
    this.#pending += text
    this.channel.pause()
  }

  /** Goes on with the input held back, once no command runs and the client reads again. */
  #resumeInput(): void {
    if (this.#closed || this.#state === 'busy' || this.#blocked) return
    if (this.#pending) {
      const pending = this.#pending
      this.#pending = ''
      this.#input(pending)
    }
    if ((this.#state as string) !== 'busy' && !this.#blocked && !this.#closed) this.channel.resume()
  }

  #enter(): void {
    const line = this.#line
    this.#line = ''
    this.#write('\r\n')
    if (this.#overflow) {
      this.#overflow = false
      if (this.#state === 'password') this.#state = 'line'
      this.#finish(lineTooLong(this.maxLineBytes))
      return
    }
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
    const run = () => this.#guard(() => this.#finish(journaled(this.journal, 'ssh', line, runForTerminal(this.cli, line))))
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
    this.#resumeInput()
  }
}
