/**
 * Runs one MockSwitch in its own process, so a benchmark's client and the mock do not share a CPU core or event
 * loop. Prints `{port, httpPort, certificatePem}` as one JSON line, then serves until stdin closes.
 * Arguments: extra VLANs to create, as EOS range text (optional; `-` for none), then the number of front-panel
 * ports (optional, default 48).
 */
import { MockSwitch } from '../mocks/index.js'

const ports = Number(process.argv[3] ?? 48)
const dev = new MockSwitch({ hostname: 'bench1', ports, username: 'admin', password: 'bench-pw' })
const vlans = process.argv[2]
if (vlans && vlans !== '-') dev.cli(['configure', `vlan ${vlans}`, 'end'])
const { eapi, eapiHttp, ssh } = await dev.listen()
process.stdout.write(
  `${JSON.stringify({ port: eapi.port, httpPort: eapiHttp.port, certificatePem: eapi.certificatePem, sshPort: ssh.port, sshHostKey: ssh.hostKeys.ed25519 })}\n`,
)
process.stdin.resume()
process.stdin.on('end', () => {
  void dev.close().then(() => process.exit(0))
})
