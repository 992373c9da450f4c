import dgram from 'node:dgram'

/** A dgram-compatible module for net-snmp's agent, and the outcome of the one bind it makes. */
export interface UdpBinding {
  /** Pass as net-snmp's `dgramModule`: its sockets bind to the chosen port on 127.0.0.1, whatever the agent asks. */
  readonly dgram: Pick<typeof dgram, 'createSocket'>
  /** The bound port once the socket listens; rejects with the bind error (EADDRINUSE for a taken fixed port). */
  readonly ready: Promise<number>
  /** The socket, once created (for closing it when the bind failed and the agent cannot). */
  readonly socket: () => dgram.Socket | undefined
}

/**
 * Lets the OS pick the SNMP agent's UDP port in the bind itself. net-snmp's agent treats port 0 as 161, so the mock
 * used to find a free port first (bind 0, read it, close) and give that number to the agent: between the close and
 * the agent's bind, another mock starting in parallel could be handed the same port, and its bind then failed into
 * the agent's error callback unnoticed; that agent answered nothing and its `close()` threw (`socket.address()` on
 * an unbound socket), crashing a lab's close. Here the agent's own socket binds to `port` (0: chosen by the OS)
 * atomically, and a failure is reported to the caller. net-snmp documents `dgramModule` for wrapping dgram.
 */
export function udpBinding(port: number): UdpBinding {
  let created: dgram.Socket | undefined
  let settle: { resolve(port: number): void; reject(error: Error): void } | undefined
  const ready = new Promise<number>((resolve, reject) => {
    settle = { resolve, reject }
  })
  const module: Pick<typeof dgram, 'createSocket'> = {
    createSocket: ((type: dgram.SocketType) => {
      if (created) throw new Error('udpBinding: one socket per binding')
      const socket = dgram.createSocket(type)
      created = socket
      const onError = (error: Error) => settle?.reject(error)
      socket.once('error', onError)
      socket.once('listening', () => {
        socket.off('error', onError)
        settle?.resolve(socket.address().port)
      })
      const bind = dgram.Socket.prototype.bind as (this: dgram.Socket, port: number, address: string) => dgram.Socket
      socket.bind = (() => bind.call(socket, port, '127.0.0.1')) as typeof socket.bind
      return socket
    }) as typeof dgram.createSocket,
  }
  return { dgram: module, ready, socket: () => created }
}
