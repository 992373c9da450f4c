import type { Command } from 'commander'
import { stringify } from 'yaml'
import { SECTION_NAMES, type SectionName } from '../../src/index.js'
import { fleetOf, withFleetOptions, type FleetCommandOptions } from '../fleet-options.js'
import { exitCodeOf, printFailures, processIo, writeHostFiles, type CommandIo } from '../fleet-output.js'
import { formatTable } from '../format-table.js'
import { formatJson, formatNdjson, outputFormatOf } from '../output-format.js'
import { fleetRunOptions } from '../fleet-run-options.js'
import { queueOf, withQueueOptions, type QueueCommandOptions } from '../queue-options.js'

/** Adds `switchyard gather`: each host's current state as a desired-state file, DIR/<host>.yaml. */
export function registerGatherCommand(program: Command, io: CommandIo = processIo): void {
  withQueueOptions(withFleetOptions(
    program
      .command('gather')
      .description('write the current state of each host as a desired-state document, DIR/<host>.yaml (applying it changes nothing)')
      .requiredOption('-o, --output <dir>', 'folder for the files (created when missing)')
      .option('--sections <list>', `comma-separated sections to gather (${SECTION_NAMES.join(', ')}); default all the platform has`),
  )).action(async (_opts: unknown, command: Command) => {
    const options = command.optsWithGlobals<FleetCommandOptions & QueueCommandOptions & { output: string; sections?: string }>()
    const queue = queueOf(options, io.env)
    const sections = options.sections?.split(',').map((s) => s.trim()) as SectionName[] | undefined
    const hosts = await fleetOf(options, io.env)
    const runOptions = { kind: 'read', ...fleetRunOptions(options, io.stderr, 'gather') } as const
    const results = queue
      ? await hosts.run({ name: 'gather', args: sections ? { sections } : {} }, { ...runOptions, queue })
      : await hosts.run<unknown>((sw, _host, ctx) => sw.gather(sections, { signal: ctx.signal }), runOptions)
    const done = results.filter((r) => r.status === 'ok')
    const paths = await writeHostFiles(
      options.output,
      done.map((r) => ({ host: r.host, name: `${r.host}.yaml`, text: stringify(r.value, { lineWidth: 0 }) })),
    )
    const records = done.map((r, i) => ({ host: r.host, status: r.status, file: paths[i] }))
    const format = outputFormatOf(options)
    io.stdout.write(format === 'json' ? formatJson(records) : format === 'ndjson' ? formatNdjson(records) : formatTable(records))
    printFailures(results, options, io)
    process.exitCode = exitCodeOf(results)
  })
}
