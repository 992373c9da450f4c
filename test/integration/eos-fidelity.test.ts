import { Client } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { basicAuth, rawPost } from '../support/raw-http.js'

let mock: MockSwitch
let ep: MockEndpoints

const SETUP = [
  'configure',
  'vlan 10',
  'name users',
  'interface Ethernet1',
  'description uplink',
  'switchport mode trunk',
  'switchport trunk allowed vlan 10,20',
  'interface Vlan10',
  'ip address 10.10.0.1/24',
  'ip helper-address 10.0.0.5',
  'dhcp relay',
  'server 10.0.0.6',
  'end',
]

beforeAll(async () => {
  mock = new MockSwitch({ hostname: 'fid1', ports: 8, username: 'admin', password: 'pw', lldpNeighbors: [{ port: 'Ethernet1', neighborDevice: 'spine1', neighborPort: 'Ethernet3' }] })
  ep = await mock.listen()
  expect(mock.cli(SETUP)).toBe('')
})
afterAll(() => mock.close())

/** Runs commands over eAPI (plain HTTP port) and returns the parsed JSON-RPC answer. */
async function eapi(cmds: string[], format: 'json' | 'text'): Promise<{ result?: unknown[]; error?: { code: number; message: string; data: unknown[] } }> {
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', id: 1, params: { version: 1, format, cmds: ['enable', ...cmds] } })
  const answer = await rawPost(ep.eapiHttp.port, '/command-api', body, basicAuth('admin', 'pw'))
  const parsed = JSON.parse(answer.body) as { result?: unknown[]; error?: { code: number; message: string; data: unknown[] } }
  return parsed.result ? { result: parsed.result.slice(1) } : parsed
}

async function eapiText(command: string): Promise<string> {
  const answer = await eapi([command], 'text')
  if (!answer.result) throw new Error(JSON.stringify(answer.error))
  return (answer.result[0] as { output: string }).output
}

/** Runs one command over an SSH exec channel and returns what it printed. */
function sshExec(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client()
    client.on('error', reject)
    client.on('ready', () => {
      client.exec(command, (error, stream) => {
        if (error) return reject(error)
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('close', () => {
          client.end()
          resolve(Buffer.concat(chunks).toString('utf8'))
        })
      })
    })
    client.connect({ host: '127.0.0.1', port: ep.ssh.port, username: 'admin', password: 'pw' })
  })
}

describe('output pipes, the same on every face (console, eAPI text, SSH)', () => {
  const cases: Array<[string, string]> = [
    ['show running-config | section ^interface Ethernet1', 'interface Ethernet1\n   description uplink\n   switchport trunk allowed vlan 10,20\n   switchport mode trunk\n'],
    ['show running-config | section dhcp relay', 'dhcp relay\n   server 10.0.0.6\n'],
    ['show running-config | section helper', 'interface Vlan10\n   ip helper-address 10.0.0.5\n'],
    ['show running-config | section ^vlan', 'vlan 10\n   name users\n'],
    ['show running-config | include ^interface Vlan|^hostname', 'hostname fid1\ninterface Vlan10\n'],
    ['show running-config | begin ^interface Vlan10 | exclude !', 'interface Vlan10\n   ip address 10.10.0.1/24\n   ip helper-address 10.0.0.5\nend\n'],
    ['show running-config | section ^interface | count', '16\n'],
    ['show vlan 10 | json | include "name"', '            "name": "users",\n'],
  ]
  for (const [command, expected] of cases) {
    it(command, async () => {
      expect(mock.cli(command)).toBe(expected)
      expect(await eapiText(command)).toBe(expected)
      expect(await sshExec(command)).toBe(expected)
    })
  }

  it('| json prints the model over the console and SSH, and is the model itself in eAPI JSON format', async () => {
    const model = JSON.parse(mock.cli('show hostname | json')) as unknown
    expect(model).toEqual({ hostname: 'fid1', fqdn: 'fid1' })
    expect(JSON.parse(await sshExec('show hostname | json'))).toEqual(model)
    expect(JSON.parse(await eapiText('show hostname | json'))).toEqual(model)
    expect((await eapi(['show hostname | json'], 'json')).result).toEqual([model])
  })

  it('a text filter in eAPI JSON format fails as an unconverted command (1003), as text-only output does', async () => {
    const answer = await eapi(['show running-config | section ^vlan'], 'json')
    expect(answer.error).toMatchObject({ code: 1003, message: "CLI command 2 of 2 'show running-config | section ^vlan' failed: unconverted command" })
  })

  it('a bad modifier is refused with the token it points at, on every face', async () => {
    expect(mock.cli('show vlan | frobnicate')).toBe("% Invalid input (at token 3: 'frobnicate')\n")
    expect(await sshExec('show vlan | frobnicate')).toBe("% Invalid input (at token 3: 'frobnicate')\n")
    expect((await eapi(['show vlan | frobnicate'], 'text')).error?.data.at(-1)).toMatchObject({ errors: ["Invalid input (at token 3: 'frobnicate')"] })
  })

  it('the command log keeps the whole piped line, and a rejected pattern sees it', async () => {
    await eapiText('show running-config | section ^vlan')
    expect(mock.commandLog).toContain('show running-config | section ^vlan')
    const undo = mock.rejectCommand(/\| section/, 'Pipes are disabled here')
    try {
      expect(mock.cli('show vlan | section x')).toBe('% Pipes are disabled here\n')
    } finally {
      undo()
    }
  })
})

describe('show lldp neighbors', () => {
  it('lists the neighbours held by the device, in the JSON shape of public EOS recordings and as text', async () => {
    const [model] = (await eapi(['show lldp neighbors'], 'json')).result as [{ lldpNeighbors: unknown[]; tablesInserts: number }]
    expect(model.lldpNeighbors).toEqual([{ port: 'Ethernet1', neighborDevice: 'spine1', neighborPort: 'Ethernet3', ttl: 120 }])
    expect(model).toMatchObject({ tablesInserts: 1, tablesDeletes: 0, tablesDrops: 0, tablesAgeOuts: 0 })
    expect(await eapiText('show lldp neighbors')).toMatch(/^Port +Neighbor Device ID +Neighbor Port ID +TTL\n-+ -+ -+ ---\nEt1 +spine1 +Ethernet3 +120\n$/m)
  })

  it('follows setLldpNeighbors, and hides a neighbour whose link is down', () => {
    mock.setLldpNeighbors([
      { port: 'Ethernet1', neighborDevice: 'spine1', neighborPort: 'Ethernet3' },
      { port: 'Ethernet2', neighborDevice: 'spine2', neighborPort: 'Ethernet3', ttl: 90 },
    ])
    mock.setLink('Ethernet1', false)
    try {
      const model = JSON.parse(mock.cli('show lldp neighbors | json')) as { lldpNeighbors: unknown[] }
      expect(model.lldpNeighbors).toEqual([{ port: 'Ethernet2', neighborDevice: 'spine2', neighborPort: 'Ethernet3', ttl: 90 }])
    } finally {
      mock.setLink('Ethernet1', true)
      mock.setLldpNeighbors([{ port: 'Ethernet1', neighborDevice: 'spine1', neighborPort: 'Ethernet3' }])
    }
  })
})

describe('startup-config, write and reload', () => {
  it('copy running-config startup-config saves; a reload loads the startup-config and forgets sessions', async () => {
    const dev = new MockSwitch({ hostname: 'boot1', ports: 4 })
    expect(dev.cli(['configure', 'vlan 30', 'name saved', 'end'])).toBe('')
    expect(dev.cli('show startup-config | include saved')).toBe('')
    expect(dev.cli('copy running-config startup-config')).toBe('Copy completed successfully.\n')
    expect(dev.cli('show startup-config | section ^vlan')).toBe('vlan 30\n   name saved\n')
    expect(dev.cli('show startup-config | include ^! Command')).toBe('! Command: show startup-config\n')
    expect(dev.cli(['configure', 'vlan 31', 'name unsaved', 'end', 'configure session pending1', 'vlan 32', 'end'])).toBe('')
    const before = dev.revision
    dev.reload()
    expect(dev.revision).toBeGreaterThan(before)
    expect(dev.cli('show running-config | section ^vlan')).toBe('vlan 30\n   name saved\n')
    expect(dev.cli('show configuration sessions | include pending1')).toBe('')
    expect(dev.cli(['configure', 'vlan 33', 'end', 'write memory', 'write'])).toBe('Copy completed successfully.\nCopy completed successfully.\n')
    expect(dev.cli('show startup-config | include ^vlan 33')).toBe('vlan 33\n')
    await dev.close()
  })

  it('over eAPI the copy answers with messages, as ansible and NAPALM read it', async () => {
    expect((await eapi(['copy running-config startup-config'], 'json')).result).toEqual([{ messages: ['Copy completed successfully.'] }])
  })
})

describe('rollback clean-config in a configure session', () => {
  it('leaves the factory configuration: every physical port (Management1 too) kept empty, no VLANs, no name', () => {
    const dev = new MockSwitch({ hostname: 'clean1', ports: 3 })
    dev.cli(['configure', 'vlan 10', 'interface Ethernet2', 'description x', 'interface Port-Channel5', 'interface Loopback0', 'ip address 10.0.0.1/32', 'end'])
    expect(dev.cli('rollback clean-config')).toMatch(/^% /)
    const text = dev.cli(['configure session wipe', 'rollback clean-config', 'show session-config'])
    expect(text.split('\n').filter((l) => /^(interface|vlan|hostname)/.test(l))).toEqual(['interface Ethernet1', 'interface Ethernet2', 'interface Ethernet3', 'interface Management1'])
    expect(text).not.toContain('   ')
    const diff = dev.cli('show session-config diffs')
    expect(diff).toContain('\n-hostname clean1\n')
    expect(diff).toContain('\n-interface Loopback0\n-   ip address 10.0.0.1/32\n')
    dev.cli(['commit'])
    expect(dev.cli('show hostname')).toContain('Hostname: localhost')
    expect(dev.cli('show running-config | include hostname')).toBe('')
  })
})

describe('files: dir and the boot-config eos_facts reads over SSH', () => {
  it('dir lists flash:, dir all-filesystems names each filesystem as ansible eos_facts parses it', async () => {
    const flash = await eapiText('dir')
    expect(flash).toMatch(/^Directory of flash:\/\n/)
    expect(flash).toMatch(/ EOS-4\.\d+\.\d+F\.swi\n/)
    expect(flash).toMatch(/ startup-config\n/)
    expect((await eapiText('dir all-filesystems')).match(/^Directory of (.+)\//gm)).toEqual(['Directory of flash:/', 'Directory of system:/'])
  })

  it('bash timeout 5 cat /mnt/flash/boot-config names the image (the version of show version)', async () => {
    const version = (JSON.parse(mock.cli('show version | json')) as { version: string }).version
    expect(await sshExec('bash timeout 5 cat /mnt/flash/boot-config')).toBe(`SWI=flash:/EOS-${version}.swi\n`)
    expect(await sshExec('bash timeout 5 cat /mnt/flash/nothing')).toBe('% cat: /mnt/flash/nothing: No such file or directory\n')
  })
})

describe('session diffs in the unified format, through the SDK', () => {
  it("the mock's diff carries hunks and context; the SDK applies through it and returns it", async () => {
    const raw = mock.cli(['configure session hunks', 'vlan 10', 'name staff', 'show session-config diffs', 'abort'])
    expect(raw).toMatch(/^--- system:\/running-config\n\+\+\+ session:\/hunks-session-config\n@@ -\d+,\d+ \+\d+,\d+ @@\n /)
    expect(raw).toContain('\n vlan 10\n-   name users\n+   name staff\n')
    const sw = await connect(ep.eapi.connectOptions)
    try {
      const result = await sw.configure((tx) => {
        tx.vlans.update(10, { name: 'staff' })
      })
      expect(result.applied).toBe(true)
      expect(result.diff).toMatch(/^@@ -\d+(,\d+)? \+\d+(,\d+)? @@$/m)
      expect(result.diff).toContain('+   name staff')
      expect(mock.cli('show running-config | section ^vlan 10')).toBe('vlan 10\n   name staff\n')
    } finally {
      await sw.close()
    }
  })
})
