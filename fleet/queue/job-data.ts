import { z } from 'zod'

/** Version of the job format; a worker refuses jobs of another version instead of guessing. */
export const JOB_FORMAT = 1

/**
 * What one job carries: the host's inventory name and the named task with JSON arguments. Never an address, a
 * credential or a function: the worker resolves the host from its own inventory and environment.
 */
export const JobDataSchema = z.strictObject({
  v: z.literal(JOB_FORMAT),
  host: z.string().regex(/^[A-Za-z0-9_.@-]{1,253}$/),
  task: z.strictObject({ name: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/), args: z.unknown().optional() }),
  /** Deadline of one attempt on the device, in ms (each device call's `timeoutMs` is bounded by what is left). */
  timeoutMs: z.number().int().min(1).max(86_400_000).optional(),
  /** How often a failure to connect (nothing sent) is retried by the worker, with backoff. */
  retries: z.number().int().min(0).max(10).optional(),
  /** The run it belongs to (the submitter's id), for logs. */
  run: z.string().max(100).optional(),
})

/** The data of one job. */
export type JobData = z.infer<typeof JobDataSchema>

/** The id of a run's job for one host: `RUN--HOST` (unique per run; BullMQ ids cannot contain `:`). */
export function jobIdOf(run: string, host: string): string {
  return `${run}--${host}`
}
