import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'

/** What a {@link UdpDropProxy} loses of the first SNMP SetRequest that passes through it. */
export type SetLoss =
  /** The SetRequest itself never reaches the agent. */
  | 'request'
  /** The agent gets the SetRequest, but its answer never reaches the client. */
  | 'answer'
  /** The SetRequest reaches the agent; from then on nothing passes either way. */
  | 'everything-after'
  /** Nothing is lost. */
  | 'nothing'

const SET_REQUEST_PDU = 0xa3

/** The PDU tag of an SNMPv1/v2c message (SEQUENCE { version, community, PDU }), or undefined when it is not one. */
export function pduTagOf(message: Buffer): number | undefined {
  let offset = 0
  const skipHeader = (): number | undefined => {
    offset++
    const first = message[offset++]
    if (first === undefined) return undefined
    if (first < 0x80) return first
    let length = 0
    for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + (message[offset++] ?? 0)
    return length
  }
  if (message[0] !== 0x30 || skipHeader() === undefined) return undefined
  for (let field = 0; field < 2; field++) {
    const length = skipHeader()
    if (length === undefined) return undefined
    offset += length
  }
  return message[offset]
}

/**
 * A UDP relay on 127.0.0.1 between one SNMP client and an agent that loses the first SetRequest, its answer, or
 * everything after it — to test what a client makes of a request or an answer lost on the way.
 */
export class UdpDropProxy {
  readonly #socket: Socket
  readonly #upstream: Socket
  #client: RemoteInfo | undefined
  #loss: SetLoss = 'nothing'
  #setSeen = false
  #answerPending = false

  private constructor(socket: Socket, upstream: Socket, target: number) {
    this.#socket = socket
    this.#upstream = upstream
    socket.on('message', (message, from) => {
      this.#client = from
      if (this.#setSeen && this.#loss === 'everything-after') return
      const isSet = !this.#setSeen && pduTagOf(message) === SET_REQUEST_PDU
      if (isSet) {
        this.#setSeen = true
        if (this.#loss === 'request') return
        this.#answerPending = this.#loss === 'answer'
      }
      upstream.send(message, target, '127.0.0.1')
    })
    upstream.on('message', (message) => {
      if (this.#setSeen && this.#loss === 'everything-after') return
      if (this.#answerPending) {
        this.#answerPending = false
        return
      }
      if (this.#client) socket.send(message, this.#client.port, this.#client.address)
    })
  }

  /** Starts a relay to the agent on `target` (a UDP port on 127.0.0.1). */
  static async start(target: number): Promise<UdpDropProxy> {
    const socket = createSocket('udp4')
    const upstream = createSocket('udp4')
    await Promise.all([new Promise<void>((r) => socket.bind(0, '127.0.0.1', r)), new Promise<void>((r) => upstream.bind(0, '127.0.0.1', r))])
    return new UdpDropProxy(socket, upstream, target)
  }

  /** The port clients send to. */
  get port(): number {
    return this.#socket.address().port
  }

  /** Arms the proxy to lose `loss` of the next SetRequest. */
  arm(loss: SetLoss): void {
    this.#loss = loss
    this.#setSeen = false
    this.#answerPending = false
  }

  close(): void {
    this.#socket.close()
    this.#upstream.close()
  }
}
