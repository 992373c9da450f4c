import { Client } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { openRawShell } from '../support/raw-shell.js'

let mock: MockSwitch
let ep: MockEndpoints
beforeAll(async () => {
  mock = new MockSwitch({ hostname: 'term1', ports: 30, username: 'admin', password: 'term-pw', enablePassword: 'en-pw', banner: 'Authorized use only', motd: 'Welcome to term1' })
  ep = await mock.listen()
})
afterAll(() => mock.close())

describe("the mock's SSH face behaves like an EOS terminal", () => {
  it('greets with the motd and the exec prompt, echoes each character, and takes \\r, \\n and \\r\\n as one Enter', async () => {
    const sh = await openRawShell(ep.ssh.port, 'term-pw')
    await sh.waitFor(/Welcome to term1\r\nterm1>$/)
    sh.write('sh')
    await sh.waitFor(/term1>sh$/)
    sh.write('ow hostname\r')
    await sh.waitFor(/show hostname\r\nHostname: term1\r\nFQDN: +term1\r\nterm1>$/)
    sh.write('show hostname\r\n')
    sh.write('show hostname\n')
    await sh.waitFor(/(Hostname: term1[\s\S]*){3}term1>$/)
    expect(sh.received().match(/term1>/g)?.length).toBe(4)
    sh.close()
  })

  it('handles backspace, Ctrl-C and NUL; asks for the enable secret without echoing it', async () => {
    const sh = await openRawShell(ep.ssh.port, 'term-pw')
    await sh.waitFor(/term1>$/)
    sh.write('show hostnamX\x7fe\x00\r')
    await sh.waitFor(/hostnamX\x08 \x08e\r\nHostname: term1/)
    sh.write('show vl\x03')
    await sh.waitFor(/show vl\^C\r\nterm1>$/)
    sh.write('enable\r')
    await sh.waitFor(/Password: $/)
    sh.write('wrong\r')
    await sh.waitFor(/% Access denied\r\nterm1>$/)
    sh.write('enable\ren-pw\r')
    await sh.waitFor(/term1#$/)
    expect(sh.received()).not.toContain('en-pw')
    sh.close()
  })

  it('prints EOS prompts per mode and the terminal replies', async () => {
    const sh = await openRawShell(ep.ssh.port, 'term-pw')
    await sh.waitFor(/term1>$/)
    sh.write('enable\ren-pw\r')
    await sh.waitFor(/term1#$/)
    sh.write('terminal length 0\r')
    await sh.waitFor(/Pagination disabled\.\r\nterm1#$/)
    sh.write('term width 511\r')
    await sh.waitFor(/Width set to 511 columns\.\r\nterm1#$/)
    sh.write('conf t\r')
    await sh.waitFor(/term1\(config\)#$/)
    sh.write('vlan 42\r')
    await sh.waitFor(/term1\(config-vlan-42\)#$/)
    sh.write('interface e1\r')
    await sh.waitFor(/term1\(config-if-Et1\)#$/)
    sh.write('bogus\r')
    await sh.waitFor(/% Invalid input \(at token 0: 'bogus'\)\r\nterm1\(config-if-Et1\)#$/)
    sh.write('end\r')
    await sh.waitFor(/end\r\nterm1#$/)
    sh.write('configure session abcdefgh\r')
    await sh.waitFor(/term1\(config-s-abcdef\)#$/)
    sh.write('abort\r')
    await sh.waitFor(/abort\r\nterm1#$/)
    sh.close()
  })

  it('prints | json with 4-space indentation', async () => {
    const sh = await openRawShell(ep.ssh.port, 'term-pw')
    await sh.waitFor(/term1>$/)
    sh.write('show hostname | json\r')
    await sh.waitFor(/\{\r\n {4}"hostname": "term1",\r\n {4}"fqdn": "term1"\r\n\}\r\nterm1>$/)
    sh.close()
  })

  it('pages with --More-- when the terminal length is not 0: space for a page, Enter for a line, q to stop', async () => {
    const sh = await openRawShell(ep.ssh.port, 'term-pw', 10)
    await sh.waitFor(/term1>$/)
    sh.write('show interfaces status\r')
    await sh.waitFor(/ --More-- $/)
    expect(sh.received().split('\r\n').length).toBeLessThan(14)
    sh.write(' ')
    await sh.waitFor(/Et1[5-9][\s\S]* --More-- $/)
    sh.write('q')
    await sh.waitFor(/term1>$/)
    expect(sh.received()).toContain('Et1 ')
    expect(sh.received()).not.toContain('Ma1 ')
    sh.close()
  })

  it('runs exec channels (ssh sw "show version") and sends a banner', async () => {
    const client = new Client()
    let banner = ''
    await new Promise<void>((resolve, reject) => {
      client.on('banner', (text) => (banner = text))
      client.once('ready', () => resolve()).once('error', reject)
      client.connect({ host: '127.0.0.1', port: ep.ssh.port, username: 'admin', password: 'term-pw', hostVerifier: () => true })
    })
    const output = await new Promise<string>((resolve, reject) => {
      client.exec('show version', (error, stream) => {
        if (error) return reject(error)
        let text = ''
        stream.on('data', (c: Buffer) => (text += c.toString())).on('close', () => resolve(text))
      })
    })
    client.end()
    expect(banner).toContain('Authorized use only')
    expect(output).toMatch(/^Arista vEOS-lab\n/)
  })
})
