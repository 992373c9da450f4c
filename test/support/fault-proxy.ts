import net from 'node:net'
import type { AddressInfo } from 'node:net'

/** What the proxy does to the traffic once the armed byte offset is reached. */
export type FaultKind = 'cut' | 'reset' | 'delay' | 'stall'

/** One fault: in which direction, after how many bytes (counted from arming, over all connections), and how. */
export interface Fault {
  kind: FaultKind
  /** `up`: client to device; `down`: device to client. */
  direction: 'up' | 'down'
  atByte: number
  /** For `delay`: how long the bytes from the offset on are held before they are forwarded. */
  delayMs?: number
}

interface Pair {
  client: net.Socket
  server: net.Socket
  stalled: { up: boolean; down: boolean }
  held: { up: Buffer[]; down: Buffer[] } | undefined
  closeAfterFlush: boolean
}

/**
 * A TCP proxy on 127.0.0.1 that sits between a client and a device and injects one fault at a chosen byte offset in
 * either direction: cut (both sides closed), reset (RST to the client), delay (the rest held for a while, then
 * forwarded: a request that lands after the client gave up) or stall (the rest never forwarded). Bytes are counted
 * from `arm()` over every connection, so a fault can land in any request of a multi-request exchange.
 */
export class FaultProxy {
  readonly #server: net.Server
  readonly #pairs = new Set<Pair>()
  #fault: Fault | undefined
  #fired = false
  #counted = { up: 0, down: 0 }
  #pendingDelays = new Set<Promise<void>>()
  port = 0

  constructor(private readonly targetPort: number) {
    this.#server = net.createServer((client) => this.#accept(client))
  }

  /** Starts listening on an ephemeral loopback port. */
  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', () => resolve()))
    this.port = (this.#server.address() as AddressInfo).port
    return this.port
  }

  /** Arms a fault (or none, to count bytes) and resets the byte counters. */
  arm(fault: Fault | undefined): void {
    this.#fault = fault
    this.#fired = false
    this.#counted = { up: 0, down: 0 }
  }

  /** Whether the armed fault went off. */
  get fired(): boolean {
    return this.#fired
  }

  /** Bytes seen per direction since arming. */
  get counted(): { up: number; down: number } {
    return { ...this.#counted }
  }

  /** Resolves once every delayed chunk has been forwarded (or dropped with its closed connection). */
  async flushed(): Promise<void> {
    while (this.#pendingDelays.size > 0) await Promise.all([...this.#pendingDelays])
  }

  /** Closes every stalled connection, so a client waiting on one sees it end. */
  releaseStalls(): void {
    for (const pair of this.#pairs) if (pair.stalled.up || pair.stalled.down) this.#close(pair)
  }

  async close(): Promise<void> {
    for (const pair of this.#pairs) this.#close(pair)
    await this.flushed()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #accept(client: net.Socket): void {
    const server = net.connect({ host: '127.0.0.1', port: this.targetPort })
    const pair: Pair = { client, server, stalled: { up: false, down: false }, held: undefined, closeAfterFlush: false }
    this.#pairs.add(pair)
    client.on('data', (chunk: Buffer) => this.#forward(pair, 'up', chunk))
    server.on('data', (chunk: Buffer) => this.#forward(pair, 'down', chunk))
    const end = () => this.#close(pair)
    client.on('close', end)
    server.on('close', end)
    client.on('error', () => undefined)
    server.on('error', () => undefined)
  }

  #forward(pair: Pair, direction: 'up' | 'down', chunk: Buffer): void {
    const to = direction === 'up' ? pair.server : pair.client
    if (pair.stalled[direction]) return
    if (pair.held) {
      pair.held[direction].push(chunk)
      return
    }
    const fault = this.#fault
    const before = this.#counted[direction]
    this.#counted[direction] += chunk.length
    if (!fault || this.#fired || fault.direction !== direction || before + chunk.length <= fault.atByte) {
      to.write(chunk)
      return
    }
    this.#fired = true
    const split = Math.max(0, fault.atByte - before)
    if (split > 0) to.write(chunk.subarray(0, split))
    const rest = chunk.subarray(split)
    switch (fault.kind) {
      case 'cut':
        this.#close(pair)
        return
      case 'reset':
        pair.server.destroy()
        pair.client.resetAndDestroy()
        return
      case 'stall':
        pair.stalled[direction] = true
        return
      case 'delay': {
        pair.held = { up: [], down: [] }
        pair.held[direction].push(rest)
        const done = new Promise<void>((resolve) => {
          setTimeout(() => {
            const held = pair.held
            pair.held = undefined
            if (held) {
              for (const c of held.up) if (!pair.server.destroyed) pair.server.write(c)
              for (const c of held.down) if (!pair.client.destroyed) pair.client.write(c)
            }
            if (pair.closeAfterFlush) {
              pair.server.end()
              setTimeout(() => this.#close(pair), 50)
            }
            resolve()
          }, fault.delayMs ?? 500)
        })
        this.#pendingDelays.add(done)
        void done.then(() => this.#pendingDelays.delete(done))
        return
      }
    }
  }

  #close(pair: Pair): void {
    if (pair.held) {
      pair.closeAfterFlush = true
      return
    }
    pair.client.destroy()
    pair.server.destroy()
    this.#pairs.delete(pair)
  }
}
