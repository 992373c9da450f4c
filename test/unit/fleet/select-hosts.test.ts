import { describe, expect, it } from 'vitest'
import { parseInventory, selectHosts } from 'switchyard/fleet'

const inv = parseInventory(`groups:
  leaves: { children: [rack1, rack2], data: { role: leaf } }
  rack1: { data: { rack: r1 } }
  rack2: { data: { rack: r2 } }
  spines: { data: { role: spine } }
hosts:
  leaf1: { groups: [rack1], data: { site: ams, loc: { row: 3 } } }
  leaf2: { groups: [rack1], data: { site: fra } }
  leaf3: { groups: [rack2], data: { site: ams, tags: [edge, pxe] } }
  spine1: { groups: [spines], data: { site: ams }, platform: mos }
  spine2: { groups: [spines], data: { site: fra }, driver: ssh }
`)
const names = (pattern: string) => selectHosts(inv, pattern).map((h) => h.name)

describe('selectHosts (--limit)', () => {
  it('selects by host, group (nested), glob and all', () => {
    expect(names('leaf2')).toEqual(['leaf2'])
    expect(names('leaves')).toEqual(['leaf1', 'leaf2', 'leaf3'])
    expect(names('rack2,spine1')).toEqual(['leaf3', 'spine1'])
    expect(names('spine*')).toEqual(['spine1', 'spine2'])
    expect(names('leaf[13]')).toEqual(['leaf1', 'leaf3'])
    expect(names('rack?')).toEqual(['leaf1', 'leaf2', 'leaf3'])
    expect(names('all')).toHaveLength(5)
  })

  it('selects by key=value on data (inherited, nested, lists, globs) and host fields', () => {
    expect(names('site=ams')).toEqual(['leaf1', 'leaf3', 'spine1'])
    expect(names('role=leaf')).toEqual(['leaf1', 'leaf2', 'leaf3'])
    expect(names('loc.row=3')).toEqual(['leaf1'])
    expect(names('tags=pxe')).toEqual(['leaf3'])
    expect(names('rack=r*')).toEqual(['leaf1', 'leaf2', 'leaf3'])
    expect(names('platform=mos')).toEqual(['spine1'])
    expect(names('driver=ssh')).toEqual(['spine2'])
  })

  it('negates and intersects, in inventory order', () => {
    expect(names('leaves,!leaf2')).toEqual(['leaf1', 'leaf3'])
    expect(names('!spines')).toEqual(['leaf1', 'leaf2', 'leaf3'])
    expect(names('site=ams,&leaves')).toEqual(['leaf1', 'leaf3'])
    expect(names('spine2,leaf1')).toEqual(['leaf1', 'spine2'])
  })

  it('refuses a term that matches nothing (a typo must not run on nothing, or on everything when negated)', () => {
    expect(() => names('lefa1')).toThrow(/'lefa1' matches no host/)
    expect(() => names('!lefa1')).toThrow(/'lefa1' matches no host/)
    expect(() => names(' , ')).toThrow(/no pattern/)
  })
})
