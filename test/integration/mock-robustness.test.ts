import { Client } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from 'switchyard'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { openRawShell } from '../support/raw-shell.js'
import { basicAuth, rawPost, streamingPost } from '../support/raw-http.js'

let mock: MockSwitch
let ep: MockEndpoints
const AUTH = basicAuth('admin', 'robust-pw')

beforeAll(async () => {
  mock = new MockSwitch({ hostname: 'robust1', ports: 8, username: 'admin', password: 'robust-pw', maxRequestBytes: 1024 * 1024 })
  ep = await mock.listen()
})
afterAll(() => mock.close())

/** Every face still answers correctly: a VLAN list over eAPI (HTTPS) and SSH through the SDK, and an SNMP GET. */
async function allFacesAnswer(): Promise<void> {
  for (const options of [ep.eapi.connectOptions, ep.ssh.connectOptions, ep.snmp.connectOptions]) {
    const sw = await connect(options)
    try {
      expect((await sw.vlans.list()).map((v) => v.id)).toContain(1)
      if (options.driver === 'snmp') expect((await sw.facts()).hostname).toBe('robust1')
    } finally {
      await sw.close()
    }
  }
}

function rpc(params: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', id: 'r1', params, ...extra })
}

describe('the eAPI face answers every malformed request and keeps running', () => {
  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a number', '7'],
    ['a string', '"admin"'],
    ['non-string fields', '{"username": 1, "password": ["robust-pw"]}'],
    ['a missing password', '{"username": "admin"}'],
    ['not JSON', '{"username": '],
  ])('POST /login with %s is a 400, not a crash', async (_what, body) => {
    const answer = await rawPost(ep.eapiHttp.port, '/login', body)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatch(/^Bad Request/)
  })

  it.each([
    ['null', -32600, 'null'],
    ['an array', -32600, '[]'],
    ['truncated JSON', -32700, '{"jsonrpc": "2.0", "method": "runC'],
    ['no jsonrpc', -32600, JSON.stringify({ method: 'runCmds', id: 1, params: { cmds: [] } })],
    ['another method', -32601, JSON.stringify({ jsonrpc: '2.0', method: 'rm', id: 1, params: { cmds: [] } })],
    ['an object id', -32600, JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', id: { a: 1 }, params: { cmds: [] } })],
    ['params null', -32602, rpc(null)],
    ['cmds missing', -32602, rpc({ format: 'json' })],
    ['cmds: [null]', -32602, rpc({ cmds: [null] })],
    ['cmds: [{cmd: {toString: 1}}]', -32602, rpc({ cmds: [{ cmd: { toString: 1 } }] })],
    ['cmds: [{cmd: "show vlan", input: 5}]', -32602, rpc({ cmds: [{ cmd: 'show vlan', input: 5 }] })],
    ['cmds: [{cmd: "show vlan", revision: "2"}]', -32602, rpc({ cmds: [{ cmd: 'show vlan', revision: '2' }] })],
    ['format xml', -32602, rpc({ cmds: ['show vlan'], format: 'xml' })],
    ['version -1', -32602, rpc({ cmds: ['show vlan'], version: -1 })],
    ['autoComplete "yes"', -32602, rpc({ cmds: ['show vlan'], autoComplete: 'yes' })],
    ['an unknown param', -32602, rpc({ cmds: ['show vlan'], bogus: true })],
  ] as Array<[string, number, string]>)('/command-api body %s answers JSON-RPC error %d', async (_what, code, body) => {
    const answer = await rawPost(ep.eapiHttp.port, '/command-api', body, AUTH)
    expect(answer.status).toBe(200)
    const json = JSON.parse(answer.body) as { jsonrpc: string; id: unknown; error: { code: number; message: string } }
    expect(json.jsonrpc).toBe('2.0')
    expect(json.error.code).toBe(code)
    expect(json.error.message).not.toMatch(/\n\s+at /)
  })

  it('accepts what real clients send: pyeapi (top-level streaming, id string), ansible (version "latest", id null)', async () => {
    const pyeapi = await rawPost(ep.eapiHttp.port, '/command-api', JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', params: { version: 1, cmds: ['show hostname'], format: 'json' }, id: '1403', streaming: false }), AUTH)
    expect(JSON.parse(pyeapi.body)).toEqual({ jsonrpc: '2.0', id: '1403', result: [{ hostname: 'robust1', fqdn: 'robust1' }] })
    const ansible = await rawPost(ep.eapiHttp.port, '/command-api', JSON.stringify({ jsonrpc: '2.0', id: null, method: 'runCmds', params: { version: 'latest', cmds: [{ cmd: 'show hostname' }], format: 'text' } }), AUTH)
    expect(JSON.parse(ansible.body)).toMatchObject({ id: null, result: [{ output: expect.stringContaining('robust1') }] })
  })

  it('a failure inside a handler is a JSON-RPC -32603 without stack or secret; the device keeps answering', async () => {
    const undo = mock.rejectCommand({ test: () => { throw new Error('bug with robust-pw inside') } } as unknown as RegExp, 'unused')
    try {
      const answer = await rawPost(ep.eapiHttp.port, '/command-api', rpc({ cmds: ['show vlan'] }), AUTH)
      expect(JSON.parse(answer.body)).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'Internal error' } })
      expect(answer.body).not.toContain('robust-pw')
    } finally {
      undo()
    }
    await allFacesAnswer()
  })

  it('a command line over the cap fails as an invalid command, with the line cut in the message', async () => {
    const answer = await rawPost(ep.eapiHttp.port, '/command-api', rpc({ cmds: ['show hostname', `show ${'x'.repeat(70_000)}`] }), AUTH)
    const json = JSON.parse(answer.body) as { error: { code: number; message: string; data: unknown[] } }
    expect(json.error.code).toBe(1002)
    expect(json.error.message.length).toBeLessThan(300)
    expect(json.error.data).toHaveLength(2)
    expect(json.error.data[1]).toEqual({ errors: ['Invalid input (command longer than 65536 bytes)'] })
  })

  it('an answer over the response cap ends in JSON-RPC -32603 instead of being built whole', async () => {
    const small = new MockSwitch({ hostname: 'robust3', password: 'pw3', maxResponseBytes: 20_000 })
    const endpoints = await small.listen()
    try {
      const cmds = ['enable', ...Array.from({ length: 50 }, () => 'show interfaces')]
      const answer = await rawPost(endpoints.eapiHttp.port, '/command-api', rpc({ cmds }), basicAuth('admin', 'pw3'))
      const json = JSON.parse(answer.body) as { error: { code: number; message: string } }
      expect(json.error.code).toBe(-32603)
      expect(json.error.message).toMatch(/would exceed 20000 bytes \(at command \d+ of 51\)/)
      expect(answer.body.length).toBeLessThan(1000)
      const one = await rawPost(endpoints.eapiHttp.port, '/command-api', rpc({ cmds: ['show hostname'] }), basicAuth('admin', 'pw3'))
      expect(JSON.parse(one.body)).toMatchObject({ result: [{ hostname: 'robust3' }] })
    } finally {
      await small.close()
    }
  })

  it('a body over the cap gets HTTP 413 while it streams, without the body being read whole', async () => {
    const before = process.memoryUsage().rss
    const streamed = await streamingPost(ep.eapiHttp.port, '/command-api', Buffer.alloc(64 * 1024, 0x61), 200 * 1024 * 1024, AUTH)
    expect(streamed.status).toBe(413)
    expect(streamed.bytesWritten).toBeLessThan(32 * 1024 * 1024)
    const declared = await rawPost(ep.eapiHttp.port, '/command-api', 'x', { ...AUTH, 'content-length': String(200 * 1024 * 1024) }).catch((e: Error) => e)
    if (!(declared instanceof Error)) expect(declared.status).toBe(413)
    expect(ep.eapiHttp.requestsRefused).toBeGreaterThanOrEqual(1)
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024)
    await allFacesAnswer()
  })
})

describe('the SSH face refuses lines over the cap and keeps memory bounded', () => {
  it('a 50 MB line is discarded as it streams, refused with a % error, and the shell goes on', async () => {
    const sh = await openRawShell(ep.ssh.port, 'robust-pw')
    await sh.waitFor(/robust1>$/)
    const before = process.memoryUsage().rss
    const chunk = 'A'.repeat(256 * 1024)
    for (let i = 0; i < 200; i++) sh.write(chunk)
    sh.write('\r')
    await sh.waitFor(/% Invalid input \(line longer than 65536 bytes, discarded\)\r\nrobust1>$/, 30_000)
    const grown = process.memoryUsage().rss - before
    expect(grown).toBeLessThan(200 * 1024 * 1024)
    expect(sh.received().length).toBeLessThan(100 * 1024)
    sh.write('show hostname\r')
    await sh.waitFor(/Hostname: robust1\r\nFQDN: +robust1\r\nrobust1>$/)
    sh.close()
  }, 40_000)

  it('an exec command over the cap is refused with exit status 1', async () => {
    const small = new MockSwitch({ hostname: 'robust2', password: 'pw2', maxLineBytes: 1024 })
    const endpoints = await small.listen()
    try {
      const client = new Client()
      await new Promise<void>((resolve, reject) => {
        client.once('ready', () => resolve()).once('error', reject)
        client.connect({ host: '127.0.0.1', port: endpoints.ssh.port, username: 'admin', password: 'pw2', hostVerifier: () => true })
      })
      const run = (command: string) =>
        new Promise<{ out: string; code: number | null }>((resolve, reject) =>
          client.exec(command, (error, stream) => {
            if (error) return reject(error)
            let out = ''
            let code: number | null = null
            stream.on('data', (d: Buffer) => (out += d.toString()))
            stream.on('exit', (c: number) => (code = c))
            stream.on('close', () => resolve({ out, code }))
          }),
        )
      expect(await run(`show ${'y'.repeat(2000)}`)).toEqual({ out: '% Invalid input (line longer than 1024 bytes, discarded)\n', code: 1 })
      expect((await run('show hostname')).out).toContain('robust2')
      client.end()
    } finally {
      await small.close()
    }
  })

  it('a throw inside one shell closes that shell only', async () => {
    const victim = await openRawShell(ep.ssh.port, 'robust-pw')
    const bystander = await openRawShell(ep.ssh.port, 'robust-pw')
    await victim.waitFor(/robust1>$/)
    await bystander.waitFor(/robust1>$/)
    const undo = mock.rejectCommand({ test: (line: string) => { if (line === 'show boom') throw new Error('bug'); return false } } as unknown as RegExp, 'unused')
    try {
      victim.write('show boom\r')
      await victim.waitFor(/% Internal error: closing this session/)
      bystander.write('show hostname\r')
      await bystander.waitFor(/Hostname: robust1/)
    } finally {
      undo()
      victim.close()
      bystander.close()
    }
    await allFacesAnswer()
  })
})
