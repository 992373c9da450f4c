import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { CliError } from '../cli/cli-error.js'
import { CliSession } from '../cli/cli-session.js'
import { commandText } from '../cli/command-text.js'
import type { CliHost } from '../cli/cli-host.js'
import type { CommandJournal } from '../command-journal.js'
import { stringifyWithBigInts } from '../json-with-bigints.js'
import { clip, parseRunCmdsRequest, type EapiCommand, type RpcError, type RunCmdsRequest } from './eapi-rpc-request.js'

/** An HTTP request to the mock's eAPI, reduced to what the handler needs (shared by the server and the msw handlers). */
export interface EapiHttpRequest {
  method: string
  path: string
  authorization: string | undefined
  cookie: string | undefined
  body: string
}

/** The HTTP answer. */
export interface EapiHttpResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** Credentials and login sessions of a mock eAPI. */
export interface EapiAuth {
  username: string
  password: string
  /** True while every login is to be refused, as a device with broken AAA would. */
  rejectAll: () => boolean
}

/** Size limits of the mock's eAPI, so that no request can exhaust the process. */
export interface EapiLimits {
  /** Longest command line accepted, in bytes; a longer one fails as an invalid command (default 64 KiB). */
  maxCommandBytes: number
  /** Largest JSON-RPC answer built, in bytes; past it the request ends in a -32603 error (default 64 MiB). */
  maxResponseBytes: number
}

/** The limits a mock uses when none are given. */
export const DEFAULT_EAPI_LIMITS: EapiLimits = { maxCommandBytes: 64 * 1024, maxResponseBytes: 64 * 1024 * 1024 }

const REASONS: Record<CliError['eapiCode'], string> = { 1000: 'could not run command', 1002: 'invalid command', 1003: 'unconverted command', 1005: 'unauthorized' }

/** Login sessions kept at most; the oldest is forgotten first. */
const MAX_LOGIN_SESSIONS = 10_000

const LoginSchema = z.object({ username: z.string(), password: z.string() })

/**
 * Handles eAPI as EOS does: `POST /command-api` with Basic auth or a `Session` cookie from `POST /login`; each
 * JSON-RPC request is validated (JSON-RPC errors -32700, -32600, -32601, -32602), then runs its commands in one fresh
 * CLI session starting in unprivileged exec mode; the first failing command stops the run and yields
 * `{error: {code, message: "CLI command i of n '<cmd>' failed: …", data}}`. Nothing a client sends can make it throw:
 * an unexpected failure answers JSON-RPC -32603 (on `/command-api`) or HTTP 500, without details.
 */
export class EapiRequestHandler {
  readonly #cookies = new Set<string>()
  readonly #limits: EapiLimits

  constructor(
    private readonly host: CliHost,
    private readonly auth: EapiAuth,
    limits: Partial<EapiLimits> = {},
    private readonly journal?: CommandJournal,
  ) {
    this.#limits = { ...DEFAULT_EAPI_LIMITS, ...limits }
  }

  /** Answers one HTTP request; never throws. */
  handle(request: EapiHttpRequest): EapiHttpResponse {
    try {
      return this.#handle(request)
    } catch {
      if (request.path === '/command-api') return rpcError({ id: null, code: -32603, message: 'Internal error' })
      return text(500, 'Internal Server Error')
    }
  }

  #handle(request: EapiHttpRequest): EapiHttpResponse {
    if (request.method !== 'POST') return text(405, 'Method Not Allowed')
    if (request.path === '/login') return this.#login(request.body)
    if (request.path === '/logout') {
      const token = sessionToken(request.cookie)
      if (token) this.#cookies.delete(token)
      return json(200, {})
    }
    if (request.path !== '/command-api') return text(404, 'Not Found')
    if (!this.#authorized(request)) return text(401, 'Unable to authenticate user: Bad username/password combination')
    const rpc = parseRunCmdsRequest(request.body)
    if ('code' in rpc) return rpcError(rpc)
    return { status: 200, headers: { 'content-type': 'application/json' }, body: this.#run(rpc) }
  }

  /** Runs the commands and builds the answer's JSON text piece by piece, so that its size is known and capped. */
  #run({ cmds, format, id }: RunCmdsRequest): string {
    const session = new CliSession(this.host)
    const parts: string[] = []
    let size = 0
    const idJson = JSON.stringify(id)
    for (let i = 0; i < cmds.length; i++) {
      const entry = cmds[i] as EapiCommand
      const line = typeof entry === 'string' ? entry : entry.cmd
      const input = typeof entry === 'string' ? undefined : entry.input
      let part: string
      try {
        if (Buffer.byteLength(line) > this.#limits.maxCommandBytes) {
          throw new CliError(`Invalid input (command longer than ${this.#limits.maxCommandBytes} bytes)`)
        }
        const output = session.execute(line, input)
        if (format === 'json') {
          if (!output.json) throw new CliError('This is an unconverted command', 1003)
          part = stringifyWithBigInts(output.json())
        } else {
          part = JSON.stringify({ output: commandText(output) })
        }
        this.journal?.record('eapi', line)
      } catch (error) {
        if (!(error instanceof CliError)) throw error
        this.journal?.record('eapi', line, error.message)
        const failed = format === 'text' ? { output: `% ${error.message}\n`, errors: [error.message] } : { errors: [error.message] }
        const message = `CLI command ${i + 1} of ${cmds.length} '${clip(line)}' failed: ${REASONS[error.eapiCode]}`
        const head = `{"jsonrpc":"2.0","id":${idJson},"error":{"code":${error.eapiCode},"message":${JSON.stringify(message)},"data":[`
        return `${head}${[...parts, JSON.stringify(failed)].join(',')}]}}`
      }
      size += part.length + 1
      if (size > this.#limits.maxResponseBytes) {
        return rpcError({ id, code: -32603, message: `Internal error: the response would exceed ${this.#limits.maxResponseBytes} bytes (at command ${i + 1} of ${cmds.length})` }).body
      }
      parts.push(part)
    }
    return `{"jsonrpc":"2.0","id":${idJson},"result":[${parts.join(',')}]}`
  }

  #authorized(request: EapiHttpRequest): boolean {
    if (this.auth.rejectAll()) return false
    const token = sessionToken(request.cookie)
    if (token && this.#cookies.has(token)) return true
    const basic = /^Basic (.+)$/i.exec(request.authorization ?? '')
    if (!basic) return false
    const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    return decoded.slice(0, colon) === this.auth.username && decoded.slice(colon + 1) === this.auth.password
  }

  #login(body: string): EapiHttpResponse {
    let value: unknown
    try {
      value = JSON.parse(body)
    } catch {
      return text(400, 'Bad Request: the body is not valid JSON')
    }
    const creds = LoginSchema.safeParse(value)
    if (!creds.success) return text(400, 'Bad Request: expected {"username": string, "password": string}')
    if (this.auth.rejectAll() || creds.data.username !== this.auth.username || creds.data.password !== this.auth.password) {
      return text(401, 'Unable to authenticate user: Bad username/password combination')
    }
    const token = randomBytes(16).toString('hex')
    this.#cookies.add(token)
    if (this.#cookies.size > MAX_LOGIN_SESSIONS) this.#cookies.delete(this.#cookies.values().next().value as string)
    return { status: 200, headers: { 'content-type': 'application/json', 'set-cookie': `Session=${token}; Path=/; HttpOnly` }, body: '{}' }
  }
}

function sessionToken(cookie: string | undefined): string | undefined {
  return /(?:^|;\s*)Session=([^;]+)/.exec(cookie ?? '')?.[1]
}

function json(status: number, value: unknown): EapiHttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: stringifyWithBigInts(value) }
}

function rpcError(error: RpcError): EapiHttpResponse {
  return json(200, { jsonrpc: '2.0', id: error.id, error: { code: error.code, message: error.message } })
}

function text(status: number, body: string): EapiHttpResponse {
  return { status, headers: { 'content-type': 'text/plain' }, body }
}
