import { describe, expect, it } from 'vitest'
import { formatVlanRanges, parseVlanRanges } from '../../src/index.js'

describe('VLAN range text', () => {
  it('parses EOS range lists, ALL and none', () => {
    expect(parseVlanRanges('1-3,5,10-11')).toEqual([1, 2, 3, 5, 10, 11])
    expect(parseVlanRanges('ALL')).toHaveLength(4094)
    expect(parseVlanRanges('none')).toEqual([])
  })
  it('formats compactly and round-trips', () => {
    expect(formatVlanRanges([5, 1, 2, 3, 10, 11])).toBe('1-3,5,10-11')
    expect(formatVlanRanges([])).toBe('none')
    expect(formatVlanRanges(parseVlanRanges('1-4094'))).toBe('1-4094')
  })
  it('rejects malformed or out-of-range text', () => {
    expect(() => parseVlanRanges('0-4')).toThrow(/outside/)
    expect(() => parseVlanRanges('4090-4095')).toThrow(/outside/)
    expect(() => parseVlanRanges('1,,3')).toThrow(/malformed/)
  })
})
