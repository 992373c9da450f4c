import type { CallOptions } from '../../src/driver.js'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import { AbortedError, ClosedError, CommandRejectedError, ParseError, clip } from '../../src/errors.js'
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/connect-options.js'
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
    return this.#enqueue({}, async () => undefined)
  }

  runJson(commands: readonly string[], options: CallOptions = {}): Promise<unknown[]> {
    return this.#enqueue(options, async (shell, timeoutMs) => {
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
          throw new ParseError(command, `the device's '| json' output is not JSON: ${JSON.stringify(output.slice(0, 120))}`, { host: this.host, requestSent: true })
        }
      }
      return results
    })
  }

  runText(commands: readonly string[], options: CallOptions = {}): Promise<string[]> {
    return this.#enqueue(options, async (shell, timeoutMs) => {
      const results: string[] = []
      for (const [index, command] of commands.entries()) {
        throwIfAborted(options.signal, this.host)
        results.push(await this.#checked(shell, command, index, timeoutMs))
      }
      return results
    })
  }

  /**
   * Sends the first line on its own (it enters a mode, e.g. `configure session S`; when the device rejects it,
   * nothing else is sent), then every other line in one write (type-ahead: the device runs them back to back, in one
   * round trip), and returns each one's output. The first line the device rejected is thrown as a
   * CommandRejectedError once all outputs are read, so the shell stays in step.
   */
  runTextBatch(commands: readonly string[], options: CallOptions = {}): Promise<string[]> {
    return this.#enqueue(options, async (shell, timeoutMs) => {
      throwIfAborted(options.signal, this.host)
      const [first, ...rest] = commands
      if (first === undefined) return []
      const head = await shell.send(first, timeoutMs)
      rejectOnError(head, first, 0, this.host)
      throwIfAborted(options.signal, this.host)
      const outputs = [head, ...(await shell.sendLines(rest, timeoutMs))]
      for (const [index, output] of outputs.entries()) rejectOnError(output, commands[index] as string, index, this.host)
      return outputs
    })
  }

  /** A second channel to the same device on its own SSH connection, for asking what became of an interrupted change. */
  fresh(): SshChannel {
    return new SshChannel(this.options)
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#shell?.close()
    await this.#queue.catch(() => undefined)
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
      shell = await SshShell.open(this.options, timeoutMs, { maxResponseBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES })
      this.#shell = shell
      await shell.send('terminal length 0', timeoutMs)
      await shell.send('terminal width 32767', timeoutMs)
    }
    if (shell.state.configuring) await shell.send('end', timeoutMs)
    if (!shell.state.privileged) await shell.enable(this.options.enablePassword, timeoutMs)
    return shell
  }

  /**
   * Runs `task` after the calls queued before it, on a ready shell. A timeout, an abort or a dropped connection in
   * the middle of an exchange leaves the shell in an unknown mode with output possibly still coming, so that shell
   * is closed: the next call opens a new one, which starts in exec mode.
   */
  #enqueue<T>(options: CallOptions, task: (shell: SshShell, timeoutMs: number) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new ClosedError({ host: this.host }))
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs
    const run = async (): Promise<T> => {
      throwIfAborted(options.signal, this.host, false)
      let shell: SshShell
      try {
        shell = await this.#ready(timeoutMs)
      } catch (error) {
        this.#shell?.close()
        throw error
      }
      const signal = options.signal
      let onAbort: (() => void) | undefined
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          shell.close()
          reject(new AbortedError(`call to ${this.host} was aborted while the device was answering`, { host: this.host, requestSent: true }))
        }
        signal?.addEventListener('abort', onAbort, { once: true })
      })
      aborted.catch(() => undefined)
      try {
        return await Promise.race([task(shell, timeoutMs), aborted])
      } catch (error) {
        if (!(error instanceof CommandRejectedError) && !(error instanceof ParseError)) shell.close()
        throw error
      } finally {
        if (onAbort) signal?.removeEventListener('abort', onAbort)
      }
    }
    const result = this.#queue.then(run, run)
    this.#queue = result.catch(() => undefined)
    return result
  }
}

function throwIfAborted(signal: AbortSignal | undefined, host: string, requestSent = true): void {
  if (signal?.aborted) throw new AbortedError(`call to ${host} was aborted`, { host, requestSent })
}

function rejectOnError(output: string, command: string, index: number, host: string): void {
  const error = output.split('\n').find((line) => line.startsWith('% '))
  if (error) throw new CommandRejectedError({ command, index, deviceMessage: clip(error.slice(2).trim()) }, { host })
}
