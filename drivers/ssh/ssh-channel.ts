import type { CallOptions } from '../../src/driver.js'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import { AbortedError, CommandRejectedError, ParseError } from '../../src/errors.js'
import type { CliChannel } from '../eos/cli-channel.js'
import { parseJsonKeepingBigInts } from '../eapi/json-bigint.js'
import { SshShell } from './ssh-shell.js'

/** Default time limit of one command over SSH. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 30_000

const UNCONVERTED = /^% This is an unconverted command/

/**
 * The EOS CLI over SSH as a {@link CliChannel}: one shell per device, calls queued in order, `terminal length 0` and
 * `terminal width` at open, `enable` with its password, `| json` for reads, and every line checked for EOS's `%`
 * errors. Each call starts from privileged exec mode (an interrupted configuration is left with `end`), and a
 * dropped connection is reopened on the next call.
 */
export class SshChannel implements CliChannel {
  readonly host: string
  #shell: SshShell | undefined
  #queue: Promise<unknown> = Promise.resolve()
  readonly #timeoutMs: number
  #closed = false

  constructor(private readonly options: ResolvedConnectOptions) {
    this.host = `${options.host}:${options.port ?? 22}`
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS
  }

  /** Opens the connection now (otherwise the first call does). */
  open(): Promise<void> {
    return this.#enqueue(async () => {
      await this.#ready(this.#timeoutMs)
    })
  }

  runJson(commands: readonly string[], options: CallOptions = {}): Promise<unknown[]> {
    return this.#enqueue(async () => {
      const timeoutMs = options.timeoutMs ?? this.#timeoutMs
      const shell = await this.#ready(timeoutMs)
      const results: unknown[] = []
      for (const [index, command] of commands.entries()) {
        throwIfAborted(options.signal, this.host)
        const output = await shell.send(`${command} | json`, timeoutMs)
        if (UNCONVERTED.test(output.trimStart())) {
          results.push({ output: await this.#checked(shell, command, index, timeoutMs) })
          continue
        }
        rejectOnError(output, command, index, this.host)
        try {
          results.push(parseJsonKeepingBigInts(output))
        } catch {
          throw new ParseError(command, `the device's '| json' output is not JSON: ${JSON.stringify(output.slice(0, 120))}`, { host: this.host })
        }
      }
      return results
    })
  }

  runText(commands: readonly string[], options: CallOptions = {}): Promise<string[]> {
    return this.#enqueue(async () => {
      const timeoutMs = options.timeoutMs ?? this.#timeoutMs
      const shell = await this.#ready(timeoutMs)
      const results: string[] = []
      for (const [index, command] of commands.entries()) {
        throwIfAborted(options.signal, this.host)
        results.push(await this.#checked(shell, command, index, timeoutMs))
      }
      return results
    })
  }

  async close(): Promise<void> {
    this.#closed = true
    await this.#queue.catch(() => undefined)
    this.#shell?.close()
  }

  async #checked(shell: SshShell, command: string, index: number, timeoutMs: number): Promise<string> {
    const output = await shell.send(command, timeoutMs)
    rejectOnError(output, command, index, this.host)
    return output
  }

  /** A connected shell in privileged exec mode: reopened after a drop, `end` after an interrupted configuration. */
  async #ready(timeoutMs: number): Promise<SshShell> {
    let shell = this.#shell
    if (!shell || shell.closed) {
      shell = await SshShell.open(this.options, timeoutMs)
      this.#shell = shell
      await shell.send('terminal length 0', timeoutMs)
      await shell.send('terminal width 32767', timeoutMs)
    }
    if (shell.state.configuring) await shell.send('end', timeoutMs)
    if (!shell.state.privileged) await shell.enable(this.options.enablePassword, timeoutMs)
    return shell
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new AbortedError(`the SSH channel to ${this.host} is closed`, { host: this.host }))
    const run = this.#queue.then(task, task)
    this.#queue = run.catch(() => undefined)
    return run
  }
}

function throwIfAborted(signal: AbortSignal | undefined, host: string): void {
  if (signal?.aborted) throw new AbortedError(`call to ${host} was aborted`, { host })
}

function rejectOnError(output: string, command: string, index: number, host: string): void {
  const error = output.split('\n').find((line) => line.startsWith('% '))
  if (error) throw new CommandRejectedError({ command, index, deviceMessage: error.slice(2).trim() }, { host })
}
