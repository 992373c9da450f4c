import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OutputBuffer } from '../../drivers/ssh/output-buffer.js'

const chunked = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '#', 'x') , maxLength: 12 }), { maxLength: 12 })

function filled(chunks: readonly string[]): OutputBuffer {
  const buffer = new OutputBuffer()
  for (const chunk of chunks) buffer.append(chunk)
  return buffer
}

describe('OutputBuffer reads like the string it holds, whatever chunks it came in', () => {
  it('slice, tail, charAt, indexOf and lastIndexOf agree with String', () => {
    fc.assert(
      fc.property(chunked, fc.integer({ min: -30, max: 150 }), fc.integer({ min: -30, max: 150 }), fc.constantFrom('a', '\n', 'ab', 'x#', 'b\na'), (chunks, a, b, needle) => {
        const text = chunks.join('')
        const buffer = filled(chunks)
        expect(buffer.length).toBe(text.length)
        expect(buffer.slice(a, b)).toBe(text.slice(a, b))
        expect(buffer.slice(a)).toBe(text.slice(a))
        expect(buffer.tail(Math.abs(a))).toBe(text.slice(Math.max(0, text.length - Math.abs(a))))
        expect(buffer.charAt(a)).toBe(text.charAt(a))
        expect(buffer.indexOf(needle, a)).toBe(text.indexOf(needle, Math.max(0, a)))
        if (a >= 0) expect(buffer.lastIndexOf(needle, a)).toBe(text.lastIndexOf(needle, a))
      }),
      { seed: 20261121, numRuns: 2000 },
    )
  })

  it('replaceTail swaps the end only, across chunk borders', () => {
    fc.assert(
      fc.property(chunked, fc.nat({ max: 40 }), fc.string({ maxLength: 5 }), (chunks, count, text) => {
        const before = chunks.join('')
        const buffer = filled(chunks)
        const cut = Math.min(count, before.length)
        buffer.replaceTail(cut, text)
        expect(buffer.slice()).toBe(before.slice(0, before.length - cut) + text)
        buffer.append('z')
        expect(buffer.tail(1)).toBe('z')
      }),
      { seed: 7, numRuns: 1000 },
    )
  })

  it('clear empties it', () => {
    const buffer = filled(['abc', 'def'])
    buffer.clear()
    expect(buffer.length).toBe(0)
    expect(buffer.slice()).toBe('')
    expect(buffer.indexOf('a')).toBe(-1)
  })
})
