import { z } from 'zod'
import { ParseError } from '../../src/errors.js'

/** A JSON integer as the channel delivers it: a number, or a bigint when it exceeds 2^53. */
export const JsonCount = z.union([z.number(), z.bigint()])

/** Converts a JSON count to bigint without losing precision; a count that is not a finite number is a {@link ParseError}. */
export function toBigInt(value: number | bigint | undefined): bigint {
  if (value === undefined) return 0n
  if (typeof value === 'bigint') return value
  if (!Number.isFinite(value)) throw new ParseError('a counter', `${String(value)} is not a count`)
  return BigInt(Math.trunc(value))
}

/** Deepest nesting accepted in a device's JSON answer; EOS's deepest models (the running-config) are a few levels. */
export const MAX_JSON_DEPTH = 64

/** The nesting depth of a JSON value, counted without recursion and given up past `limit`. */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop() as { value: unknown; depth: number }
    if (v === null || typeof v !== 'object') continue
    if (depth >= limit) return true
    for (const child of Object.values(v)) stack.push({ value: child, depth: depth + 1 })
  }
  return false
}

/**
 * Parses one command's output with a schema, or throws a {@link ParseError} naming the command and the first
 * mismatch. Schemas are loose: extra keys are accepted, missing required keys are not. Output nested deeper than
 * {@link MAX_JSON_DEPTH} is refused before the schema sees it, and nothing the schema throws escapes untyped.
 */
export function parseOutput<S extends z.ZodType>(schema: S, output: unknown, command: string): z.output<S> {
  if (depthExceeds(output, MAX_JSON_DEPTH)) throw new ParseError(command, `the output is nested deeper than ${MAX_JSON_DEPTH} levels`)
  let result: z.ZodSafeParseResult<z.output<S>>
  try {
    result = schema.safeParse(output)
  } catch (cause) {
    throw new ParseError(command, 'the output could not be checked against its model', { cause })
  }
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : ''
  throw new ParseError(command, `${issue?.message ?? 'unexpected shape'}${where}`)
}
