import { connect as tcpConnect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { MockSwitch } from '../../mocks/index.js'
import { freePort } from '../support/free-port.js'

/** Listening TCP servers and UDP sockets of this process (the mock's faces). */
function listeners(): { tcp: number; udp: number } {
  const info = process.getActiveResourcesInfo()
  return { tcp: info.filter((r) => r === 'TCPServerWrap').length, udp: info.filter((r) => r === 'UDPWrap').length }
}

/**
 * The listeners once handles closed by now are gone: libuv frees a closed handle on a later turn of the event loop
 * than the one where `server.close()` calls back, so this looks for up to 500 ms until the count is `expected`.
 */
async function settledListeners(expected: { tcp: number; udp: number }): Promise<{ tcp: number; udp: number }> {
  for (let i = 0; i < 50; i++) {
    const now = listeners()
    if (now.tcp === expected.tcp && now.udp === expected.udp) return now
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return listeners()
}

/** Resolves `refused` when nothing listens on the port, `accepted` when something does. */
function probe(port: number): Promise<'refused' | 'accepted'> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('accepted')
    })
    socket.once('error', () => resolve('refused'))
  })
}

describe('MockSwitch.close() while listen() is starting', () => {
  it('waits for the listen, closes every server it opened, and the listen rejects', async () => {
    const before = await settledListeners(listeners())
    const ports = { eapiHttps: await freePort(), eapiHttp: await freePort(), ssh: await freePort() }
    const dev = new MockSwitch({ hostname: 'closing1', ports: 2 })
    const listening = dev.listen(ports)
    await dev.close()
    const [outcome] = await Promise.allSettled([listening])
    expect(outcome.status).toBe('rejected')
    expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/closed while listen\(\) was starting/)
    expect(await settledListeners(before)).toEqual(before)
    for (const port of Object.values(ports)) expect(await probe(port)).toBe('refused')
  })

  it('a listen() called while close() runs rejects at once and opens nothing; afterwards the mock starts again', async () => {
    const before = await settledListeners(listeners())
    const dev = new MockSwitch({ hostname: 'closing2', ports: 2 })
    await dev.listen()
    const closing = dev.close()
    await expect(dev.listen()).rejects.toThrow(/while close\(\) is under way/)
    await closing
    expect(await settledListeners(before)).toEqual(before)
    const again = await dev.listen()
    expect(await probe(again.eapi.port)).toBe('accepted')
    await dev.close()
    expect(await settledListeners(before)).toEqual(before)
    expect(await probe(again.eapi.port)).toBe('refused')
  })

  it('two listen() calls under way are both waited for', async () => {
    const before = await settledListeners(listeners())
    const dev = new MockSwitch({ hostname: 'closing3', ports: 2 })
    const first = dev.listen()
    const second = dev.listen()
    await dev.close()
    const outcomes = await Promise.allSettled([first, second])
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected'])
    expect(await settledListeners(before)).toEqual(before)
  })
})
