/** One line of an edit script: kept (` `), removed (`-`) or added (`+`). */
interface Edit {
  op: ' ' | '-' | '+'
  line: string
}

/** Lines of context around each change, as `diff -u` and EOS print. */
const CONTEXT = 3

/** Past this many differing lines the middle of the texts is shown as removed then added, not aligned line by line. */
const MAX_EDIT_DISTANCE = 4000

/**
 * A unified diff of two running-config texts, as EOS prints `show session-config diffs`: a `--- from` / `+++ to`
 * header, then hunks with `@@ -a,b +c,d @@` headers, three lines of context each side prefixed by a space, and
 * `-`/`+` lines. Empty when nothing changed.
 *
 * Checked against public recordings of EOS output (the reference notes, eapi.md §2.11, say older EOS prints hunks and
 * newer EOS none; no recording is in the fixtures): pyeapi's documentation example of `show session-config named
 * whatever diffs` (vEOS, `@@ -3,6 +3,8 @@`, context lines with a leading space), the ansible arista.eos lab write-up
 * of `eos_config --diff` on cEOS (`@@ -2,7 +2,9 @@`), and null.53bits.co.uk's 2024 configuration-session page
 * (context line ` !`). Parsers must accept both forms: switchyard's own (drivers/eos/session-diff.ts) ignores hunk
 * headers. The mock uses this for EOS sessions; the MOS driver, whose device has no sessions, for the running-config
 * before and after a change.
 */
export function configTextDiff(beforeText: string, afterText: string, labels: { from: string; to: string }): string {
  const edits = editScript(linesOf(beforeText), linesOf(afterText))
  const hunks = hunksOf(edits)
  if (hunks.length === 0) return ''
  return `--- ${labels.from}\n+++ ${labels.to}\n${hunks.join('')}`
}

function linesOf(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n')
}

/** The shortest edit script (Myers' O((N+M)D) algorithm) after the common start and end are set aside. */
function editScript(a: string[], b: string[]): Edit[] {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const middleA = a.slice(start, endA)
  const middleB = b.slice(start, endB)
  const middle = myers(middleA, middleB) ?? [...middleA.map((line): Edit => ({ op: '-', line })), ...middleB.map((line): Edit => ({ op: '+', line }))]
  return [...a.slice(0, start).map((line): Edit => ({ op: ' ', line })), ...middle, ...a.slice(endA).map((line): Edit => ({ op: ' ', line }))]
}

function myers(a: string[], b: string[]): Edit[] | undefined {
  const n = a.length
  const m = b.length
  const max = n + m
  const off = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  let found = -1
  search: for (let d = 0; d <= max; d++) {
    if (d > MAX_EDIT_DISTANCE) return undefined
    trace.push(v.slice(off - d, off + d + 1))
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[off + k - 1] as number) < (v[off + k + 1] as number))
      let x = down ? (v[off + k + 1] as number) : (v[off + k - 1] as number) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[off + k] = x
      if (x >= n && y >= m) {
        found = d
        break search
      }
    }
  }
  const edits: Edit[] = []
  let x = n
  let y = m
  for (let d = found; d > 0; d--) {
    const prev = trace[d] as Int32Array
    const k = x - y
    const down = k === -d || (k !== d && (prev[k - 1 + d] as number) < (prev[k + 1 + d] as number))
    const prevK = down ? k + 1 : k - 1
    const prevX = prev[prevK + d] as number
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      edits.push({ op: ' ', line: a[--x] as string })
      y--
    }
    if (down) edits.push({ op: '+', line: b[--y] as string })
    else edits.push({ op: '-', line: a[--x] as string })
  }
  while (x > 0 && y > 0) {
    edits.push({ op: ' ', line: a[--x] as string })
    y--
  }
  return edits.reverse()
}

/** Groups the changes into hunks with their context; changes closer than twice the context share a hunk. */
function hunksOf(edits: readonly Edit[]): string[] {
  const changed = edits.flatMap((e, i) => (e.op === ' ' ? [] : [i]))
  if (changed.length === 0) return []
  const groups: Array<[number, number]> = []
  for (const i of changed) {
    const last = groups.at(-1)
    if (last && i - last[1] <= 2 * CONTEXT + 1) last[1] = i
    else groups.push([i, i])
  }
  // Line numbers (0-based) in each text at each edit.
  const atA: number[] = []
  const atB: number[] = []
  let lineA = 0
  let lineB = 0
  for (const e of edits) {
    atA.push(lineA)
    atB.push(lineB)
    if (e.op !== '+') lineA++
    if (e.op !== '-') lineB++
  }
  return groups.map(([first, last]) => {
    const from = Math.max(0, first - CONTEXT)
    const to = Math.min(edits.length, last + CONTEXT + 1)
    const slice = edits.slice(from, to)
    const countA = slice.filter((e) => e.op !== '+').length
    const countB = slice.filter((e) => e.op !== '-').length
    const header = `@@ -${range(atA[from] as number, countA)} +${range(atB[from] as number, countB)} @@`
    return `${header}\n${slice.map((e) => `${e.op}${e.line}\n`).join('')}`
  })
}

/** `start,count` as diff -u prints it: 1-based start, `,count` left out when it is 1, start of the line before when 0. */
function range(start0: number, count: number): string {
  if (count === 0) return `${start0},0`
  return count === 1 ? `${start0 + 1}` : `${start0 + 1},${count}`
}
