import type { Command } from 'commander'
import { registerMockCommand } from './mock.js'

/** Adds one subcommand (with its options and action) to the program. */
export type RegisterCommand = (program: Command) => void

/**
 * Every subcommand of the `switchyard` CLI, in the order `--help` lists them.
 * Each lives in its own file under `cli/commands/` and is added here with one line.
 */
export const COMMANDS: readonly RegisterCommand[] = [
  registerMockCommand,
]
