import type { Command } from 'commander'
import { driftJson, formatDrift, type Plan } from '../../src/index.js'
import type { HostResult } from '../../fleet/index.js'
import { EXIT_CODES } from '../exit-codes.js'
import { fleetOf, withFleetOptions, type FleetCommandOptions } from '../fleet-options.js'
import { exitCodeOf, printFailures, printable, processIo, type CommandIo } from '../fleet-output.js'
import { formatTable } from '../format-table.js'
import { formatJson, formatNdjson, outputFormatOf } from '../output-format.js'
import { fleetRunOptions } from '../fleet-run-options.js'
import { queueOf, withQueueOptions, type QueueCommandOptions } from '../queue-options.js'
import { desiredStateOf } from './desired-files.js'

/** Adds `switchyard plan`: what applying the desired-state files would change on each host (the drift). */
export function registerPlanCommand(program: Command, io: CommandIo = processIo): void {
  withQueueOptions(withFleetOptions(
    program
      .command('plan')
      .description('show what applying the desired-state files in DIR (<host>.yaml, groups/<group>.yaml merged under it) would change')
      .argument('<dir>', 'folder of desired-state files')
      .option('--detailed-exitcode', 'exit 2 when some host differs from its desired state, 0 when none does (3 when a host failed)')
      .option('--device-diff', "also ask each device for its own diff (a dry-run configure session)"),
  )).action(async (dir: string, _opts: unknown, command: Command) => {
    const options = command.optsWithGlobals<FleetCommandOptions & QueueCommandOptions & { detailedExitcode?: boolean; deviceDiff?: boolean }>()
    const queue = queueOf(options, io.env)
    const { fleet, documentOf } = await desiredStateOf(await fleetOf(options, io.env), dir, io)
    const runOptions = { kind: 'read', ...fleetRunOptions(options, io.stderr, 'plan') } as const
    const results: Array<HostResult<Plan>> = queue
      ? (await fleet.run({ name: 'plan', argsOf: (host) => ({ document: documentOf(host), ...(options.deviceDiff ? { deviceDiff: true } : {}) }) }, { ...runOptions, queue })).map((r) =>
          // In-process a plan with drift makes its host `changed` (the task's value says `changed`); the queue task says `drift`.
          r.value === undefined ? (r as HostResult<Plan>) : { ...r, ...(planOfQueueValue(r.value).changed ? { status: 'changed' as const } : {}), value: planOfQueueValue(r.value) },
        )
      : await fleet.run((sw, host, ctx) => sw.plan(documentOf(host), { signal: ctx.signal, ...(options.deviceDiff ? { deviceDiff: true } : {}) }), runOptions)
    const records = results.map((r) => (r.value ? { ...printable({ ...r, value: undefined }), drift: driftJson(r.value) } : printable(r)))
    const format = outputFormatOf(options)
    if (format === 'json') io.stdout.write(formatJson(records))
    else if (format === 'ndjson') io.stdout.write(formatNdjson(records))
    else {
      for (const r of results) if (r.value?.changed) io.stdout.write(`== ${r.host}\n${formatDrift(r.value)}\n`)
      io.stdout.write(
        formatTable(
          results.filter((r) => r.value).map((r) => {
            const s = r.value ? driftJson(r.value).summary : undefined
            return { host: r.host, drift: r.value?.changed ? 'yes' : 'no', add: s?.add, change: s?.change, remove: s?.remove, lines: r.value?.lines.length }
          }),
        ),
      )
    }
    printFailures(results, options, io)
    const code = exitCodeOf(results)
    const drift = results.some((r) => r.value?.changed)
    process.exitCode = code !== EXIT_CODES.ok ? code : options.detailedExitcode && drift ? EXIT_CODES.driftFound : EXIT_CODES.ok
  })
}

/**
 * A plan as the `plan` queue task returns it (JSON: `drift` for `changed`, lines, resources, notes, basis and the
 * device's diff), as a `Plan` for the drift report, which reads only those fields.
 */
function planOfQueueValue(value: unknown): Plan {
  const v = value as { drift: boolean; lines: string[]; resources: Plan['resources']; notes: string[]; basis: string; deviceDiff?: string }
  return { changed: v.drift, lines: v.lines, resources: v.resources, notes: v.notes, basis: v.basis, ...(v.deviceDiff === undefined ? {} : { deviceDiff: v.deviceDiff }) } as Plan
}
