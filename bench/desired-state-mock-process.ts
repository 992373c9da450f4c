/**
 * A MockSwitch in its own process for the desired-state benchmark, counting the eAPI requests it answers. Prints its
 * endpoint as one JSON line; then, per stdin line: `count` prints `{"requests": n}`, `reset` zeroes the count and
 * restores the factory configuration plus the VLANs given as the first argument (EOS range text, `-` for none).
 */
import { createInterface } from 'node:readline'
import { MockSwitch } from '../mocks/index.js'

const dev = new MockSwitch({ hostname: 'bench-ds', ports: 48, username: 'admin', password: 'bench-pw' })
const factory = structuredClone(dev.running)
const vlans = process.argv[2] ?? '-'
let requests = 0
const handle = dev.eapiHandler.handle.bind(dev.eapiHandler)
dev.eapiHandler.handle = (request) => {
  if (request.path === '/command-api') requests++
  return handle(request)
}
const reset = () => {
  dev.running = structuredClone(factory)
  if (vlans !== '-') dev.cli(['configure', `vlan ${vlans}`, 'end'])
  requests = 0
}
reset()
const { eapi, eapiHttp } = await dev.listen()
process.stdout.write(`${JSON.stringify({ port: eapi.port, httpPort: eapiHttp.port, certificatePem: eapi.certificatePem })}\n`)
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'count') process.stdout.write(`${JSON.stringify({ requests })}\n`)
  else if (line === 'reset') {
    reset()
    process.stdout.write('{"ok":true}\n')
  }
}
await dev.close()
process.exit(0)
