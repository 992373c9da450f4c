import type { Command } from 'commander'
import type { Device } from '../src/index.js'
import { queueTask, type InventoryHost } from '../fleet/index.js'
import { fleetOf, withFleetOptions, type FleetCommandOptions } from './fleet-options.js'
import { queueOf, withQueueOptions, type QueueCommandOptions } from './queue-options.js'
import { printResults, processIo, type CommandIo } from './fleet-output.js'
import { fleetRunOptions } from './fleet-run-options.js'

/** A read-only fleet subcommand: what it reads from each device and how its answer becomes table rows. */
export interface ReadCommandSpec<T> {
  readonly name: string
  readonly description: string
  /** Reads one device (pass `signal` on). */
  read(sw: Device, host: InventoryHost, signal: AbortSignal): Promise<T>
  /** Table rows of one host's answer (the `host` column is added). */
  rows(value: T): Array<Record<string, unknown>>
}

/**
 * Registers a read-only fleet subcommand with the common fleet options; it exits 0, 1 or 3 (see cli/exit-codes.ts).
 * When workers know a named task of the same name, it also takes `--queue` (see cli/queue-options.ts).
 */
export function registerReadCommand<T>(program: Command, spec: ReadCommandSpec<T>, io: CommandIo = processIo): Command {
  const command = withFleetOptions(program.command(spec.name).description(spec.description))
  if (queueTask(spec.name)?.writes === false) withQueueOptions(command)
  return command.action(async (_opts: unknown, command: Command) => {
    const options = command.optsWithGlobals<FleetCommandOptions & QueueCommandOptions>()
    process.exitCode = await runRead(spec, options, io)
  })
}

/** Runs a read on the selected hosts and prints it; returns the exit code. */
export async function runRead<T>(spec: ReadCommandSpec<T>, options: FleetCommandOptions & QueueCommandOptions, io: CommandIo): Promise<number> {
  const queue = queueOf(options, io.env)
  const hosts = await fleetOf(options, io.env)
  const runOptions = { kind: 'read', ...fleetRunOptions(options, io.stderr, spec.name) } as const
  // Over a queue the value arrives as JSON (bigints as decimal strings), which the rows and the output show the same.
  const run = queue ? hosts.run({ name: spec.name }, { ...runOptions, queue }) : hosts.run((sw, host, ctx) => spec.read(sw, host, ctx.signal), runOptions)
  return printResults(await run, options, io, (value) => spec.rows(value as T))
}
