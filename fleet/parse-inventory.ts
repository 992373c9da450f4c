import { homedir } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import type { DriverName } from '../src/index.js'
import { InventoryError, type InventoryIssue } from './inventory-error.js'
import { InventoryFileSchema } from './inventory-schema.js'
import type { Inventory, InventoryGroup, InventoryHost } from './inventory.js'
import { isPlainObject, mergeLayers, type SettingsLayer } from './merge-settings.js'
import { parseYamlSource, type YamlSource } from './yaml-source.js'

/** Where inventory text came from: names the file in errors and anchors relative `{ file }` paths. */
export interface InventorySourceOptions {
  /** The file name shown in errors (default `<inline>`). */
  readonly file?: string
  /** Directory that relative `{ file }` references and `knownHostsFile` are resolved against (default: the file's, or the working directory). */
  readonly baseDir?: string
}

/**
 * Parses a switchyard inventory (YAML) and merges every host's settings. Every problem is reported at once, each with
 * its line and column, as an {@link InventoryError}.
 *
 * Precedence, lowest first: the top-level `defaults`; the host's groups, a parent group before its children (so a
 * nested group wins over the group it is nested in) and, between groups at the same depth, in the order the host
 * lists them (the later one wins); the host itself. `tls`, `ssh` and `snmp` merge key by key, `data` deeply; a
 * value that two unrelated groups both set is named in `inventory.warnings` with the group that won.
 *
 * @example
 * ```ts
 * const inv = parseInventory(await readFile('lab.yaml', 'utf8'), { file: 'lab.yaml' })
 * inv.hosts.map((h) => h.name)
 * ```
 */
export function parseInventory(text: string, options: InventorySourceOptions = {}): Inventory {
  const file = options.file ?? '<inline>'
  const baseDir = options.baseDir ?? (options.file ? resolve(options.file, '..') : process.cwd())
  const source = parseYamlSource(text)
  if (source.errors.length > 0) throw new InventoryError(file, source.errors)
  const parsed = InventoryFileSchema.safeParse(source.value ?? {})
  if (!parsed.success) {
    throw new InventoryError(
      file,
      parsed.error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined
        const message = issue.code === 'unrecognized_keys' ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}` : issue.message
        return withPlace(source, { path: key === undefined ? path : [...path, key], message }, path, key)
      }),
    )
  }
  const doc = parsed.data
  const groupDefs = doc.groups ?? {}
  const issues: InventoryIssue[] = []
  const parents = new Map<string, string[]>(Object.keys(groupDefs).map((g) => [g, []]))
  for (const [name, group] of Object.entries(groupDefs)) {
    for (const [i, child] of (group.children ?? []).entries()) {
      if (!parents.has(child)) issues.push(withPlace(source, { path: ['groups', name, 'children', i], message: `no group named '${child}'` }))
      else parents.get(child)?.push(name)
    }
  }
  for (const name of Object.keys(groupDefs)) {
    const cycle = findCycle(name, parents)
    if (cycle) issues.push(withPlace(source, { path: ['groups', name, 'children'], message: `groups nest in a cycle: ${cycle.join(' -> ')}` }))
  }
  for (const [name, host] of Object.entries(doc.hosts)) {
    for (const [i, g] of (host?.groups ?? []).entries()) {
      if (!parents.has(g)) issues.push(withPlace(source, { path: ['hosts', name, 'groups', i], message: `no group named '${g}'` }))
    }
  }
  if (issues.length > 0) throw new InventoryError(file, issues)

  const depth = memoDepth(parents)
  const warnings: string[] = []
  const hosts: InventoryHost[] = []
  for (const [name, raw] of Object.entries(doc.hosts)) {
    const host = raw ?? {}
    const groups = orderGroups(host.groups ?? [], parents, depth)
    const ancestorsOf = (g: string) => ancestors(g, parents)
    const { groups: _g, data: hostData, ...hostSettings } = host
    const { data: defaultData, ...defaultSettings } = doc.defaults ?? {}
    const layers: SettingsLayer[] = [
      { source: 'defaults', settings: defaultSettings, data: defaultData ?? {} },
      ...groups.map((g) => ({ source: `group ${g}`, settings: groupDefs[g]?.defaults ?? {}, data: groupDefs[g]?.data ?? {} })),
      { source: `host ${name}`, settings: hostSettings, data: hostData ?? {} },
    ]
    const merged = mergeLayers(layers)
    for (const o of merged.overrides) {
      if (!o.from.startsWith('group ') || !o.by.startsWith('group ')) continue
      const [from, by] = [o.from.slice(6), o.by.slice(6)]
      if (ancestorsOf(by).has(from)) continue
      warnings.push(`host ${name}: ${o.key} is set by groups ${from} and ${by}; ${by} wins (${depth(by) > depth(from) ? 'nested deeper' : 'listed later by the host'})`)
    }
    const settings = absolutize(merged.settings, baseDir)
    hosts.push({
      ...(settings as Omit<InventoryHost, 'name' | 'address' | 'driver' | 'groups' | 'data'>),
      name,
      address: typeof settings.address === 'string' ? settings.address : name,
      driver: (settings.driver as DriverName | undefined) ?? 'eapi',
      groups,
      data: merged.data,
    })
  }
  const groups: InventoryGroup[] = Object.entries(groupDefs).map(([name, g]) => ({
    name,
    parents: parents.get(name) ?? [],
    children: g.children ?? [],
    hosts: hosts.filter((h) => h.groups.includes(name)).map((h) => h.name),
  }))
  return { hosts, groups, source: file, warnings }
}

function withPlace(source: YamlSource, issue: InventoryIssue, path: ReadonlyArray<string | number> = issue.path, key?: string): InventoryIssue {
  const place = source.locate(path, key)
  return place ? { ...issue, line: place.line, column: place.column } : issue
}

function findCycle(start: string, parents: Map<string, string[]>): string[] | undefined {
  const walk = (g: string, trail: string[]): string[] | undefined => {
    for (const p of parents.get(g) ?? []) {
      if (p === start) return [start, ...trail.slice(1), g, start].filter((x, i, a) => i === 0 || x !== a[i - 1])
      if (trail.includes(p)) continue
      const found = walk(p, [...trail, p])
      if (found) return found
    }
    return undefined
  }
  return walk(start, [start])
}

function ancestors(group: string, parents: Map<string, string[]>): Set<string> {
  const out = new Set<string>()
  const stack = [...(parents.get(group) ?? [])]
  while (stack.length > 0) {
    const g = stack.pop() as string
    if (out.has(g)) continue
    out.add(g)
    stack.push(...(parents.get(g) ?? []))
  }
  return out
}

function memoDepth(parents: Map<string, string[]>): (group: string) => number {
  const memo = new Map<string, number>()
  const depth = (g: string): number => {
    const known = memo.get(g)
    if (known !== undefined) return known
    memo.set(g, 0)
    const d = Math.max(0, ...(parents.get(g) ?? []).map((p) => depth(p) + 1))
    memo.set(g, d)
    return d
  }
  return depth
}

/** The host's groups with their ancestors, shallowest first; at equal depth in the order met (the host's list). */
function orderGroups(direct: readonly string[], parents: Map<string, string[]>, depth: (g: string) => number): string[] {
  const seen: string[] = []
  for (const g of direct) {
    for (const a of [...ancestors(g, parents)].sort((x, y) => depth(x) - depth(y))) if (!seen.includes(a)) seen.push(a)
    if (!seen.includes(g)) seen.push(g)
  }
  return seen.map((g, i) => ({ g, i })).sort((a, b) => depth(a.g) - depth(b.g) || a.i - b.i).map((x) => x.g)
}

/** Makes `{ file }` references and `knownHostsFile` absolute (`~` is the home directory). */
function absolutize(settings: Record<string, unknown>, baseDir: string): Record<string, unknown> {
  const path = (p: string) => (p === '~' || p.startsWith('~/') ? resolve(homedir(), p.slice(2)) : isAbsolute(p) ? p : resolve(baseDir, p))
  const walk = (value: unknown, key: string): unknown => {
    if (key === 'knownHostsFile' && typeof value === 'string') return path(value)
    if (!isPlainObject(value)) return value
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === 'file' && typeof value.file === 'string') return { file: path(value.file) }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]))
  }
  return walk(settings, '') as Record<string, unknown>
}
