import http from 'node:http'

/** What a raw HTTP exchange with a mock returned. */
export interface RawHttpAnswer {
  status: number
  body: string
}

/**
 * POSTs `body` as it is (any bytes, any headers) to the mock's plain-HTTP eAPI port, as a fuzzing client would,
 * and reads the whole answer. A connection closed without an answer rejects.
 */
export function rawPost(port: number, path: string, body: string | Buffer, headers: Record<string, string> = {}, agent?: http.Agent): Promise<RawHttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, ...(agent ? { agent } : {}) },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** `Authorization: Basic …` for a user and password. */
export function basicAuth(username: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` }
}

/**
 * Streams up to `totalBytes` of `chunk` repeated as one request body (chunked encoding, no declared length),
 * honouring backpressure, and stops as soon as an answer arrives. Resolves with the answer and the bytes written.
 */
export function streamingPost(port: number, path: string, chunk: Buffer, totalBytes: number, headers: Record<string, string> = {}): Promise<RawHttpAnswer & { bytesWritten: number }> {
  return new Promise((resolve, reject) => {
    let bytesWritten = 0
    let answered = false
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, agent: false }, (res) => {
      answered = true
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), bytesWritten }))
      res.on('error', reject)
    })
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    const pump = () => {
      while (!answered && bytesWritten < totalBytes) {
        bytesWritten += chunk.length
        if (!req.write(chunk)) {
          req.once('drain', pump)
          return
        }
      }
      if (!answered) req.end()
    }
    pump()
  })
}
