/**
 * Process exit codes of the `switchyard` CLI. Pipelines branch on these, so they never change meaning.
 */
export const EXIT_CODES = {
  /** Everything asked for was done (and, for `plan --detailed-exitcode`, no drift was found). */
  ok: 0,
  /** The command itself failed: bad arguments, unreadable files, or a single-device command whose device failed. */
  failed: 1,
  /** `plan --detailed-exitcode` found drift: the devices differ from the desired state. */
  driftFound: 2,
  /** A fleet command finished, but some hosts failed or ended with an unknown outcome. */
  someHostsFailed: 3,
} as const

/** One of the CLI's documented exit codes. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES]
