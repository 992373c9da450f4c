import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml'
import type { InventoryIssue } from './inventory-error.js'

/** A parsed YAML document that can say where each value is. */
export interface YamlSource {
  /** The document as plain data (`undefined` when it could not be parsed). */
  readonly value: unknown
  /** Syntax errors, with line and column. */
  readonly errors: readonly InventoryIssue[]
  /** Line and column of the value at `path`, or of the key `key` inside it; the nearest enclosing value otherwise. */
  locate(path: ReadonlyArray<string | number>, key?: string): { line: number; column: number } | undefined
}

/** Parses YAML text, keeping positions for error messages (yaml's `LineCounter`). */
export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter()
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const errors: InventoryIssue[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0])
    return { path: [], message: e.message.split('\n')[0] ?? e.message, line: pos.line, column: pos.col }
  })
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset)
    return { line: pos.line, column: pos.col }
  }
  return {
    value: errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    errors,
    locate(path, key) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true)
        if (node === undefined || node === null) continue
        if (n === path.length && key !== undefined && isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key)
          if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0])
        }
        if (n < path.length && isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(path[n]))
          if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0])
        }
        const range = (node as { range?: [number, number, number] }).range
        if (range) return at(range[0])
      }
      return undefined
    },
  }
}
