/**
 * Checks a running-config against a change's own diff (as the device printed it: `+` added lines, `-` removed
 * lines, parent lines as context, with or without unified-diff hunks and their one-space context prefix): every
 * added line must be there, under the same parent, and every removed line gone (a removed block's children are not
 * looked at; `!` separators are ignored). Returns the lines that do not read back; empty when the
 * running-config shows the change.
 */
export function linesNotReadBack(diff: string, runningConfig: string): string[] {
  const blocks = parseBlocks(runningConfig)
  const problems: string[] = []
  let parent: string | undefined
  let parentRemoved = false
  const unified = /^@@ /m.test(diff)
  for (const raw of diff.split('\n')) {
    if (raw.startsWith('---') || raw.startsWith('+++') || raw.startsWith('@@') || raw.trim() === '' || raw.trim() === '!') continue
    const mark = raw[0] === '+' || raw[0] === '-' ? raw[0] : ' '
    const line = mark !== ' ' || unified ? raw.slice(1) : raw
    if (line.trim() === '!' || line.trim() === '') continue
    const indented = /^\s/.test(line)
    const text = line.trim()
    if (!indented) {
      parent = text
      parentRemoved = mark === '-'
      if (mark === '+' && !blocks.has(text)) problems.push(`+${text}`)
      if (mark === '-' && blocks.has(text) && !diff.includes(`\n+${text}\n`)) problems.push(`-${text}`)
      continue
    }
    if (parentRemoved || mark === ' ') continue
    const children = parent === undefined ? undefined : blocks.get(parent)
    const present = children?.has(text) ?? false
    if (mark === '+' && !present) problems.push(`${parent ?? ''} / +${text}`)
    if (mark === '-' && present) problems.push(`${parent ?? ''} / -${text}`)
  }
  return problems
}

/** Top-level lines of a running-config, each with the set of its indented lines (trimmed, all depths). */
function parseBlocks(config: string): Map<string, Set<string>> {
  const blocks = new Map<string, Set<string>>()
  let current: Set<string> | undefined
  for (const line of config.split('\n')) {
    if (line.trim() === '' || line.trim() === '!' || line.startsWith('!')) continue
    if (/^\s/.test(line)) current?.add(line.trim())
    else {
      current = blocks.get(line.trim()) ?? new Set()
      blocks.set(line.trim(), current)
    }
  }
  return blocks
}
