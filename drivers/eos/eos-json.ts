import { z } from 'zod'
import { ParseError } from '../../src/errors.js'

/** A JSON integer as the channel delivers it: a number, or a bigint when it exceeds 2^53. */
export const JsonCount = z.union([z.number(), z.bigint()])

/** Converts a JSON count to bigint without losing precision. */
export function toBigInt(value: number | bigint | undefined): bigint {
  if (value === undefined) return 0n
  return typeof value === 'bigint' ? value : BigInt(Math.trunc(value))
}

/**
 * Parses one command's output with a schema, or throws a {@link ParseError} naming the command and the first
 * mismatch. Schemas are loose: extra keys are accepted, missing required keys are not.
 */
export function parseOutput<S extends z.ZodType>(schema: S, output: unknown, command: string): z.output<S> {
  const result = schema.safeParse(output)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
  throw new ParseError(command, `${issue?.message ?? 'unexpected shape'}${where}`)
}
