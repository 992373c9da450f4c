import http from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { AddressInfo, Socket } from 'node:net'
import type { MockLab } from '../mock-lab.js'
import { stringifyWithBigInts } from '../json-with-bigints.js'
import { ControlError } from './control-error.js'
import { LabControl, type Route } from './control-routes.js'

/** A running control API. */
export interface ControlApi {
  /** `http://127.0.0.1:PORT`. */
  url: string
  port: number
  /** The bearer token every request must carry (`Authorization: Bearer TOKEN`). */
  token: string
  close(): Promise<void>
}

/** Largest request body accepted (1 MiB): a state snapshot of a big device fits. */
const MAX_BODY_BYTES = 1024 * 1024

/**
 * Starts the lab's control API: HTTP/JSON on 127.0.0.1 (`port`, default one the OS picks), every request
 * authenticated with `Authorization: Bearer <token>` (default: 32 random bytes, base64url), answered 401 without it.
 * Errors are JSON `{ "error": { code, message, issues? } }`. Routes: docs/control-api.md.
 */
export async function startControlApi(lab: MockLab, options: { port?: number; token?: string } = {}): Promise<ControlApi> {
  const token = options.token ?? randomBytes(32).toString('base64url')
  if (token.length < 16) throw new Error('a control API token has at least 16 characters')
  const expected = Buffer.from(token)
  const routes = new LabControl(lab).routes()
  const sockets = new Set<Socket>()

  const server = http.createServer((req, res) => {
    req.on('error', () => {})
    res.on('error', () => {})
    const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      const body = `${stringifyWithBigInts(value)}\n`
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers })
      res.end(body)
    }
    const fail = (error: ControlError, headers: Record<string, string> = {}) => send(error.status, error.toJSON(), headers)
    // The scheme is case-insensitive (RFC 9110 §11.1); the token is compared in constant time.
    const given = Buffer.from(/^bearer +(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? '')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      req.resume()
      fail(new ControlError(401, 'unauthorized', 'missing or wrong bearer token'), { 'www-authenticate': 'Bearer realm="switchyard-mock"' })
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        refused = true
        res.shouldKeepAlive = false
        fail(new ControlError(413, 'body_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`), { connection: 'close' })
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (refused) return
      try {
        const result = dispatch(routes, req.method ?? 'GET', req.url ?? '/', Buffer.concat(chunks).toString('utf8'))
        send(200, result)
      } catch (error) {
        if (error instanceof ControlError) fail(error, error.status === 405 ? { allow: error.message.replace(/^.*allowed: /, '') } : {})
        else fail(new ControlError(500, 'internal', 'internal error'))
      }
    })
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
      }),
  }
}

function dispatch(routes: Route[], method: string, rawUrl: string, bodyText: string): unknown {
  const url = new URL(rawUrl, 'http://control.invalid')
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const matching = routes.map((r) => ({ route: r, match: r.pattern.exec(path) })).filter((m) => m.match !== null)
  if (matching.length === 0) throw new ControlError(404, 'not_found', `no route ${path}`)
  const found = matching.find((m) => m.route.method === method)
  if (!found) throw new ControlError(405, 'method_not_allowed', `${method} is not allowed on ${path}; allowed: ${[...new Set(matching.map((m) => m.route.method))].join(', ')}`)
  let body: unknown
  if (bodyText.trim() !== '') {
    try {
      body = JSON.parse(bodyText)
    } catch {
      throw new ControlError(400, 'invalid_json', 'the body is not valid JSON')
    }
  }
  const params = (found.match as RegExpExecArray).slice(1).map((p) => decodeURIComponent(p))
  return found.route.handle({ params, query: url.searchParams, body })
}
