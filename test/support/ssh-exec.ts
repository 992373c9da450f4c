import { Client } from 'ssh2'

/** Runs one command over an SSH exec channel of a mock (password login) and returns what it printed. */
export function sshExec(port: number, username: string, password: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client()
    client.on('error', reject)
    client.on('ready', () => {
      client.exec(command, (error, stream) => {
        if (error) {
          client.end()
          return reject(error)
        }
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('close', () => {
          client.end()
          resolve(Buffer.concat(chunks).toString('utf8'))
        })
      })
    })
    client.connect({ host: '127.0.0.1', port, username, password, readyTimeout: 10_000 })
  })
}
