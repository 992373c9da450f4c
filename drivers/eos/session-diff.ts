/**
 * Compares the diff of a session read when it was staged with the one read right before its commit. Any difference
 * means the running-config moved in between (another writer committed): committing would replace their change with
 * this session's stale copy. Returns the lines that differ, each marked with where it was seen; empty when equal.
 * Accepts both forms EOS prints (eapi.md §2.11): with `@@ -a,b +c,d @@` hunk headers (ignored here: they only locate
 * the lines) and context lines led by a space, or without hunks.
 */
export function diffChanges(staged: string, beforeCommit: string): string[] {
  const body = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('--- ') && !l.startsWith('+++ ') && !l.startsWith('@@ '))
  const a = body(staged)
  const b = body(beforeCommit)
  if (a.length === b.length && a.every((line, i) => line === b[i])) return []
  const inA = new Set(a)
  const inB = new Set(b)
  return [...b.filter((l) => !inA.has(l)).map((l) => `now: ${l}`), ...a.filter((l) => !inB.has(l)).map((l) => `staged: ${l}`)]
}
