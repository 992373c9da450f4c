/** A JSON-RPC error object as eAPI sends it. */
export interface JsonRpcError {
  code: number
  message: string
  data?: unknown[]
}

/** A checked eAPI answer: the results (one per command sent), a JSON-RPC error, or why the answer is malformed. */
export type Envelope = { result: unknown[] } | { error: JsonRpcError } | { invalid: string }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks the shape of a `runCmds` answer before anything of it is used: an object holding either `result`, an array
 * of exactly `expected` entries (objects; in text format each with a string `output`), or `error` with an integer
 * `code`, a string `message` and, when present, an array `data`. Anything else is reported as invalid, never
 * trusted half-way.
 */
export function readEnvelope(body: unknown, expected: number, format: 'json' | 'text'): Envelope {
  if (!isRecord(body)) return { invalid: `the body is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}, not an object` }
  if ('error' in body && body.error !== undefined && body.error !== null) {
    const error = body.error
    if (!isRecord(error)) return { invalid: "'error' is not an object" }
    const code = typeof error.code === 'bigint' ? Number(error.code) : error.code
    if (typeof code !== 'number' || !Number.isInteger(code)) return { invalid: "'error.code' is not an integer" }
    if (typeof error.message !== 'string') return { invalid: "'error.message' is not a string" }
    if (error.data !== undefined && error.data !== null && !Array.isArray(error.data)) return { invalid: "'error.data' is not an array" }
    return { error: { code, message: error.message, ...(Array.isArray(error.data) ? { data: error.data } : {}) } }
  }
  const result = body.result
  if (!Array.isArray(result)) return { invalid: "there is neither a 'result' array nor an 'error' object" }
  if (result.length !== expected) return { invalid: `'result' holds ${result.length} entries for ${expected} commands` }
  for (const [i, entry] of result.entries()) {
    if (!isRecord(entry)) return { invalid: `result entry ${i} is not an object` }
    if (format === 'text' && typeof entry.output !== 'string') return { invalid: `result entry ${i} has no text 'output'` }
  }
  return { result }
}
