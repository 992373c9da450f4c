import { describe, expect, expectTypeOf, it } from 'vitest'
import { stringifyJson, toJSONSafe, type InterfaceCounters } from '../../src/index.js'

describe('bigint-safe JSON', () => {
  it('writes every bigint as its exact decimal string, nested in arrays and objects', () => {
    const value = { a: 18446744073709551615n, list: [1n, { b: -42n }], text: 'x', n: 1.5, none: null, date: new Date(0) }
    expect(() => JSON.stringify(value)).toThrow(TypeError)
    expect(JSON.parse(stringifyJson(value))).toEqual({ a: '18446744073709551615', list: ['1', { b: '-42' }], text: 'x', n: 1.5, none: null, date: '1970-01-01T00:00:00.000Z' })
    expect(stringifyJson({ a: 1n }, 2)).toBe('{\n  "a": "1"\n}')
    const safe = toJSONSafe(value)
    expect(safe).toEqual({ a: '18446744073709551615', list: ['1', { b: '-42' }], text: 'x', n: 1.5, none: null, date: new Date(0) })
    expect(safe.date).toBe(value.date)
    expect(value.a).toBe(18446744073709551615n)
    expectTypeOf(safe.a).toEqualTypeOf<string>()
    expectTypeOf(safe.date).toEqualTypeOf<Date>()
  })

  it('refuses a cycle instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = { n: 1n }
    cyclic.self = cyclic
    expect(() => toJSONSafe(cyclic)).toThrow(/cycle/)
    const shared = { n: 1n }
    expect(toJSONSafe({ x: shared, y: shared })).toEqual({ x: { n: '1' }, y: { n: '1' } })
  })

  it('maps the types of the counters models: bigint fields become strings, the rest stays', () => {
    const counters: InterfaceCounters[] = []
    const safe = toJSONSafe(counters)
    expectTypeOf(safe).toEqualTypeOf<Array<{ [K in keyof InterfaceCounters]: InterfaceCounters[K] extends bigint ? string : InterfaceCounters[K] }>>()
    expectTypeOf<(typeof safe)[number]['inOctets']>().toEqualTypeOf<string>()
    expectTypeOf<(typeof safe)[number]['interface']>().toEqualTypeOf<string>()
  })
})
