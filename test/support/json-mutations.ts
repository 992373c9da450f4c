import fc from 'fast-check'

/** A JSON-like value (with bigints, as the channels deliver 64-bit counters). */
export type JsonLike = null | boolean | number | bigint | string | JsonLike[] | { [key: string]: JsonLike }

type Path = Array<string | number>

/** The path reached by descending from the root, taking child `step % count` at each level, while steps last. */
function descend(root: JsonLike, steps: readonly number[]): Path {
  const path: Path = []
  let node = root
  for (const step of steps) {
    if (Array.isArray(node)) {
      if (node.length === 0) break
      const i = step % node.length
      path.push(i)
      node = node[i] as JsonLike
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node)
      if (keys.length === 0) break
      const key = keys[step % keys.length] as string
      path.push(key)
      node = node[key] as JsonLike
    } else {
      break
    }
  }
  return path
}

function parentOf(root: JsonLike, path: Path): { parent: JsonLike[] | Record<string, JsonLike>; key: string | number } | undefined {
  if (path.length === 0) return undefined
  let node: JsonLike = root
  for (const step of path.slice(0, -1)) node = (node as Record<string | number, JsonLike>)[step] as JsonLike
  return { parent: node as JsonLike[] | Record<string, JsonLike>, key: path[path.length - 1] as string | number }
}

/** Keys that reach JavaScript's object prototype when used carelessly. */
const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']

/** Replacements that swap a value's type or push it to an edge. */
const odd: fc.Arbitrary<JsonLike> = fc.oneof(
  fc.constantFrom<JsonLike>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, '', ' ', '-', 'NaN', '1,2', [], {}),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...PROTO_KEYS),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonLike>,
)

/** One edit of a JSON tree: at a node reached by random descent, delete the field, replace it, or add a key. */
type Edit = { steps: number[]; kind: 'delete' | 'replace' | 'add' | 'stringify'; value: JsonLike; key: string }

const edit: fc.Arbitrary<Edit> = fc.record({
  steps: fc.array(fc.nat(), { maxLength: 8 }),
  kind: fc.constantFrom<Edit['kind']>('delete', 'replace', 'replace', 'add', 'stringify'),
  value: odd,
  key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 6 })),
})

/** Applies edits to a copy of `value`; the root itself may be replaced. */
export function applyEdits(value: JsonLike, edits: readonly Edit[]): JsonLike {
  let root = structuredClone(value)
  for (const e of edits) {
    const path = descend(root, e.steps)
    const slot = parentOf(root, path)
    const current = slot ? (slot.parent as Record<string | number, JsonLike>)[slot.key] : root
    const replacement =
      e.kind === 'stringify' ? (JSON.stringify(current, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? null) : structuredClone(e.value)
    if (e.kind === 'add') {
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) Object.defineProperty(current, e.key, { value: replacement, enumerable: true, writable: true, configurable: true })
      else if (Array.isArray(current)) current.push(replacement)
      continue
    }
    if (!slot) {
      if (e.kind !== 'delete') root = replacement
      continue
    }
    if (e.kind === 'delete') {
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1)
      else delete slot.parent[slot.key as string]
    } else {
      ;(slot.parent as Record<string | number, JsonLike>)[slot.key] = replacement
    }
  }
  return root
}

/** Cuts a tree after `budget` leaves, in document order, as a stream cut off and then closed would be. */
export function truncateTree(value: JsonLike, budget: { left: number }): JsonLike | undefined {
  if (budget.left <= 0) return undefined
  if (Array.isArray(value)) {
    const out: JsonLike[] = []
    for (const v of value) {
      const t = truncateTree(v, budget)
      if (t === undefined) break
      out.push(t)
    }
    return out
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonLike> = {}
    for (const [k, v] of Object.entries(value)) {
      const t = truncateTree(v, budget)
      if (t === undefined) break
      out[k] = t
    }
    return out
  }
  budget.left--
  return typeof value === 'string' && budget.left === 0 ? value.slice(0, Math.ceil(value.length / 2)) : value
}

/**
 * A nesting `depth` levels deep of `{cmds: {...}}` or arrays, for recursive schemas. It prints itself briefly in
 * fast-check's failure reports (printing it whole would overflow the stack).
 */
export function deeplyNested(depth: number, kind: 'cmds' | 'array'): JsonLike {
  let v: JsonLike = kind === 'cmds' ? { cmds: {} } : []
  for (let i = 0; i < depth; i++) v = kind === 'cmds' ? { cmds: { [`line ${i}`]: v } } : [v]
  Object.defineProperty(v, fc.toStringMethod, { value: () => `<${kind} nested ${depth} deep>`, enumerable: false })
  return v
}

let deep: JsonLike[] | undefined

/** Deeply nested values, built once (parsers do not change their input): past any sane depth, and past the stack. */
function deepValues(): JsonLike[] {
  deep ??= [65, 1000, 5000, 20_000].flatMap((depth) => [deeplyNested(depth, 'cmds'), deeplyNested(depth, 'array')])
  return deep
}

/**
 * Inputs derived from real outputs: each seed mutated (fields deleted, types swapped, nulls, prototype keys),
 * truncated, or both; plus random JSON values and deep nesting.
 */
export function derivedFrom(seeds: readonly JsonLike[]): fc.Arbitrary<JsonLike> {
  const seed = fc.constantFrom(...seeds)
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(seed, fc.array(edit, { minLength: 1, maxLength: 4 })).map(([s, e]) => applyEdits(s, e)) },
    { weight: 2, arbitrary: fc.tuple(seed, fc.nat({ max: 400 })).map(([s, n]) => truncateTree(s, { left: n }) ?? null) },
    { weight: 1, arbitrary: fc.tuple(seed, fc.nat({ max: 400 }), fc.array(edit, { maxLength: 2 })).map(([s, n, e]) => applyEdits(truncateTree(s, { left: n }) ?? null, e)) },
    { weight: 2, arbitrary: fc.jsonValue() as fc.Arbitrary<JsonLike> },
    { weight: 1, arbitrary: fc.constantFrom(...deepValues()) },
  )
}

/** JSON text derived from real outputs: the whole text, cut at any byte, or with a byte changed. */
export function textFrom(seeds: readonly string[]): fc.Arbitrary<string> {
  const seed = fc.constantFrom(...seeds)
  return fc.oneof(
    seed,
    fc.tuple(seed, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
    fc.tuple(seed, fc.nat(), fc.string({ maxLength: 3 })).map(([s, n, x]) => {
      const at = n % (s.length + 1)
      return `${s.slice(0, at)}${x}${s.slice(at + 1)}`
    }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.integer({ min: 1, max: 50_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
    fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((n) => `{"inOctets": ${n}, "x": [${n}, 1e400, -0.0]}`),
  )
}
