/**
 * `T` as it is once every bigint in it is written as a decimal string: what {@link toJSONSafe} returns and what
 * {@link stringifyJson} writes.
 */
export type JsonSafe<T> = T extends bigint
  ? string
  : T extends Date | RegExp | ((...args: never[]) => unknown)
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<JsonSafe<U>>
      : T extends object
        ? { [K in keyof T]: JsonSafe<T[K]> }
        : T

/**
 * A copy of `value` in which every bigint (64-bit counters, for instance) is replaced by its decimal string, so that
 * `JSON.stringify`, a log line or a queue message can carry it without losing digits. Arrays and plain objects are
 * copied; anything else (dates, class instances without own enumerable data) is kept as it is.
 *
 * @example
 * ```ts
 * const counters = toJSONSafe(await sw.counters.interfaces())   // inOctets: '18446744073709551615'
 * ```
 */
export function toJSONSafe<T>(value: T): JsonSafe<T> {
  return convert(value, new Set()) as JsonSafe<T>
}

/**
 * `JSON.stringify` that writes every bigint as a decimal string (plain `JSON.stringify` throws on a bigint).
 *
 * @example
 * ```ts
 * console.log(stringifyJson(await sw.counters.drops(), 2))
 * ```
 */
export function stringifyJson(value: unknown, indent?: number | string): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent)
}

function convert(value: unknown, path: Set<object>): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (typeof value !== 'object' || value === null) return value
  if (path.has(value)) throw new TypeError('toJSONSafe: the value holds a cycle')
  const proto: unknown = Object.getPrototypeOf(value)
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value
  path.add(value)
  try {
    return Array.isArray(value) ? value.map((v: unknown) => convert(v, path)) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, path)]))
  } finally {
    path.delete(value)
  }
}
