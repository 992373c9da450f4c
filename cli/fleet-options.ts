import { InvalidArgumentError, type Command } from 'commander'
import { fleet, loadInventory, type Fleet } from '../fleet/index.js'
import type { GlobalOptions } from './program.js'

/** Options every fleet subcommand takes (`--inventory` or `--eapi-conf`, `--limit`, `--concurrency`, `--timeout`). */
export interface FleetCommandOptions extends GlobalOptions {
  readonly inventory?: string
  readonly eapiConf?: string
  readonly limit?: string
  readonly concurrency?: number
  readonly timeout?: number
}

/** Parses a whole number within bounds, for commander options. */
export function integerOption(min: number, max: number): (text: string) => number {
  return (text) => {
    const n = Number(text)
    if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`)
    return n
  }
}

/** Adds the common fleet options to a subcommand. */
export function withFleetOptions(command: Command): Command {
  return command
    .option('-i, --inventory <file>', 'switchyard inventory (YAML; schema/inventory.json); default $SWITCHYARD_INVENTORY')
    .option('--eapi-conf <file>', "or: a pyeapi eapi.conf ([connection:NAME] sections)")
    .option('-l, --limit <pattern>', "hosts to run on: names, groups, globs, key=value on data, !negation, &intersection, comma-separated")
    .option('-c, --concurrency <n>', 'most hosts at once (default 20)', integerOption(1, 10_000))
    .option('--timeout <ms>', "each host's deadline in ms, retries included (default 300000)", integerOption(1, 2 ** 31 - 1))
}

/** The fleet the options name: the inventory loaded, narrowed by `--limit`. */
export async function fleetOf(options: FleetCommandOptions, env: NodeJS.ProcessEnv = process.env): Promise<Fleet> {
  if (options.inventory && options.eapiConf) throw new InvalidArgumentError('give --inventory or --eapi-conf, not both')
  const file = options.eapiConf ?? options.inventory ?? env.SWITCHYARD_INVENTORY
  if (!file) throw new InvalidArgumentError('no inventory: give --inventory FILE or --eapi-conf FILE (or set SWITCHYARD_INVENTORY)')
  const inventory = await loadInventory(file, options.eapiConf ? 'eapi-conf' : 'auto')
  const all = fleet(inventory, { secrets: { env } })
  return options.limit === undefined ? all : all.select(options.limit)
}
