import { z } from 'zod'
import type { CallOptions } from './driver.js'
import { TimeoutMsSchema } from './connect-options.js'
import { validate } from './validate.js'

/** Per-call options: a time limit from 1 ms to 2^31-1 ms, and an AbortSignal. */
export const CallOptionsSchema = z.looseObject({
  timeoutMs: TimeoutMsSchema.optional(),
  signal: z.instanceof(AbortSignal).optional(),
})

/** Checks the per-call options every public method accepts; throws a `ValidationError` before anything is sent. */
export function checkCallOptions(options: CallOptions, what: string): void {
  validate(CallOptionsSchema, options, what)
}

/** A configure session name as EOS accepts it: one word of letters, digits, `-`, `_` and `.`. */
export const SessionNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: 'a session name is one word of letters, digits, - _ and .' })
