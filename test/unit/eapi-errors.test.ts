import { delay, http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  AbortedError,
  AuthenticationError,
  AuthorizationError,
  CommandRejectedError,
  ConnectionError,
  ParseError,
  TimeoutError,
  connect,
  type Device,
} from '../../src/index.js'
import { MockSwitch } from '../../mocks/index.js'
import { eapiHandlers } from '../../mocks/msw/index.js'

const BASE = 'http://sw2.test'
const URL_ = `${BASE}/command-api`
const mock = new MockSwitch({ hostname: 'sw2', ports: 4, username: 'admin', password: 'pw-never-shown', enablePassword: 'en-secret' })
const server = setupServer(...eapiHandlers(mock, BASE))
const options = { host: 'sw2.test', driver: 'eapi', protocol: 'http', username: 'admin', password: 'pw-never-shown', enablePassword: 'en-secret' } as const

let sw: Device
beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' })
  sw = await connect(options)
})
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function expectNoSecrets(error: unknown): void {
  const everything = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`
  expect(everything).not.toContain('pw-never-shown')
  expect(everything).not.toContain('en-secret')
}

describe('eAPI errors map to their classes', () => {
  it('sends enable with its password and reads through the msw handlers', async () => {
    expect((await sw.facts()).hostname).toBe('sw2')
  })

  it('a wrong enable password is an authentication error', async () => {
    const error = await connect({ ...options, enablePassword: 'wrong' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as Error).message).toMatch(/privileged mode/)
  })

  it('HTTP 401 is an authentication error without the password in it', async () => {
    const error = await connect({ ...options, password: 'not-it' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as AuthenticationError).code).toBe('SY_AUTHENTICATION')
    expectNoSecrets(error)
  })

  it('JSON-RPC 1002 is a command rejection with the command, its index and the device message', async () => {
    server.use(
      http.post(URL_, () =>
        HttpResponse.json({
          jsonrpc: '2.0',
          id: '1',
          error: { code: 1002, message: "CLI command 3 of 3 'show vlan' failed: invalid command", data: [{}, {}, { errors: ["Invalid input (at token 1: 'vlan')"] }] },
        }),
      ),
    )
    const error = (await sw.lags.list().catch((e: unknown) => e)) as CommandRejectedError
    expect(error).toBeInstanceOf(CommandRejectedError)
    expect(error).toMatchObject({ command: 'show running-config', index: 1, deviceCode: 1002, deviceMessage: "Invalid input (at token 1: 'vlan')" })
  })

  it('JSON-RPC 1003 (unconverted) retries that command as text; text that does not parse is a parse error', async () => {
    let calls = 0
    server.use(
      http.post(URL_, async ({ request }) => {
        calls++
        const body = (await request.json()) as { params: { format: string; cmds: unknown[] } }
        if (body.params.format === 'json') {
          return HttpResponse.json({ jsonrpc: '2.0', id: '1', error: { code: 1003, message: "CLI command 2 of 2 'show vlan' failed: unconverted command", data: [{}, { errors: ['This is an unconverted command'] }] } })
        }
        return HttpResponse.json({ jsonrpc: '2.0', id: '1', result: [{ output: '' }, { output: 'VLAN  Name\n1     default\n' }] })
      }),
    )
    const error = await sw.vlans.list().catch((e: unknown) => e)
    expect(calls).toBe(2)
    expect(error).toBeInstanceOf(ParseError)
    expect((error as ParseError).command).toBe('show vlan')
  })

  it('JSON-RPC 1005 is an authorization error, with echoed secrets scrubbed', async () => {
    server.use(
      http.post(URL_, () =>
        HttpResponse.json({
          jsonrpc: '2.0',
          id: '1',
          error: { code: 1005, message: "CLI command 1 of 2 'enable' failed: unauthorized", data: [{ errors: ['Command unauthorized: input=en-secret'] }] },
        }),
      ),
    )
    const error = await sw.vlans.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthorizationError)
    expect((error as Error).message).toContain('input=***')
    expectNoSecrets(error)
  })

  it('a network failure is a connection error', async () => {
    server.use(http.post(URL_, () => HttpResponse.error()))
    const error = await sw.vlans.list().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectionError)
    expectNoSecrets(error)
  })

  it('no answer within timeoutMs is a timeout error', async () => {
    server.use(http.post(URL_, async () => {
      await delay(2000)
      return HttpResponse.json({})
    }))
    const started = Date.now()
    const error = await sw.vlans.list({ timeoutMs: 150 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).timeoutMs).toBe(150)
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it("the caller's AbortSignal aborts the call", async () => {
    server.use(http.post(URL_, async () => {
      await delay(2000)
      return HttpResponse.json({})
    }))
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await sw.vlans.list({ signal: controller.signal }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AbortedError)
  })

  it('a body that is not JSON-RPC is a parse error, never a raw string', async () => {
    server.use(http.post(URL_, () => new HttpResponse('<html>proxy</html>', { status: 200 })))
    await expect(sw.vlans.list()).rejects.toBeInstanceOf(ParseError)
  })
})
