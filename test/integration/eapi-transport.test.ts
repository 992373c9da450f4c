import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthenticationError, ConnectionError, TimeoutError, connect } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'

let mock: MockSwitch
let ep: MockEndpoints
beforeAll(async () => {
  mock = new MockSwitch({ hostname: 'tls1', ports: 4, username: 'admin', password: 'tls-pw' })
  ep = await mock.listen()
})
afterAll(() => mock.close())

async function rawRpc(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(ep.eapiHttp.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json-rpc', authorization: `Basic ${Buffer.from('admin:tls-pw').toString('base64')}`, ...headers },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, headers: res.headers }
}

describe('eAPI over HTTPS: certificates are verified by default', () => {
  const base = () => ({ ...ep.eapi.connectOptions, tls: undefined })

  it('refuses an untrusted certificate and says how to trust it', async () => {
    const before = mock.commandLog.length
    const error = await connect(base()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as Error).message).toMatch(/TLS verification .* failed .*Trust it with tls\.ca .* or pin it with tls\.fingerprintSha256/)
    expect((error as Error).message).toContain(`fingerprint ${ep.eapi.fingerprintSha256}`)
    expect(mock.commandLog.length).toBe(before)
  })

  it('trusts the certificate given as tls.ca', async () => {
    const sw = await connect(ep.eapi.connectOptions)
    expect((await sw.facts()).hostname).toBe('tls1')
    await sw.close()
  })

  it('a CA trusted by one connection is not trusted by the next one without it (TLS contexts are shared per CA set)', async () => {
    const trusted = await connect(ep.eapi.connectOptions)
    await trusted.facts()
    const error = await connect(base()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as Error).message).toMatch(/TLS verification .* failed/)
    await trusted.close()
  })

  it("refuses another mock's certificate as tls.ca: each mock has its own key, so the chain does not verify", async () => {
    const other = new MockSwitch({ hostname: 'tls2', ports: 1, username: 'admin', password: 'tls-pw' })
    try {
      const otherEp = await other.listen()
      expect(otherEp.eapi.fingerprintSha256).not.toBe(ep.eapi.fingerprintSha256)
      const before = mock.commandLog.length
      const error = await connect({ ...base(), tls: { ca: otherEp.eapi.certificatePem as string } }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ConnectionError)
      expect((error as Error).message).toMatch(/TLS verification .* failed/)
      expect(((error as Error).cause as { code?: string } | undefined)?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
      expect(mock.commandLog.length).toBe(before)
      const sw = await connect({ ...otherEp.eapi.connectOptions })
      expect((await sw.facts()).hostname).toBe('tls2')
      await sw.close()
    } finally {
      await other.close()
    }
  })

  it('mocks that opt into sharedCertificate present one certificate (for big labs), and trust each other', async () => {
    const a = new MockSwitch({ hostname: 'lab-a', ports: 1, username: 'admin', password: 'tls-pw', sharedCertificate: true })
    const b = new MockSwitch({ hostname: 'lab-b', ports: 1, username: 'admin', password: 'tls-pw', sharedCertificate: true })
    try {
      const [epA, epB] = await Promise.all([a.listen(), b.listen()])
      expect(epA.eapi.fingerprintSha256).toBe(epB.eapi.fingerprintSha256)
      expect(epA.eapi.fingerprintSha256).not.toBe(ep.eapi.fingerprintSha256)
      const sw = await connect({ ...epA.eapi.connectOptions, tls: { ca: epB.eapi.certificatePem as string } })
      expect((await sw.facts()).hostname).toBe('lab-a')
      await sw.close()
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('pins the certificate by SHA-256 fingerprint, and refuses a wrong pin before sending a byte', async () => {
    const sw = await connect({ ...base(), tls: { fingerprintSha256: ep.eapi.fingerprintSha256 as string } })
    expect((await sw.facts()).hostname).toBe('tls1')
    await sw.close()
    const before = mock.commandLog.length
    const wrong = 'AA:'.repeat(31) + 'AA'
    const error = await connect({ ...base(), tls: { fingerprintSha256: wrong } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as Error).message).toMatch(/ERR_TLS_FINGERPRINT_MISMATCH/)
    expect(mock.commandLog.length).toBe(before)
  })

  it('accepts any certificate only when tls.rejectUnauthorized is false', async () => {
    const sw = await connect({ ...base(), tls: { rejectUnauthorized: false } })
    expect((await sw.facts()).hostname).toBe('tls1')
    await sw.close()
  })

  it('keeps one connection alive across calls', async () => {
    const sw = await connect(ep.eapi.connectOptions)
    const before = ep.eapi.connectionsAccepted
    for (let i = 0; i < 20; i++) await sw.vlans.list()
    expect(ep.eapi.connectionsAccepted - before).toBe(0)
    await sw.close()
  })
})

describe('eAPI server faults', () => {
  it('a dropped connection is a connection error', async () => {
    const sw = await connect(ep.eapiHttp.connectOptions)
    mock.faults.dropConnections = true
    try {
      await expect(sw.vlans.list()).rejects.toBeInstanceOf(ConnectionError)
    } finally {
      mock.faults.dropConnections = false
    }
    expect((await sw.vlans.list())[0]?.id).toBe(1)
    await sw.close()
  })

  it('latency beyond timeoutMs is a timeout error', async () => {
    const sw = await connect(ep.eapiHttp.connectOptions)
    mock.faults.latencyMs = 500
    try {
      await expect(sw.vlans.list({ timeoutMs: 100 })).rejects.toBeInstanceOf(TimeoutError)
    } finally {
      mock.faults.latencyMs = 0
    }
    await sw.close()
  })

  it('refused logins are authentication errors', async () => {
    mock.faults.rejectAuth = true
    try {
      await expect(connect(ep.eapiHttp.connectOptions)).rejects.toBeInstanceOf(AuthenticationError)
    } finally {
      mock.faults.rejectAuth = false
    }
  })
})

describe('the mock speaks eAPI as reference/eapi.md §1 describes', () => {
  it('answers a failing command with code 1002, the EOS message and the results so far', async () => {
    const { status, json } = await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: 7, params: { version: 1, cmds: ['show hostname', 'show bogus'], format: 'json' } })
    expect(status).toBe(200)
    expect(json).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: {
        code: 1002,
        message: "CLI command 2 of 2 'show bogus' failed: invalid command",
        data: [{ hostname: 'tls1', fqdn: 'tls1' }, { errors: ["Invalid input (at token 1: 'bogus')"] }],
      },
    })
  })

  it('text format carries the % line; privileged commands need enable; text-only commands are 1003 in JSON', async () => {
    const text = await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: 1, params: { version: 1, cmds: ['show bogus'], format: 'text' } })
    expect((text.json as { error: { data: unknown[] } }).error.data).toEqual([{ output: "% Invalid input (at token 1: 'bogus')\n", errors: ["Invalid input (at token 1: 'bogus')"] }])
    const priv = await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: 2, params: { version: 1, cmds: ['configure'] } })
    expect(priv.json).toMatchObject({ error: { code: 1002, data: [{ errors: ['Invalid input (privileged mode required)'] }] } })
    const unconverted = await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: 3, params: { version: 1, cmds: ['enable', 'configure session x', 'show session-config diffs'] } })
    expect(unconverted.json).toMatchObject({ error: { code: 1003, message: "CLI command 3 of 3 'show session-config diffs' failed: unconverted command" } })
    await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: 4, params: { version: 1, cmds: ['enable', 'configure session x abort'] } })
  })

  it('rejects bad JSON-RPC, unknown methods and missing credentials', async () => {
    expect((await rawRpc({ method: 'runCmds', id: 1, params: { cmds: [] } })).json).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: { code: -32600, message: "Expected field 'jsonrpc' not specified" },
    })
    expect((await rawRpc({ jsonrpc: '2.0', method: 'nope', id: 2 })).json).toMatchObject({ error: { code: -32601 } })
    const anon = await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: 3, params: { cmds: ['show version'] } }, { authorization: '' })
    expect(anon.status).toBe(401)
  })

  it('POST /login gives a Session cookie that authenticates later requests', async () => {
    const login = await fetch(ep.eapiHttp.url.replace('/command-api', '/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'tls-pw' }),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string
    expect(cookie).toMatch(/^Session=[0-9a-f]{32}$/)
    const ok = await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: 1, params: { cmds: ['show hostname'] } }, { authorization: '', cookie })
    expect(ok.json).toEqual({ jsonrpc: '2.0', id: 1, result: [{ hostname: 'tls1', fqdn: 'tls1' }] })
  })

  it('a config session holds at most 5 pending sessions, as EOS does', async () => {
    const cmds = (n: number) => ['enable', `configure session pend${n}`, 'end']
    for (let i = 0; i < 5; i++) await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: i, params: { cmds: cmds(i) } })
    const sixth = await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: 6, params: { cmds: cmds(6) } })
    expect(sixth.json).toMatchObject({ error: { code: 1000, data: [{}, { errors: [expect.stringMatching(/Maximum number of pending sessions/)] }] } })
    for (let i = 0; i < 5; i++) await rawRpc({ jsonrpc: '2.0', method: 'runCmds', id: i, params: { cmds: ['enable', `configure session pend${i} abort`] } })
    expect(mock.sessions.list().filter((s) => s.state === 'pending')).toEqual([])
  })
})
