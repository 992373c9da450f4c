import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import type { ConnectOptions } from '../../src/connect-options.js'
import type { EapiRequestHandler } from './eapi-request-handler.js'
import type { MockCertificate } from '../tls-certificate.js'

/** Faults the eAPI server can inject. */
export interface EapiFaults {
  /** Delay before every answer, in ms. */
  latencyMs: number
  /** Destroy the connection instead of answering. */
  dropConnections: boolean
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
  /** Stops the server. */
  close(): Promise<void>
}

/**
 * Starts an eAPI server on 127.0.0.1 on an ephemeral port, over HTTP or HTTPS (with the shared self-signed
 * certificate), answering through `handler`.
 */
export async function startEapiServer(options: {
  protocol: 'http' | 'https'
  handler: EapiRequestHandler
  faults: EapiFaults
  certificate?: MockCertificate
  credentials: { username: string; password: string }
}): Promise<EapiEndpoint> {
  const { handler, faults } = options
  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const answer = () => {
        if (faults.dropConnections) {
          req.socket.destroy()
          return
        }
        const response = handler.handle({
          method: req.method ?? 'GET',
          path: (req.url ?? '/').split('?')[0] as string,
          authorization: req.headers.authorization,
          cookie: req.headers.cookie,
          body: Buffer.concat(chunks).toString('utf8'),
        })
        res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) })
        res.end(response.body)
      }
      if (faults.latencyMs > 0) setTimeout(answer, faults.latencyMs)
      else answer()
    })
  }
  const cert = options.certificate
  const server =
    options.protocol === 'https'
      ? https.createServer({ cert: cert?.certificatePem, key: cert?.privateKeyPem, keepAlive: true }, listener)
      : http.createServer({ keepAlive: true }, listener)
  server.keepAliveTimeout = 60_000
  let connectionsAccepted = 0
  server.on(options.protocol === 'https' ? 'secureConnection' : 'connection', () => {
    connectionsAccepted++
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
