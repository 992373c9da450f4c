import type { FleetEvent, RunOptions } from '../fleet/index.js'
import type { FleetCommandOptions } from './fleet-options.js'
import { progressBar } from './progress-bar.js'
import type { TerminalStream } from './terminal.js'

/** What every fleet subcommand hands to `run`, whatever the task: its limits and its progress bar. */
export type FleetRunOptions = Pick<RunOptions, 'concurrency' | 'timeoutMs'> & { readonly onEvent: (event: FleetEvent<unknown>) => void }

/**
 * The run options of a fleet subcommand: `--concurrency` and `--timeout` when given (the fleet's defaults
 * otherwise), and a progress bar labelled `label` on `stderr` (drawn only on a terminal).
 */
export function fleetRunOptions(options: FleetCommandOptions, stderr: TerminalStream & NodeJS.WritableStream, label: string): FleetRunOptions {
  return {
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
    onEvent: progressBar(stderr, label),
  }
}
