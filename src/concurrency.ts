import type { SwitchyardError } from './errors.js'

/** What {@link mapConcurrent} returns for one item: its place, its label, and its value or error. */
export type ConcurrentResult<T, R> = ConcurrentFulfilled<T, R> | ConcurrentRejected<T>

/** An item whose task resolved. */
export interface ConcurrentFulfilled<T, R> {
  status: 'fulfilled'
  /** The input item. */
  item: T
  /** Its position in the input. */
  index: number
  /** A name for reports: see {@link MapConcurrentOptions.label}. */
  label: string
  value: R
}

/** An item whose task threw or rejected. */
export interface ConcurrentRejected<T> {
  status: 'rejected'
  item: T
  index: number
  label: string
  /**
   * What the task threw: a switchyard error (branch on its `code`), another `Error`, or, when something that is not an
   * `Error` was thrown, an `Error` carrying it as `cause`.
   */
  error: SwitchyardError | Error
}

/** Options of {@link mapConcurrent}. */
export interface MapConcurrentOptions<T> {
  /**
   * Names an item in the results. By default: a string item itself; an object's `host` (with `:port` when it has a
   * numeric `port`), e.g. connect options or an inventory entry; otherwise `#<index>`.
   */
  label?: (item: T, index: number) => string
}

/**
 * Runs `task` on every item with at most `limit` running at once, and returns one result per item in input order,
 * each carrying the item, its index and label, and either its `value` or its `error`. A failing item never stops the
 * others.
 *
 * @example
 * ```ts
 * const results = await mapConcurrent(inventory, 32, async (entry) => {
 *   const sw = await connect(entry)
 *   try { return await sw.counters.drops() } finally { await sw.close() }
 * })
 * for (const r of results) {
 *   if (r.status === 'rejected') console.error(`${r.label}: ${r.error.message}`)   // label: '10.0.0.1'
 * }
 * ```
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  options: MapConcurrentOptions<T> = {},
): Promise<Array<ConcurrentResult<T, R>>> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer')
  const labelOf = options.label ?? defaultLabel
  const results: Array<ConcurrentResult<T, R>> = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      const item = items[index] as T
      const label = labelOf(item, index)
      try {
        results[index] = { status: 'fulfilled', item, index, label, value: await task(item, index) }
      } catch (thrown) {
        results[index] = { status: 'rejected', item, index, label, error: asError(thrown) }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

function defaultLabel(item: unknown, index: number): string {
  if (typeof item === 'string') return item
  if (typeof item === 'object' && item !== null) {
    const { host, port } = item as { host?: unknown; port?: unknown }
    if (typeof host === 'string') return typeof port === 'number' ? `${host}:${port}` : host
  }
  return `#${index}`
}

function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown
  let text: string
  try {
    text = String(thrown).slice(0, 200)
  } catch {
    text = typeof thrown
  }
  return new Error(`the task threw a non-Error value: ${text}`, { cause: thrown })
}
