import type { Command } from 'commander'
import { registerMockCommand } from './mock.js'
import { registerFactsCommand } from './facts.js'
import { registerVlansCommand } from './vlans.js'
import { registerInterfacesCommand } from './interfaces.js'
import { registerLagsCommand } from './lags.js'
import { registerCountersCommand } from './counters.js'
import { registerDropsCommand } from './drops.js'
import { registerRelayCommand } from './relay.js'
import { registerL1Command } from './l1.js'
import { registerTapsCommand } from './taps.js'
import { registerMetawatchCommand } from './metawatch.js'
import { registerCliCommand } from './cli.js'
import { registerConfigCommand } from './config.js'
import { registerGatherCommand } from './gather.js'
import { registerPlanCommand } from './plan.js'
import { registerApplyCommand } from './apply.js'
import { registerWorkerCommand } from './worker.js'

/** Adds one subcommand (with its options and action) to the program. */
export type RegisterCommand = (program: Command) => void

/**
 * Every subcommand of the `switchyard` CLI, in the order `--help` lists them.
 * Each lives in its own file under `cli/commands/` and is added here with one line.
 */
export const COMMANDS: readonly RegisterCommand[] = [
  registerMockCommand,
  registerFactsCommand,
  registerVlansCommand,
  registerInterfacesCommand,
  registerLagsCommand,
  registerCountersCommand,
  registerDropsCommand,
  registerRelayCommand,
  registerL1Command,
  registerTapsCommand,
  registerMetawatchCommand,
  registerCliCommand,
  registerConfigCommand,
  registerGatherCommand,
  registerPlanCommand,
  registerApplyCommand,
  registerWorkerCommand,
]
