import type { Command } from 'commander'
import { fleetOf, withFleetOptions, type FleetCommandOptions } from '../fleet-options.js'
import { exitCodeOf, printFailures, processIo, writeHostFiles, type CommandIo } from '../fleet-output.js'
import { formatTable } from '../format-table.js'
import { formatJson, formatNdjson, outputFormatOf } from '../output-format.js'
import { fleetRunOptions } from '../fleet-run-options.js'

/** Adds `switchyard config`: backs up the running-config of every selected host, one file per host. */
export function registerConfigCommand(program: Command, io: CommandIo = processIo): void {
  withFleetOptions(
    program
      .command('config')
      .description('back up the running-config of each host to DIR/<host>.cfg')
      .requiredOption('-o, --output <dir>', 'folder for the files (created when missing)')
      .option('--all', 'with defaults (show running-config all)'),
  ).action(async (_opts: unknown, command: Command) => {
    const options = command.optsWithGlobals<FleetCommandOptions & { output: string; all?: boolean }>()
    const hosts = await fleetOf(options, io.env)
    const results = await hosts.run((sw, _host, ctx) => sw.runningConfig({ signal: ctx.signal, ...(options.all ? { all: true } : {}) }), { kind: 'read', ...fleetRunOptions(options, io.stderr, 'config') })
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
