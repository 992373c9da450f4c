import { MockSwitch } from './mocks/index.js'
const dev = new MockSwitch({ hostname: 'sw1', ports: 4, enablePassword: 'en' })
const { ssh } = await dev.listen()
console.log(ssh.port, ssh.hostKeys, ssh.knownHosts)
await new Promise(r => setTimeout(r, 60000))
