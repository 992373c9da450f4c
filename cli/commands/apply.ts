import type { Command } from 'commander'
import { toJSONSafe } from '../../src/index.js'
import type { HostResult } from '../../fleet/index.js'
import { EXIT_CODES } from '../exit-codes.js'
import { fleetOf, integerOption, withFleetOptions, type FleetCommandOptions } from '../fleet-options.js'
import { exitCodeOf, printFailures, printResults, processIo, type CommandIo } from '../fleet-output.js'
import { formatTable } from '../format-table.js'
import { formatJson, formatNdjson, outputFormatOf } from '../output-format.js'
import { fleetRunOptions } from '../fleet-run-options.js'
import { queueOf, withQueueOptions, type QueueCommandOptions } from '../queue-options.js'
import { desiredStateOf } from './desired-files.js'

/** Adds `switchyard apply`: applies the desired-state files, with a fleet-wide commit-confirm when asked. */
export function registerApplyCommand(program: Command, io: CommandIo = processIo): void {
  withQueueOptions(withFleetOptions(
    program
      .command('apply')
      .description('apply the desired-state files in DIR; with --confirm-within, fleet-wide: confirmed everywhere only if every host applied and reads back, else rolled back everywhere')
      .argument('<dir>', 'folder of desired-state files (<host>.yaml, groups/<group>.yaml)')
      .option('--confirm-within <seconds>', 'commit on every host with this timer; if this process dies, the devices roll back by themselves', integerOption(1, 86_400))
      .option('--confirm-concurrency <n>', 'with --confirm-within: most confirms (or rollbacks) in flight at once (default 100)', integerOption(1, 10_000)),
  )).action(async (dir: string, _opts: unknown, command: Command) => {
    const options = command.optsWithGlobals<FleetCommandOptions & QueueCommandOptions & { confirmWithin?: number; confirmConcurrency?: number }>()
    const queue = queueOf(options, io.env)
    const { fleet, documentOf } = await desiredStateOf(await fleetOf(options, io.env), dir, io)
    const common = fleetRunOptions(options, io.stderr, 'apply')
    if (options.confirmWithin === undefined) {
      const results = queue
        ? (await fleet.run({ name: 'apply', argsOf: (host) => ({ document: documentOf(host) }) }, { ...common, queue })).map((r) => (r.value === undefined ? (r as HostResult<Applied>) : { ...r, value: appliedOf(r.value as Applied) }))
        : await fleet.run(async (sw, host, ctx) => appliedOf(await sw.apply(documentOf(host), { signal: ctx.signal })), common)
      process.exitCode = printResults(results, options, io, (v) => [{ changed: v.changed, lines: v.commands.length }])
      return
    }
    const result = await fleet.applyDesiredState(documentOf, { confirmWithinSeconds: options.confirmWithin, ...(options.confirmConcurrency === undefined ? {} : { confirmConcurrency: options.confirmConcurrency }), ...common, ...(queue ? { queue } : {}) })
    const format = outputFormatOf(options)
    if (format === 'json') io.stdout.write(formatJson(toJSONSafe({ ...result, hosts: result.hosts.map((h) => ({ ...h })) })))
    else if (format === 'ndjson') io.stdout.write(formatNdjson(result.hosts.map((h) => toJSONSafe({ ...h }))))
    else io.stdout.write(formatTable(result.hosts.map((h) => ({ host: h.host, status: h.status, final: h.final, lines: h.value?.commands.length, checks: h.checks.map((c) => `${c.name}:${c.passed ? 'ok' : 'FAILED'}`) }))))
    io.stderr.write(`${result.outcome}: ${result.reason}\n`)
    printFailures(result.hosts, options, io)
    const code = exitCodeOf(result.hosts)
    process.exitCode = result.outcome === 'confirmed' ? code : code === EXIT_CODES.ok ? EXIT_CODES.someHostsFailed : code
  })
}

/** What `apply` prints per host (in-process or from a worker's `apply` job). */
interface Applied {
  changed: boolean
  commands: string[]
  diff: string
}

function appliedOf(r: Applied): Applied {
  return { changed: r.changed, commands: r.commands, diff: r.diff }
}
