import net from 'node:net'

/**
 * A TCP relay on 127.0.0.1 in front of a device that is slow to answer, for as long as a test wants. It holds what a
 * client sends instead of passing it on: every connection from the start (`new HoldingRelay(port)`), or, with
 * `holdFrom: text`, a connection from the first chunk that contains `text` (a plain-text request such as eAPI over
 * HTTP; earlier requests go through). `release()` relays what was held and everything after it; `cutHeld()` closes
 * the held connections instead, so their requests never reach the device.
 */
export class HoldingRelay {
  readonly #server: net.Server
  readonly #held = new Map<net.Socket, Buffer[]>()
  readonly #waiters = new Set<() => void>()
  readonly #holdFrom: string | undefined
  #holding = true
  /** Connections whose requests the relay holds or held. */
  heldRequests = 0

  constructor(private readonly targetPort: number, options: { holdFrom?: string } = {}) {
    this.#holdFrom = options.holdFrom
    this.#server = net.createServer((client) => this.#accept(client))
  }

  /** Starts listening; returns the port clients connect to. */
  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    return (this.#server.address() as net.AddressInfo).port
  }

  /** Resolves once a request is held at the relay. */
  requestHeld(timeoutMs = 30_000): Promise<void> {
    if (this.heldRequests > 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (this.#waiters.delete(done), reject(new Error(`no request was held within ${timeoutMs} ms`))), timeoutMs)
      const done = () => (clearTimeout(timer), this.#waiters.delete(done), resolve())
      this.#waiters.add(done)
    })
  }

  /** Relays what was held, and everything from now on. */
  release(): void {
    this.#holding = false
    for (const [client, chunks] of this.#held) {
      const server = (client as net.Socket & { relayTo?: net.Socket }).relayTo
      for (const c of chunks) server?.write(c)
    }
    this.#held.clear()
  }

  /** Closes the held connections without relaying what they sent; keeps holding new ones. */
  cutHeld(): void {
    for (const client of this.#held.keys()) client.destroy()
    this.#held.clear()
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    this.cutHeld()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #accept(client: net.Socket): void {
    const server = net.connect(this.targetPort, '127.0.0.1')
    Object.assign(client, { relayTo: server })
    client.on('error', () => client.destroy())
    server.on('error', () => client.destroy())
    client.on('close', () => (server.destroy(), this.#held.delete(client)))
    server.on('close', () => client.destroy())
    server.on('data', (chunk: Buffer) => client.write(chunk))
    client.on('data', (chunk: Buffer) => {
      const chunks = this.#held.get(client)
      if (chunks) return void chunks.push(chunk)
      if (this.#holding && (this.#holdFrom === undefined || chunk.includes(this.#holdFrom))) {
        this.#held.set(client, [chunk])
        this.heldRequests += 1
        for (const w of [...this.#waiters]) w()
        return
      }
      server.write(chunk)
    })
  }
}
