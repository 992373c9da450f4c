import { randomBytes } from 'node:crypto'
import { CliError } from '../cli/cli-error.js'
import { CliSession } from '../cli/cli-session.js'
import type { CliHost } from '../cli/cli-host.js'
import { stringifyWithBigInts } from '../json-with-bigints.js'

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

type Command = string | { cmd: string; input?: string; revision?: number }

/**
 * Handles eAPI as EOS does: `POST /command-api` with Basic auth or a `Session` cookie from `POST /login`; each
 * JSON-RPC request runs its commands in one fresh CLI session starting in unprivileged exec mode; the first failing
 * command stops the run and yields `{error: {code, message: "CLI command i of n '<cmd>' failed: …", data}}`.
 */
export class EapiRequestHandler {
  readonly #cookies = new Set<string>()

  constructor(
    private readonly host: CliHost,
    private readonly auth: EapiAuth,
  ) {}

  handle(request: EapiHttpRequest): EapiHttpResponse {
    if (request.method !== 'POST') return text(405, 'Method Not Allowed')
    if (request.path === '/login') return this.#login(request.body)
    if (request.path === '/logout') {
      const token = sessionToken(request.cookie)
      if (token) this.#cookies.delete(token)
      return json(200, {})
    }
    if (request.path !== '/command-api') return text(404, 'Not Found')
    if (!this.#authorized(request)) return text(401, 'Unable to authenticate user: Bad username/password combination')
    let rpc: { jsonrpc?: unknown; method?: unknown; id?: unknown; params?: { cmds?: unknown; format?: unknown; version?: unknown } }
    try {
      rpc = JSON.parse(request.body)
    } catch {
      return json(200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
    }
    const id = rpc.id ?? null
    if (rpc.jsonrpc !== '2.0') return json(200, { jsonrpc: '2.0', id, error: { code: -32600, message: "Expected field 'jsonrpc' not specified" } })
    if (rpc.method !== 'runCmds') return json(200, { jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${String(rpc.method)}` } })
    const cmds = rpc.params?.cmds
    const format = rpc.params?.format ?? 'json'
    if (!Array.isArray(cmds) || (format !== 'json' && format !== 'text')) {
      return json(200, { jsonrpc: '2.0', id, error: { code: -32602, message: 'Invalid params: cmds must be a list and format json or text' } })
    }
    return json(200, this.#run(cmds as Command[], format, id))
  }

  #run(cmds: Command[], format: 'json' | 'text', id: unknown): unknown {
    const session = new CliSession(this.host)
    const results: unknown[] = []
    for (let i = 0; i < cmds.length; i++) {
      const entry = cmds[i] as Command
      const line = typeof entry === 'string' ? entry : String(entry.cmd)
      const input = typeof entry === 'string' ? undefined : entry.input
      try {
        const output = session.execute(line, input)
        if (format === 'json') {
          if (!output.json) throw new CliError('This is an unconverted command', 1003)
          results.push(output.json())
        } else {
          results.push({ output: output.text ? output.text() : '' })
        }
      } catch (error) {
        if (!(error instanceof CliError)) throw error
        const reason = { 1000: 'could not run command', 1002: 'invalid command', 1003: 'unconverted command', 1005: 'unauthorized' }[error.eapiCode]
        const failed = format === 'text' ? { output: `% ${error.message}\n`, errors: [error.message] } : { errors: [error.message] }
        return {
          jsonrpc: '2.0',
          id,
          error: { code: error.eapiCode, message: `CLI command ${i + 1} of ${cmds.length} '${line}' failed: ${reason}`, data: [...results, failed] },
        }
      }
    }
    return { jsonrpc: '2.0', id, result: results }
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
    let creds: { username?: unknown; password?: unknown }
    try {
      creds = JSON.parse(body)
    } catch {
      return text(400, 'Bad Request')
    }
    if (this.auth.rejectAll() || creds.username !== this.auth.username || creds.password !== this.auth.password) {
      return text(401, 'Unable to authenticate user: Bad username/password combination')
    }
    const token = randomBytes(16).toString('hex')
    this.#cookies.add(token)
    return { status: 200, headers: { 'content-type': 'application/json', 'set-cookie': `Session=${token}; Path=/; HttpOnly` }, body: '{}' }
  }
}

function sessionToken(cookie: string | undefined): string | undefined {
  return /(?:^|;\s*)Session=([^;]+)/.exec(cookie ?? '')?.[1]
}

function json(status: number, value: unknown): EapiHttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: stringifyWithBigInts(value) }
}

function text(status: number, body: string): EapiHttpResponse {
  return { status, headers: { 'content-type': 'text/plain' }, body }
}
