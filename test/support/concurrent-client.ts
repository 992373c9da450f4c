/**
 * A switchyard client in its own process, for concurrency tests: reads one JSON command per line on stdin
 * (`{ id, connectOptions, vlan, port, description }`), applies `vlan` (created) and the port's description in one
 * configure(), and prints `{ id, outcome: 'applied' | code }` per line. Stays connected between commands.
 */
import { createInterface } from 'node:readline'
import { connect, SwitchyardError, type ConnectOptions, type Device } from '../../src/index.js'

interface Command {
  id: number
  connectOptions: ConnectOptions
  vlan: number
  name: string
  port: string
  description: string
}

let device: Device | undefined
const lines = createInterface({ input: process.stdin })
for await (const line of lines) {
  if (line.trim() === '') continue
  const cmd = JSON.parse(line) as Command
  try {
    device ??= await connect(cmd.connectOptions)
    await device.configure((tx) => {
      tx.vlans.create({ id: cmd.vlan, name: cmd.name })
      tx.interfaces.configure(cmd.port, { description: cmd.description })
    })
    process.stdout.write(`${JSON.stringify({ id: cmd.id, outcome: 'applied' })}\n`)
  } catch (error) {
    const code = SwitchyardError.isSwitchyardError(error) ? error.code : `untyped: ${String(error)}`
    process.stdout.write(`${JSON.stringify({ id: cmd.id, outcome: code })}\n`)
  }
}
await device?.close()
