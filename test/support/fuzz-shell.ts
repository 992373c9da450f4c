import { Client, type ClientChannel } from 'ssh2'

/** An SSH shell for fuzzing: it keeps only the tail of what it receives, so that megabytes of output cost nothing. */
export interface FuzzShell {
  /** Bytes received so far. */
  readonly bytesReceived: () => number
  /** How often `alarm` (given at open) appeared in the output, across chunk boundaries. */
  readonly alarms: () => number
  /** Whether the server closed the shell. */
  readonly closed: () => boolean
  /** Sends text, waiting while the channel is full. */
  send(text: string): Promise<void>
  /** Waits until `marker` has been received since the last call (or the shell closes); resolves with what came since then (tail only). */
  waitFor(marker: string, timeoutMs: number): Promise<string>
  close(): void
}

const TAIL = 256 * 1024

/** Opens a shell with a pty (1000 rows) on a mock as admin/`password`; the host key is not checked (a test of the server). */
export async function openFuzzShell(port: number, password: string, alarm = '% Internal error'): Promise<FuzzShell> {
  const client = new Client()
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => resolve()).once('error', reject)
    client.connect({ host: '127.0.0.1', port, username: 'admin', password, hostVerifier: () => true, readyTimeout: 10_000 })
  })
  client.on('error', () => {})
  const stream = await new Promise<ClientChannel>((resolve, reject) =>
    client.shell({ term: 'vt100', cols: 200, rows: 1000 }, (error, s) => (error ? reject(error) : resolve(s))),
  )
  let tail = ''
  let received = 0
  let alarms = 0
  let carry = ''
  let closed = false
  let wake: (() => void) | undefined
  stream.on('data', (chunk: Buffer) => {
    received += chunk.length
    const text = chunk.toString('latin1')
    const scanned = carry + text
    for (let at = scanned.indexOf(alarm); at >= 0; at = scanned.indexOf(alarm, at + 1)) alarms++
    carry = scanned.slice(-(alarm.length - 1))
    tail = (tail + text).slice(-TAIL)
    wake?.()
  })
  stream.on('close', () => {
    closed = true
    wake?.()
  })
  return {
    bytesReceived: () => received,
    alarms: () => alarms,
    closed: () => closed,
    send: async (text) => {
      if (closed) return
      if (!stream.write(text)) await new Promise<void>((resolve) => {
        stream.once('drain', resolve)
        stream.once('close', resolve)
      })
    },
    waitFor: (marker, timeoutMs) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const at = tail.indexOf(marker)
          if (at < 0 && !closed) return
          wake = undefined
          clearTimeout(timer)
          const seen = tail
          tail = at < 0 ? '' : tail.slice(at + marker.length)
          resolve(seen)
        }
        const timer = setTimeout(() => {
          wake = undefined
          reject(new Error(`no ${JSON.stringify(marker)} within ${timeoutMs} ms; last output ${JSON.stringify(tail.slice(-300))}`))
        }, timeoutMs)
        wake = check
        check()
      }),
    close: () => client.end(),
  }
}
