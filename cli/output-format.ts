import { stringifyJson } from '../src/json-safe.js'

/** How a command prints its result: an aligned table for people, or JSON / NDJSON for pipelines. */
export type OutputFormat = 'table' | 'json' | 'ndjson'

/** The output format chosen by the global `--json` / `--ndjson` flags (table when neither is given). */
export function outputFormatOf(flags: { readonly json?: boolean; readonly ndjson?: boolean }): OutputFormat {
  if (flags.ndjson === true) return 'ndjson'
  if (flags.json === true) return 'json'
  return 'table'
}

/** One JSON document for `--json`: bigints become decimal strings, dates ISO strings. */
export function formatJson(value: unknown): string {
  return `${stringifyJson(value, 2)}\n`
}

/** One line per record for `--ndjson`, with the same conversions as {@link formatJson}. */
export function formatNdjson(records: readonly unknown[]): string {
  return records.map((record) => `${stringifyJson(record)}\n`).join('')
}
