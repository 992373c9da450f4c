import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, SwitchyardError, type Device } from '../../src/index.js'
import { sharedMockCertificate } from '../../mocks/tls-certificate.js'

/**
 * A fake eAPI server that answers `show version` properly (so connect succeeds) and then answers every request with
 * one malformed shape. Every public method must then fail with a switchyard error (or succeed), never with a plain
 * TypeError or anything untyped: over HTTP and HTTPS.
 */
const SHAPES: Array<{ name: string; status?: number; body: string }> = [
  { name: 'body null', body: 'null' },
  { name: 'a string', body: '"boom"' },
  { name: 'a number', body: '42' },
  { name: 'an array', body: '[]' },
  { name: 'an empty object', body: '{}' },
  { name: 'error is a string', body: '{"error":"boom"}' },
  { name: 'error message is a number', body: '{"error":{"message":7}}' },
  { name: 'error code is a string', body: '{"error":{"code":"x","message":"m"}}' },
  { name: 'error data is a string', body: '{"error":{"code":1002,"message":"m","data":"x"}}' },
  { name: 'error data holds null', body: '{"error":{"code":1002,"message":"m","data":[null]}}' },
  { name: 'error data entry errors not a list', body: '{"error":{"code":1002,"message":"m","data":[{},{"errors":5}]}}' },
  { name: 'result null', body: '{"result":null}' },
  { name: 'result a string', body: '{"result":"x"}' },
  { name: 'result empty', body: '{"result":[]}' },
  { name: 'result of nulls', body: '{"result":[null,null,null,null]}' },
  { name: 'result of numbers', body: '{"result":[1,2,3,4]}' },
  { name: 'result with a null model', body: '{"result":[{},null]}' },
  { name: 'vlans is null', body: '{"result":[{},{"vlans":null}]}' },
  { name: 'a vlan is null', body: '{"result":[{},{"vlans":{"10":null}}]}' },
  { name: 'a vlan name is a number', body: '{"result":[{},{"vlans":{"x":{"name":7,"status":[]}}}]}' },
  { name: 'text output not a string', body: '{"result":[{},{"output":7},{"output":null}]}' },
  { name: 'truncated JSON', body: '{"result":[{},' },
  { name: 'not JSON', body: '<html>oops</html>' },
  { name: 'HTTP 500', status: 500, body: 'Internal Server Error' },
  { name: 'empty body', body: '' },
  { name: 'deeply nested arrays', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
  { name: 'too many results', body: `{"result":[${Array.from({ length: 50 }, () => '{}').join(',')}]}` },
]

const VERSION = { modelName: 'vEOS-lab', version: '4.30.0F', serialNumber: 'X1', systemMacAddress: '00:1c:73:00:00:01', hostname: 'fake', uptime: 10, architecture: 'x86_64', internalVersion: '4.30.0F', memTotal: 1, memFree: 1, bootupTimestamp: 1 }

for (const protocol of ['http', 'https'] as const) {
  describe(`malformed eAPI answers over ${protocol}`, () => {
    let server: http.Server
    let shape: (typeof SHAPES)[number] | undefined
    let device: Device
    beforeAll(async () => {
      const listener: http.RequestListener = (req, res) => {
        let body = ''
        req.on('data', (c: Buffer) => (body += c.toString()))
        req.on('end', () => {
          if (shape === undefined) {
            const rpc = JSON.parse(body) as { id: string; params: { cmds: unknown[] } }
            const result = rpc.params.cmds.map((c) => (c === 'show version' ? VERSION : {}))
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: rpc.id, result }))
            return
          }
          res.writeHead(shape.status ?? 200, { 'content-type': 'application/json' }).end(shape.body)
        })
      }
      const cert = await sharedMockCertificate()
      server = protocol === 'https' ? https.createServer({ cert: cert.certificatePem, key: cert.privateKeyPem }, listener) : http.createServer(listener)
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
      const port = (server.address() as AddressInfo).port
      device = await connect({
        host: '127.0.0.1',
        port,
        driver: 'eapi',
        protocol,
        username: 'admin',
        password: 'pw-fake',
        timeoutMs: 2000,
        ...(protocol === 'https' ? { tls: { ca: cert.certificatePem } } : {}),
      })
    })
    afterAll(async () => {
      await device.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    })

    it(`answers each of ${SHAPES.length} malformed shapes with a switchyard error, never an untyped one`, async () => {
      const untyped: string[] = []
      let calls = 0
      for (const s of SHAPES) {
        shape = s
        const attempts: Array<[string, () => Promise<unknown>]> = [
          ['facts', () => device.facts()],
          ['vlans.list', () => device.vlans.list()],
          ['interfaces.list', () => device.interfaces.list()],
          ['lags.list', () => device.lags.list()],
          ['counters.interfaces', () => device.counters.interfaces()],
          ['counters.drops', () => device.counters.drops()],
          ['dhcpRelay.get', () => device.dhcpRelay.get()],
          ['cli', () => device.cli(['show clock'], { format: 'text' })],
          ['configure', () => device.configure((tx) => tx.lines(['vlan 77', '   name seventy-seven']))],
        ]
        for (const [what, run] of attempts) {
          calls++
          try {
            await run()
          } catch (error) {
            if (!SwitchyardError.isSwitchyardError(error)) untyped.push(`${s.name} / ${what}: ${String(error)}`)
            else expect(error.message).not.toContain('pw-fake')
          }
        }
      }
      shape = undefined
      expect(untyped).toEqual([])
      expect(calls).toBe(SHAPES.length * 9)
    }, 120_000)
  })
}
