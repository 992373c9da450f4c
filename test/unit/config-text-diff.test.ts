import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { configTextDiff } from '../../src/config-text-diff.js'
import { diffChanges } from '../../drivers/eos/session-diff.js'

const LABELS = { from: 'system:/running-config', to: 'session:/x-session-config' }

const BEFORE = [
  '! Command: show running-config',
  '! device: sw1 (vEOS-lab, EOS-4.30.0F)',
  '!',
  '! boot system flash:/EOS-4.30.0F.swi',
  '!',
  'hostname sw1',
  '!',
  'vlan 10',
  '   name users',
  '!',
  ...[1, 2, 3, 4, 5, 6, 7].flatMap((i) => [`interface Ethernet${i}`, '!']),
  'interface Ethernet8',
  '   description old',
  '!',
  'end',
].join('\n') + '\n'
const AFTER = BEFORE.replace('name users', 'name staff').replace('description old', 'description new').replace('hostname sw1', 'hostname sw9')

/** Applies a unified diff to `before`, checking every context and removed line and every hunk's counts. */
function applyUnified(before: string, diff: string): string {
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n')
  const lines = diff.replace(/\n$/, '').split('\n').slice(2)
  const out: string[] = []
  let at = 0
  for (let i = 0; i < lines.length; ) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i] as string)
    if (!header) throw new Error(`not a hunk header: ${lines[i]}`)
    const [, aStart, aCount = '1', , bCount = '1'] = header
    const start = Number(aCount) === 0 ? Number(aStart) : Number(aStart) - 1
    out.push(...a.slice(at, start))
    at = start
    let seenA = 0
    let seenB = 0
    for (i++; i < lines.length && !(lines[i] as string).startsWith('@@ '); i++) {
      const line = lines[i] as string
      const body = line.slice(1)
      if (line[0] === '+') {
        out.push(body)
        seenB++
        continue
      }
      if (a[at] !== body) throw new Error(`line ${at + 1} is ${JSON.stringify(a[at])}, the diff says ${JSON.stringify(body)}`)
      at++
      seenA++
      if (line[0] === ' ') {
        out.push(body)
        seenB++
      } else if (line[0] !== '-') throw new Error(`bad diff line ${JSON.stringify(line)}`)
    }
    expect([seenA, seenB]).toEqual([Number(aCount), Number(bCount)])
  }
  out.push(...a.slice(at))
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}

describe('session diffs in the unified format EOS prints', () => {
  it('prints hunks with three lines of context, as `diff -u` does (expected text made by GNU diff 3.8 -u on the same files)', () => {
    expect(configTextDiff(BEFORE, AFTER, LABELS)).toBe(
      [
        '--- system:/running-config',
        '+++ session:/x-session-config',
        '@@ -3,10 +3,10 @@',
        ' !',
        ' ! boot system flash:/EOS-4.30.0F.swi',
        ' !',
        '-hostname sw1',
        '+hostname sw9',
        ' !',
        ' vlan 10',
        '-   name users',
        '+   name staff',
        ' !',
        ' interface Ethernet1',
        ' !',
        '@@ -23,6 +23,6 @@',
        ' interface Ethernet7',
        ' !',
        ' interface Ethernet8',
        '-   description old',
        '+   description new',
        ' !',
        ' end',
        '',
      ].join('\n'),
    )
  })

  it('is empty when nothing changed, and counts 0-line ranges as diff does', () => {
    expect(configTextDiff(BEFORE, BEFORE, LABELS)).toBe('')
    expect(configTextDiff('', 'a\n', LABELS)).toBe('--- system:/running-config\n+++ session:/x-session-config\n@@ -0,0 +1 @@\n+a\n')
    expect(configTextDiff('a\nb\n', 'b\n', LABELS)).toBe('--- system:/running-config\n+++ session:/x-session-config\n@@ -1,2 +1 @@\n-a\n b\n')
  })

  it('is a correct patch: applied to the old text it gives the new one (seeded property)', () => {
    const line = fc.constantFrom('!', 'vlan 10', '   name a', '   name b', 'interface Ethernet1', '   shutdown', 'end', 'x', 'y')
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.array(line, { maxLength: 60 }), (a, b) => {
        const before = a.length === 0 ? '' : `${a.join('\n')}\n`
        const after = b.length === 0 ? '' : `${b.join('\n')}\n`
        const diff = configTextDiff(before, after, LABELS)
        if (before === after) return diff === ''
        expect(applyUnified(before, diff)).toBe(after)
        return true
      }),
      { seed: 20_260_710, numRuns: 400 },
    )
  })

  it('stays fast on a large configuration with changes far apart', () => {
    const big = Array.from({ length: 4000 }, (_, i) => `vlan ${i + 2}\n   name v${i}\n!`).join('\n') + '\nend\n'
    const changed = big.replace('name v1\n', 'name first\n').replace('name v3990\n', 'name last\n')
    const started = performance.now()
    const diff = configTextDiff(big, changed, LABELS)
    expect(performance.now() - started).toBeLessThan(500)
    expect(diff.match(/^@@ /gm)).toHaveLength(2)
  })
})

describe("the SDK's session-diff comparison accepts both forms EOS prints", () => {
  // Shapes of public recordings (eapi.md §2.11): older EOS with hunks and space-led context (pyeapi's documentation
  // example, the ansible arista.eos lab write-up), newer EOS without hunks (cEOS 4.3x captures). Contents are ours.
  const hunked = '--- system:/running-config\n+++ session:/a-session-config\n@@ -5,6 +5,8 @@\n !\n hostname sw1\n !\n+vlan 10\n+   name users\n+!\n interface Ethernet1\n !\n'
  const hunkless = '--- system:/running-config\n+++ session:/a-session-config\n+vlan 10\n+   name users\ninterface Ethernet1\n+   description foo\n'

  it('finds no difference between two readings of the same change, in either form', () => {
    expect(diffChanges(hunked, hunked)).toEqual([])
    expect(diffChanges(hunkless, hunkless)).toEqual([])
    expect(diffChanges(hunked, hunked.replace('@@ -5,6 +5,8 @@', '@@ -6,6 +6,8 @@'))).toEqual([])
  })

  it('reports a line that moved in between', () => {
    expect(diffChanges(hunked, hunked.replace('+   name users', '+   name staff'))).toEqual(['now: +   name staff', 'staged: +   name users'])
  })
})
