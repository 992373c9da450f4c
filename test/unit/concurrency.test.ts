import { describe, expect, expectTypeOf, it } from 'vitest'
import { ConnectionError, mapConcurrent, SwitchyardError, type ConcurrentResult } from '../../src/index.js'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('mapConcurrent', () => {
  it('keeps input order, runs at most `limit` at once, and labels each result by host[:port]', async () => {
    let running = 0
    let peak = 0
    const items = Array.from({ length: 12 }, (_, i) => ({ host: `10.0.0.${i + 1}`, port: i % 2 ? 443 : undefined }))
    const results = await mapConcurrent(items, 3, async (item, index) => {
      running++
      peak = Math.max(peak, running)
      await tick(12 - index)
      running--
      return index * 10
    })
    expect(peak).toBe(3)
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : -1))).toEqual(items.map((_, i) => i * 10))
    expect(results.map((r) => r.label).slice(0, 3)).toEqual(['10.0.0.1', '10.0.0.2:443', '10.0.0.3'])
    expect(results.map((r) => r.index)).toEqual(items.map((_, i) => i))
    expect(results[5]?.item).toBe(items[5])
  })

  it('collects failures per item with a typed error; a non-Error throw becomes an Error carrying it', async () => {
    const results = await mapConcurrent(['sw1', 'sw2', 'sw3', 'sw4'], 2, async (name) => {
      if (name === 'sw2') throw new ConnectionError('cannot reach sw2', { host: 'sw2' })
      if (name === 'sw3') throw 'plain string'
      return name.toUpperCase()
    })
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled'])
    const [, second, third] = results
    if (second?.status !== 'rejected' || third?.status !== 'rejected') throw new Error('expected two failures')
    expect(second.label).toBe('sw2')
    expect(SwitchyardError.isSwitchyardError(second.error) && second.error.code).toBe('SY_CONNECTION')
    expect(third.error).toBeInstanceOf(Error)
    expect(third.error.message).toMatch(/non-Error value: plain string/)
    expect(third.error.cause).toBe('plain string')
    expectTypeOf(results).toEqualTypeOf<Array<ConcurrentResult<string, string>>>()
    expectTypeOf(second.error).toEqualTypeOf<SwitchyardError | Error>()
  })

  it('uses a label function when given, and #index for items without a host', async () => {
    const labelled = await mapConcurrent([{ name: 'a' }, { name: 'b' }], 1, async (x) => x.name, { label: (x) => `dev-${x.name}` })
    expect(labelled.map((r) => r.label)).toEqual(['dev-a', 'dev-b'])
    const plain = await mapConcurrent([1, 2], 4, async (x) => x)
    expect(plain.map((r) => r.label)).toEqual(['#0', '#1'])
    await expect(mapConcurrent([1], 0, async (x) => x)).rejects.toThrow(RangeError)
  })
})
