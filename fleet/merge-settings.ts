/** Keys whose values are merged key by key (one level) rather than replaced. */
const NESTED = new Set(['tls', 'ssh', 'snmp'])

/** A layer of settings and data from one source (the defaults, a group, the host). */
export interface SettingsLayer {
  /** `defaults`, `group NAME` or `host NAME`. */
  readonly source: string
  readonly settings: Readonly<Record<string, unknown>>
  readonly data: Readonly<Record<string, unknown>>
}

/** Where each merged value came from, keyed by dotted path (`port`, `tls.ca`, `data.site`). */
export type Origins = Map<string, string>

/**
 * Merges layers, later over earlier: scalar settings and secrets are replaced whole; `tls`, `ssh` and `snmp` are merged
 * key by key; `data` is merged deeply (plain objects key by key, arrays and scalars replaced). Returns the merged
 * settings, data, and the source of every value.
 */
export function mergeLayers(layers: readonly SettingsLayer[]): { settings: Record<string, unknown>; data: Record<string, unknown>; origins: Origins; overrides: Array<{ key: string; from: string; by: string }> } {
  const settings: Record<string, unknown> = {}
  const data: Record<string, unknown> = {}
  const origins: Origins = new Map()
  const overrides: Array<{ key: string; from: string; by: string }> = []
  const set = (key: string, source: string, same: boolean) => {
    const previous = origins.get(key)
    if (previous !== undefined && previous !== source && !same) overrides.push({ key, from: previous, by: source })
    origins.set(key, source)
  }
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.settings)) {
      if (value === undefined) continue
      if (NESTED.has(key) && isPlainObject(value)) {
        const into = isPlainObject(settings[key]) ? { ...(settings[key] as Record<string, unknown>) } : {}
        for (const [k, v] of Object.entries(value)) {
          if (v === undefined) continue
          set(`${key}.${k}`, layer.source, sameValue(into[k], v))
          into[k] = v
        }
        settings[key] = into
      } else {
        set(key, layer.source, sameValue(settings[key], value))
        settings[key] = value
      }
    }
    mergeData(data, layer.data, 'data', layer.source, set)
  }
  return { settings, data, origins, overrides }
}

function mergeData(into: Record<string, unknown>, from: Readonly<Record<string, unknown>>, prefix: string, source: string, set: (key: string, source: string, same: boolean) => void): void {
  for (const [key, value] of Object.entries(from)) {
    const path = `${prefix}.${key}`
    if (isPlainObject(value) && isPlainObject(into[key])) {
      const copy = { ...(into[key] as Record<string, unknown>) }
      mergeData(copy, value, path, source, set)
      into[key] = copy
    } else {
      set(path, source, sameValue(into[key], value))
      into[key] = isPlainObject(value) ? structuredClone(value) : value
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** True for `{ … }` objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
