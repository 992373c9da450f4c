/**
 * A diff of two running-config texts in the style EOS prints for `show session-config diffs` (no `@@` hunks): a
 * header, then for each changed top-level block its unindented first line as context and `+`/`-` child lines; whole
 * added or removed blocks are all `+` or all `-`. Empty when nothing changed. Works block by block, so it stays fast
 * on configs with thousands of VLAN blocks. The mock uses it for EOS sessions; the MOS driver, whose device has no
 * sessions, uses it on the running-config before and after a change.
 */
export function configTextDiff(beforeText: string, afterText: string, labels: { from: string; to: string }): string {
  const before = blocksOf(beforeText)
  const after = blocksOf(afterText)
  const out: string[] = []
  const headers = [...new Set([...before.keys(), ...after.keys()])]
  for (const header of orderLike(headers, [...after.keys()], [...before.keys()])) {
    const a = before.get(header)
    const b = after.get(header)
    if (a && !b) out.push(`-${header}`, ...a.map((l) => `-${l}`))
    else if (!a && b) out.push(`+${header}`, ...b.map((l) => `+${l}`))
    else if (a && b) {
      const removed = a.filter((l) => !b.includes(l))
      const added = b.filter((l) => !a.includes(l))
      if (removed.length + added.length > 0) out.push(header, ...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`))
    }
  }
  if (out.length === 0) return ''
  return `--- ${labels.from}\n+++ ${labels.to}\n${out.join('\n')}\n`
}

/** Keeps the new text's order for blocks it has, and slots removed blocks in after their old predecessor. */
function orderLike(all: string[], primary: string[], secondary: string[]): string[] {
  const result = [...primary]
  for (const header of secondary) {
    if (result.includes(header)) continue
    const prevIndex = secondary.indexOf(header) - 1
    const prev = prevIndex >= 0 ? secondary[prevIndex] : undefined
    const at = prev === undefined ? 0 : result.indexOf(prev) + 1
    result.splice(at, 0, header)
  }
  return result.filter((h) => all.includes(h))
}

function blocksOf(text: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>()
  let current: string[] | undefined
  for (const line of text.split('\n')) {
    if (line === '' || line === 'end' || line.startsWith('!')) {
      current = undefined
      continue
    }
    if (line.startsWith(' ')) {
      if (current && line.trim() !== '!') current.push(line)
      continue
    }
    current = []
    blocks.set(line, current)
  }
  return blocks
}
