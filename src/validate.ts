import type { z } from 'zod'
import { ValidationError } from './errors.js'

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} whose message lists every problem with its path.
 * `what` names the input in the message, e.g. `vlans.create`.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message }))
  const lines = issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
  throw new ValidationError(`invalid input to ${what}: ${lines.join('; ')}`, issues)
}
