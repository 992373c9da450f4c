import net from 'node:net'

/**
 * A plain TCP relay on 127.0.0.1 that, once a request containing a chosen text has gone through to the server,
 * turns into a black hole: nothing more reaches the client on any connection, and new connections are accepted but
 * never relayed — a device that took the request and then vanished from the network. `lift()` brings it back.
 * Only for plain-text protocols (eAPI over HTTP), where the request can be recognised.
 */
export class BlackholeProxy {
  readonly #server: net.Server
  readonly #sockets = new Set<net.Socket>()
  #trigger: string | undefined
  #dark = false

  constructor(private readonly targetPort: number) {
    this.#server = net.createServer((client) => this.#accept(client))
  }

  /** Starts listening; returns the port clients connect to. */
  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    return (this.#server.address() as net.AddressInfo).port
  }

  /** Goes dark right after the first request chunk containing `text` has been relayed to the server. */
  darkAfterRequestContaining(text: string): void {
    this.#trigger = text
  }

  /** Whether the black hole is on. */
  get dark(): boolean {
    return this.#dark
  }

  /** Relays again; connections opened while dark stay dead. */
  lift(): void {
    this.#dark = false
    this.#trigger = undefined
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #accept(client: net.Socket): void {
    this.#sockets.add(client)
    client.on('close', () => this.#sockets.delete(client))
    client.on('error', () => {})
    if (this.#dark) return
    const server = net.connect(this.targetPort, '127.0.0.1')
    this.#sockets.add(server)
    server.on('close', () => this.#sockets.delete(server))
    server.on('error', () => client.destroy())
    client.on('data', (chunk) => {
      if (this.#dark) return
      server.write(chunk)
      if (this.#trigger !== undefined && chunk.includes(this.#trigger)) this.#dark = true
    })
    server.on('data', (chunk) => {
      if (!this.#dark) client.write(chunk)
    })
    client.on('end', () => server.end())
  }
}
