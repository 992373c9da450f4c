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
  ResponseTooLargeError,
  TimeoutError,
  clip,
  redactSecrets,
  secretsOf,
} from '../../src/errors.js'
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/connect-options.js'
import { sharedSecureContext } from './secure-context-cache.js'
import { readEnvelope, type JsonRpcError } from './json-rpc-envelope.js'
import type { CliChannel } from '../eos/cli-channel.js'
import { parseJsonKeepingBigInts } from './json-bigint.js'
import { PostError, httpPost } from './http-post.js'

type EapiCommand = string | { cmd: string; input: string }

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
  readonly #maxResponseBytes: number
  readonly #options: ResolvedConnectOptions
  #nextId = 1

  constructor(options: ResolvedConnectOptions) {
    this.#options = options
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
    const protocol = options.protocol ?? 'https'
    const port = options.port ?? (protocol === 'https' ? 443 : 80)
    this.host = `${options.host}:${port}`
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#secrets = secretsOf(options)
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

  /** One request, as {@link runText}: eAPI runs a request's commands in order and stops at the first failure. */
  runTextBatch(commands: readonly string[], options: CallOptions = {}): Promise<string[]> {
    return this.runText(commands, options)
  }

  async close(): Promise<void> {
    this.#agent.destroy()
  }

  /** A second channel to the same device on its own connections, for asking what became of an interrupted change. */
  fresh(): EapiChannel {
    return new EapiChannel(this.#options)
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
        maxResponseBytes: this.#maxResponseBytes,
        ...(options.signal ? { signal: options.signal } : {}),
      })
    } catch (error) {
      throw this.#transportError(error, timeoutMs)
    }
    const what = commands.join('; ')
    if (response.status === 401) {
      throw new AuthenticationError(`eAPI at ${this.host} rejected the credentials (HTTP 401)`, { host: this.host })
    }
    if (response.status !== 200) {
      throw new ConnectionError(`eAPI at ${this.host} answered HTTP ${response.status}`, { host: this.host, requestSent: true })
    }
    let parsed: unknown
    try {
      parsed = parseJsonKeepingBigInts(response.body)
    } catch {
      throw new ParseError(what, `eAPI at ${this.host} sent a body that is not JSON`, { host: this.host, requestSent: true })
    }
    const envelope = readEnvelope(parsed, commands.length + 1, format)
    if ('invalid' in envelope) {
      throw new ParseError(what, `eAPI at ${this.host} sent a malformed JSON-RPC answer: ${redactSecrets(envelope.invalid, this.#secrets)}`, { host: this.host, requestSent: true })
    }
    if ('error' in envelope) throw this.#commandError(envelope.error, commands, format)
    return envelope.result.slice(1)
  }

  #commandError(error: JsonRpcError, commands: readonly string[], format: 'json' | 'text'): Error {
    const data = Array.isArray(error.data) ? error.data : []
    const failedAt = data.length - 1
    const last = data[failedAt] as { errors?: unknown } | undefined
    const errors = Array.isArray(last?.errors) ? last.errors.filter((e): e is string => typeof e === 'string' && e !== '') : []
    const deviceMessage = clip(redactSecrets(errors.length > 0 ? errors.join('; ') : error.message, this.#secrets))
    if (error.code === 1003 && format === 'json' && failedAt >= 1) return new UnconvertedCommand(data.slice(1, failedAt))
    if (error.code === 1005) {
      return new AuthorizationError(`user lacks permission on ${this.host}: ${deviceMessage}`, { host: this.host })
    }
    if (failedAt === 0) {
      const hint = this.#options.enablePassword ? 'check enablePassword' : 'the device asks for an enable password and none was given (enablePassword)'
      return new AuthenticationError(`could not enter privileged mode on ${this.host}: ${deviceMessage}; ${hint}`, { host: this.host })
    }
    if (failedAt < 0) {
      return new ConnectionError(`eAPI at ${this.host} refused the request: ${clip(redactSecrets(error.message, this.#secrets))} (code ${error.code})`, { host: this.host, requestSent: true })
    }
    return new CommandRejectedError(
      { command: commands[failedAt - 1] ?? '?', index: failedAt - 1, deviceMessage, deviceCode: error.code },
      { host: this.host },
    )
  }

  #transportError(error: unknown, timeoutMs: number): Error {
    if (!(error instanceof PostError)) return error as Error
    const failure = error.failure
    const requestSent = failure.sent
    const host = this.host
    if (failure.kind === 'aborted') {
      return new AbortedError(`call to ${host} was aborted ${requestSent ? 'after the request was sent' : 'before the request was sent'}`, { host, requestSent })
    }
    if (failure.kind === 'timeout') {
      return new TimeoutError(`no answer from ${host} within ${timeoutMs} ms${requestSent ? ' (the request was sent)' : ' (the connection did not open)'}`, timeoutMs, { host, requestSent })
    }
    if (failure.kind === 'too-large') {
      return new ResponseTooLargeError(`the answer of ${host} exceeded maxResponseBytes (${failure.limitBytes} bytes) and was cut off`, failure.limitBytes, { host })
    }
    const { code, error: cause } = failure
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|FINGERPRINT/.test(code)) {
      const t = this.#options.tls ?? {}
      const presented = failure.presentedFingerprint ? ` The device presented a certificate with SHA-256 fingerprint ${failure.presentedFingerprint}.` : ''
      const advice =
        t.fingerprintSha256 !== undefined
          ? 'It does not match tls.fingerprintSha256: if the device really has a new certificate, pin the new fingerprint.'
          : t.ca !== undefined
            ? 'It is not signed by the CA given in tls.ca (or does not name this host): give the CA that signed it, pin it with tls.fingerprintSha256, or set tls.servername to the name it carries.'
            : 'Trust it with tls.ca (the CA, or the device\'s own certificate) or pin it with tls.fingerprintSha256; tls.rejectUnauthorized: false (in an inventory: tls: { insecure: true }) turns verification off (insecure).'
      return new ConnectionError(`TLS verification of ${host} failed (${code}).${presented} ${advice}`, { host, cause, requestSent: false })
    }
    if (requestSent) {
      return new ConnectionError(`the connection to eAPI at ${host} broke after the request was sent (${code}): the device may have run it`, { host, cause, requestSent })
    }
    return new ConnectionError(`cannot reach eAPI at ${host}: ${code}`, { host, cause, requestSent })
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

/**
 * An HTTPS agent that checks the device's certificate itself, before the socket is handed to HTTP, so no request byte
 * reaches an impostor: against the pinned fingerprint when one is given, else the usual chain and host name checks
 * (system CAs or `tls.ca`) unless `tls.rejectUnauthorized: false`. A refusal carries the fingerprint the device
 * presented, so the user can see what to pin or trust.
 */
function createHttpsAgent(options: ResolvedConnectOptions): https.Agent {
  const t = options.tls ?? {}
  const base: https.AgentOptions = { keepAlive: true, maxSockets: 4 }
  if (t.servername !== undefined) base.servername = t.servername
  if (t.ca !== undefined) base.ca = t.ca
  const secureContext = sharedSecureContext(t.ca)
  const pinned = t.fingerprintSha256 === undefined ? undefined : normaliseFingerprint(t.fingerprintSha256)
  const verify = t.rejectUnauthorized ?? true
  const agent = new https.Agent(base)
  ;(agent as unknown as { createConnection: unknown }).createConnection = (
    connectOptions: tls.ConnectionOptions,
    callback: (error: Error | null, socket?: Duplex) => void,
  ) => {
    const socket = tls.connect({ ...connectOptions, secureContext, rejectUnauthorized: false })
    const onError = (error: Error) => callback(error)
    socket.once('error', onError)
    socket.once('secureConnect', () => {
      socket.off('error', onError)
      const presented = socket.getPeerCertificate().fingerprint256 ?? ''
      let refusal: { code: string; message: string } | undefined
      if (pinned !== undefined) {
        if (normaliseFingerprint(presented) !== pinned) refusal = { code: 'ERR_TLS_FINGERPRINT_MISMATCH', message: 'the certificate does not match the pinned fingerprint' }
      } else if (verify && !socket.authorized) {
        const reason = String(socket.authorizationError ?? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')
        refusal = { code: /^[A-Z_]+$/.test(reason) ? reason : 'ERR_TLS_CERT_ALTNAME_INVALID', message: reason }
      }
      if (refusal) {
        socket.destroy()
        const error = new Error(refusal.message) as NodeJS.ErrnoException & { presentedFingerprint?: string }
        error.code = refusal.code
        error.presentedFingerprint = presented
        callback(error)
        return
      }
      callback(null, socket)
    })
    return undefined
  }
  return agent
}
