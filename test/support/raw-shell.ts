import { Client, type ClientChannel } from 'ssh2'

/** A raw SSH shell on a mock, for asserting the bytes the server sends. */
export interface RawShell {
  /** Everything received so far. */
  readonly received: () => string
  write(data: string): void
  /** Waits until the received text matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>
  close(): void
}

/** Opens a shell with a pty on `port` as admin/`password` (host key not checked: this is a test of the server). */
export async function openRawShell(port: number, password: string, rows = 1000): Promise<RawShell> {
  const client = new Client()
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve()).once('error', reject)
    client.connect({ host: '127.0.0.1', port, username: 'admin', password, hostVerifier: () => true })
  })
  const stream = await new Promise<ClientChannel>((resolve, reject) =>
    client.shell({ term: 'vt100', cols: 200, rows }, (error, s) => (error ? reject(error) : resolve(s))),
  )
  let text = ''
  const listeners = new Set<() => void>()
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8')
    for (const l of listeners) l()
  })
  return {
    received: () => text,
    write: (data) => stream.write(data),
    waitFor: (pattern, timeoutMs = 3000) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          if (pattern.test(text)) {
            listeners.delete(check)
            clearTimeout(timer)
            resolve(text)
          }
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          reject(new Error(`timed out waiting for ${pattern} in ${JSON.stringify(text.slice(-300))}`))
        }, timeoutMs)
        listeners.add(check)
        check()
      }),
    close: () => client.end(),
  }
}
