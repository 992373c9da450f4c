import http from 'node:http'
import https from 'node:https'
import tls from 'node:tls'
import type { Duplex } from 'node:stream'
import type { CallOptions } from '../../src/driver.js'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import {
  AbortedError,
  AuthenticationError,
  AuthorizationError,
  CommandRejectedError,
  ConnectionError,
  ParseError,
  TimeoutError,
  redactSecrets,
} from '../../src/errors.js'
import type { CliChannel } from '../eos/cli-channel.js'
import { parseJsonKeepingBigInts } from './json-bigint.js'
import { PostError, httpPost } from './http-post.js'

type EapiCommand = string | { cmd: string; input: string }

interface JsonRpcError {
  code: number
  message: string
  data?: unknown[]
}

/** Default time limit of one eAPI call. */
export const DEFAULT_TIMEOUT_MS = 30_000

/**
 * eAPI: the JSON-RPC `runCmds` channel over HTTP(S) to `/command-api`. One HTTP request per call, on keep-alive
 * connections; Basic auth; `enable` (with its password when one is set) before the commands. HTTPS certificates are
 * verified against the system CAs or `tls.ca`, or pinned with `tls.fingerprintSha256`, unless
 * `tls.rejectUnauthorized: false` is given.
 */
export class EapiChannel implements CliChannel {
  readonly host: string
  readonly #protocol: 'http' | 'https'
  readonly #hostname: string
  readonly #port: number
  readonly #headers: Record<string, string>
  readonly #agent: http.Agent
  readonly #secrets: Array<string | undefined>
  readonly #enable: EapiCommand
  readonly #timeoutMs: number
  #nextId = 1

  constructor(options: ResolvedConnectOptions) {
    const protocol = options.protocol ?? 'https'
    const port = options.port ?? (protocol === 'https' ? 443 : 80)
    this.host = `${options.host}:${port}`
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#secrets = [options.password, options.enablePassword]
    this.#enable = options.enablePassword ? { cmd: 'enable', input: options.enablePassword } : 'enable'
    this.#protocol = protocol
    this.#hostname = options.host
    this.#port = port
    this.#agent = protocol === 'https' ? createHttpsAgent(options) : new http.Agent({ keepAlive: true, maxSockets: 4 })
    this.#headers = { 'content-type': 'application/json-rpc', accept: 'application/json' }
    if (options.username !== undefined) {
      this.#headers.authorization = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`
    }
  }

  async runJson(commands: readonly string[], options: CallOptions = {}): Promise<unknown[]> {
    const results: unknown[] = []
    let rest = [...commands]
    while (rest.length > 0) {
      try {
        results.push(...(await this.#run(rest, 'json', options)))
        rest = []
      } catch (error) {
        if (!(error instanceof UnconvertedCommand)) throw error
        results.push(...error.done)
        const [textResult] = await this.#run([rest[error.done.length] as string], 'text', options)
        results.push(textResult)
        rest = rest.slice(error.done.length + 1)
      }
    }
    return results
  }

  async runText(commands: readonly string[], options: CallOptions = {}): Promise<string[]> {
    const results = await this.#run(commands, 'text', options)
    return results.map((r) => String((r as { output?: unknown }).output ?? ''))
  }

  async close(): Promise<void> {
    this.#agent.destroy()
  }

  async #run(commands: readonly string[], format: 'json' | 'text', options: CallOptions): Promise<unknown[]> {
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs
    const id = `switchyard-${this.#nextId++}`
    const body = JSON.stringify({
      jsonrpc: '2.0',
      method: 'runCmds',
      id,
      params: { version: 1, cmds: [this.#enable, ...commands], format },
    })
    let response
    try {
      response = await httpPost({
        protocol: this.#protocol,
        agent: this.#agent,
        host: this.#hostname,
        port: this.#port,
        path: '/command-api',
        headers: this.#headers,
        body,
        timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      })
    } catch (error) {
      throw this.#transportError(error, timeoutMs)
    }
    if (response.status === 401) {
      throw new AuthenticationError(`eAPI at ${this.host} rejected the credentials (HTTP 401)`, { host: this.host })
    }
    if (response.status !== 200) {
      throw new ConnectionError(`eAPI at ${this.host} answered HTTP ${response.status}`, { host: this.host })
    }
    let payload: { result?: unknown[]; error?: JsonRpcError }
    try {
      payload = parseJsonKeepingBigInts(response.body) as typeof payload
    } catch {
      throw new ParseError(commands.join('; '), `eAPI at ${this.host} sent a body that is not JSON`, { host: this.host })
    }
    if (payload.error) throw this.#commandError(payload.error, commands, format)
    if (!Array.isArray(payload.result) || payload.result.length !== commands.length + 1) {
      throw new ParseError(commands.join('; '), 'the JSON-RPC result does not hold one entry per command', { host: this.host })
    }
    return payload.result.slice(1)
  }

  #commandError(error: JsonRpcError, commands: readonly string[], format: 'json' | 'text'): Error {
    const data = Array.isArray(error.data) ? error.data : []
    const failedAt = data.length - 1
    const last = data[failedAt] as { errors?: unknown } | undefined
    const errors = Array.isArray(last?.errors) ? last.errors.filter((e): e is string => typeof e === 'string' && e !== '') : []
    const deviceMessage = redactSecrets(errors.length > 0 ? errors.join('; ') : error.message, this.#secrets)
    if (error.code === 1003 && format === 'json' && failedAt >= 1) return new UnconvertedCommand(data.slice(1, failedAt))
    if (error.code === 1005) {
      return new AuthorizationError(`user lacks permission on ${this.host}: ${deviceMessage}`, { host: this.host })
    }
    if (failedAt === 0) {
      return new AuthenticationError(`could not enter privileged mode on ${this.host}: ${deviceMessage}`, { host: this.host })
    }
    if (failedAt < 0) {
      return new ConnectionError(`eAPI at ${this.host} refused the request: ${redactSecrets(error.message, this.#secrets)} (code ${error.code})`, { host: this.host })
    }
    return new CommandRejectedError(
      { command: commands[failedAt - 1] ?? '?', index: failedAt - 1, deviceMessage, deviceCode: error.code },
      { host: this.host },
    )
  }

  #transportError(error: unknown, timeoutMs: number): Error {
    if (!(error instanceof PostError)) return error as Error
    const failure = error.failure
    if (failure.kind === 'aborted') return new AbortedError(`call to ${this.host} was aborted`, { host: this.host })
    if (failure.kind === 'timeout') return new TimeoutError(`no answer from ${this.host} within ${timeoutMs} ms`, timeoutMs, { host: this.host })
    const { code, error: cause } = failure
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|FINGERPRINT/.test(code)) {
      return new ConnectionError(
        `TLS verification of ${this.host} failed (${code}): trust its certificate with tls.ca or tls.fingerprintSha256, ` +
          'or opt out with tls.rejectUnauthorized: false',
        { host: this.host, cause },
      )
    }
    return new ConnectionError(`cannot reach eAPI at ${this.host}: ${code}`, { host: this.host, cause })
  }
}

/** Raised inside the channel when a command has no JSON model (eAPI error 1003); carries the results before it. */
class UnconvertedCommand extends Error {
  constructor(readonly done: unknown[]) {
    super('unconverted command')
  }
}

function normaliseFingerprint(value: string): string {
  return value.replace(/:/g, '').toUpperCase()
}

function createHttpsAgent(options: ResolvedConnectOptions): https.Agent {
  const t = options.tls ?? {}
  const base: https.AgentOptions = { keepAlive: true, maxSockets: 4 }
  if (t.servername !== undefined) base.servername = t.servername
  if (t.fingerprintSha256 === undefined) {
    if (t.ca !== undefined) base.ca = t.ca
    base.rejectUnauthorized = t.rejectUnauthorized ?? true
    return new https.Agent(base)
  }
  const pinned = normaliseFingerprint(t.fingerprintSha256)
  const agent = new https.Agent(base)
  // The socket is handed to HTTP only after the pin is checked, so no request byte reaches an impostor.
  ;(agent as unknown as { createConnection: unknown }).createConnection = (
    connectOptions: tls.ConnectionOptions,
    callback: (error: Error | null, socket?: Duplex) => void,
  ) => {
    const socket = tls.connect({ ...connectOptions, rejectUnauthorized: false })
    const onError = (error: Error) => callback(error)
    socket.once('error', onError)
    socket.once('secureConnect', () => {
      socket.off('error', onError)
      const actual = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '')
      if (actual !== pinned) {
        socket.destroy()
        const error = new Error(`certificate fingerprint ${actual} does not match the pinned one`) as NodeJS.ErrnoException
        error.code = 'ERR_TLS_FINGERPRINT_MISMATCH'
        callback(error)
        return
      }
      callback(null, socket)
    })
    return undefined
  }
  return agent
}
