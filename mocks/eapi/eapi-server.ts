import http from 'node:http'
import https from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import type { ConnectOptions } from '../../src/connect-options.js'
import type { EapiRequestHandler } from './eapi-request-handler.js'
import type { MockCertificate } from '../tls-certificate.js'

/** Faults the eAPI server can inject. */
export interface EapiFaults {
  /** Delay before every answer, in ms. */
  latencyMs: number
  /** Destroy the connection instead of answering. */
  dropConnections: boolean
  /** Most TCP connections open at once; one more is closed as soon as it is accepted. 0: no limit. */
  maxSessions: number
}

/** A running eAPI server of a mock device. */
export interface EapiEndpoint {
  protocol: 'http' | 'https'
  port: number
  /** `https://127.0.0.1:PORT/command-api`. */
  url: string
  /** For HTTPS: the server's self-signed certificate (PEM) and its fingerprint. */
  certificatePem?: string
  fingerprintSha256?: string
  /** What `connect()` needs to reach this server, with TLS verified against the mock's own certificate. */
  connectOptions: ConnectOptions & { driver: 'eapi' }
  /** TCP connections accepted so far (keep-alive clients reuse one). */
  readonly connectionsAccepted: number
  /** Requests answered HTTP 413 because their body was over the size cap. */
  readonly requestsRefused: number
  /** Stops the server. */
  close(): Promise<void>
}

/** The request body size past which a mock answers HTTP 413 unless told otherwise (16 MiB). */
export const DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024

/** How long a refused upload may keep its connection after the 413, so that the client reads the answer. */
const REFUSED_LINGER_MS = 1000

/**
 * Starts an eAPI server on 127.0.0.1 on an ephemeral port, over HTTP or HTTPS (with the shared self-signed
 * certificate), answering through `handler`. A body over `maxRequestBytes` (declared or streamed) is answered
 * HTTP 413 as soon as the cap is passed, without reading further; the connection is then closed. No request,
 * however malformed, can stop the server or the process.
 */
export async function startEapiServer(options: {
  protocol: 'http' | 'https'
  handler: EapiRequestHandler
  faults: EapiFaults
  certificate?: MockCertificate
  credentials: { username: string; password: string }
  /** Largest request body accepted, in bytes (default {@link DEFAULT_MAX_REQUEST_BYTES}). */
  maxRequestBytes?: number
  /** TCP port on 127.0.0.1 (default 0: one the OS picks). */
  port?: number
}): Promise<EapiEndpoint> {
  const { handler, faults } = options
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES
  let requestsRefused = 0
  const refuse = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requestsRefused++
    req.pause()
    const body = `Request body larger than ${maxRequestBytes} bytes\n`
    res.shouldKeepAlive = false
    res.writeHead(413, { 'content-type': 'text/plain', connection: 'close', 'content-length': Buffer.byteLength(body) })
    res.end(body, () => {
      req.socket.end()
      setTimeout(() => req.socket.destroy(), REFUSED_LINGER_MS).unref()
    })
  }
  const listener: http.RequestListener = (req, res) => {
    req.on('error', () => {})
    res.on('error', () => {})
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > maxRequestBytes) {
      refuse(req, res)
      return
    }
    const chunks: Buffer[] = []
    let received = 0
    let refused = false
    req.on('data', (c: Buffer) => {
      if (refused) return
      received += c.length
      if (received > maxRequestBytes) {
        refused = true
        chunks.length = 0
        refuse(req, res)
        return
      }
      chunks.push(c)
    })
    req.on('end', () => {
      if (refused) return
      const answer = () => {
        if (faults.dropConnections) {
          req.socket.destroy()
          return
        }
        if (res.destroyed || res.writableEnded) return
        const response = handler.handle({
          method: req.method ?? 'GET',
          path: (req.url ?? '/').split('?')[0] as string,
          authorization: req.headers.authorization,
          cookie: req.headers.cookie,
          body: Buffer.concat(chunks).toString('utf8'),
        })
        chunks.length = 0
        res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) })
        res.end(response.body)
      }
      const guarded = () => {
        try {
          answer()
        } catch {
          if (!res.headersSent && !res.destroyed) {
            res.writeHead(500, { 'content-type': 'text/plain', connection: 'close' })
            res.end('Internal Server Error\n')
          } else {
            req.socket.destroy()
          }
        }
      }
      if (faults.latencyMs > 0) setTimeout(guarded, faults.latencyMs)
      else guarded()
    })
  }
  const cert = options.certificate
  const server =
    options.protocol === 'https'
      ? https.createServer({ cert: cert?.certificatePem, key: cert?.privateKeyPem, keepAlive: true }, listener)
      : http.createServer({ keepAlive: true }, listener)
  server.keepAliveTimeout = 60_000
  let connectionsAccepted = 0
  let open = 0
  server.on('connection', (socket: Socket) => {
    if (faults.maxSessions > 0 && open >= faults.maxSessions) {
      socket.destroy()
      return
    }
    open++
    socket.once('close', () => open--)
  })
  server.on(options.protocol === 'https' ? 'secureConnection' : 'connection', () => {
    connectionsAccepted++
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const connectOptions: ConnectOptions & { driver: 'eapi' } = {
    host: '127.0.0.1',
    port,
    driver: 'eapi',
    protocol: options.protocol,
    username: options.credentials.username,
    password: options.credentials.password,
  }
  if (options.protocol === 'https' && cert) connectOptions.tls = { ca: cert.certificatePem }
  return {
    protocol: options.protocol,
    port,
    url: `${options.protocol}://127.0.0.1:${port}/command-api`,
    ...(cert && options.protocol === 'https' ? { certificatePem: cert.certificatePem, fingerprintSha256: cert.fingerprintSha256 } : {}),
    connectOptions,
    get connectionsAccepted() {
      return connectionsAccepted
    },
    get requestsRefused() {
      return requestsRefused
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
