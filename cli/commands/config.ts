import type { Command } from 'commander'
import type { HostResult } from '../../fleet/index.js'
import { fleetOf, withFleetOptions, type FleetCommandOptions } from '../fleet-options.js'
import { exitCodeOf, printFailures, processIo, writeHostFiles, type CommandIo } from '../fleet-output.js'
import { formatTable } from '../format-table.js'
import { formatJson, formatNdjson, outputFormatOf } from '../output-format.js'
import { fleetRunOptions } from '../fleet-run-options.js'
import { queueOf, withQueueOptions, type QueueCommandOptions } from '../queue-options.js'

/** Adds `switchyard config`: backs up the running-config of every selected host, one file per host. */
export function registerConfigCommand(program: Command, io: CommandIo = processIo): void {
  withQueueOptions(withFleetOptions(
    program
      .command('config')
      .description('back up the running-config of each host to DIR/<host>.cfg')
      .requiredOption('-o, --output <dir>', 'folder for the files (created when missing)')
      .option('--all', 'with defaults (show running-config all)'),
  )).action(async (_opts: unknown, command: Command) => {
    const options = command.optsWithGlobals<FleetCommandOptions & QueueCommandOptions & { output: string; all?: boolean }>()
    const queue = queueOf(options, io.env)
    const hosts = await fleetOf(options, io.env)
    const runOptions = { kind: 'read', ...fleetRunOptions(options, io.stderr, 'config') } as const
    const all = options.all ? { all: true } : {}
    const results = queue
      ? (await hosts.run({ name: 'running-config', args: all }, { ...runOptions, queue })) as Array<HostResult<string>>
      : await hosts.run((sw, _host, ctx) => sw.runningConfig({ signal: ctx.signal, ...all }), runOptions)
    const saved = results.filter((r) => r.status === 'ok')
    const paths = await writeHostFiles(
      options.output,
      saved.map((r) => ({ host: r.host, name: `${r.host}.cfg`, text: r.value ?? '' })),
    )
    const rows = saved.map((r, i) => ({ host: r.host, file: paths[i], bytes: Buffer.byteLength(r.value ?? '') }))
    const records = results.map((r) => {
      const i = saved.indexOf(r)
      return i >= 0 ? { host: r.host, status: r.status, file: paths[i], bytes: rows[i]?.bytes, durationMs: r.durationMs, attempts: r.attempts } : { host: r.host, status: r.status, error: r.error, durationMs: r.durationMs, attempts: r.attempts }
    })
    const format = outputFormatOf(options)
    io.stdout.write(format === 'json' ? formatJson(records) : format === 'ndjson' ? formatNdjson(records) : formatTable(rows))
    printFailures(results, options, io)
    process.exitCode = exitCodeOf(results)
  })
}
