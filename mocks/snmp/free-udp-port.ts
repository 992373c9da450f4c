import dgram from 'node:dgram'

/** An unused UDP port on 127.0.0.1 (net-snmp's agent treats port 0 as 161, so the port is found first). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4')
    socket.once('error', reject)
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address()
      socket.close(() => resolve(port))
    })
  })
}
