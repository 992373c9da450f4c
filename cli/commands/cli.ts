import type { Command } from 'commander'
import type { HostResult } from '../../fleet/index.js'
import { fleetOf, withFleetOptions, type FleetCommandOptions } from '../fleet-options.js'
import { printFailures, exitCodeOf, printable, processIo, type CommandIo } from '../fleet-output.js'
import { formatJson, formatNdjson, outputFormatOf } from '../output-format.js'
import { fleetRunOptions } from '../fleet-run-options.js'
import { queueOf, withQueueOptions, type QueueCommandOptions } from '../queue-options.js'

/** Adds `switchyard cli`: runs read-only `show` commands on every selected host. */
export function registerCliCommand(program: Command, io: CommandIo = processIo): void {
  withQueueOptions(withFleetOptions(
    program
      .command('cli')
      .description("run read-only show commands on each host (anything else, and any '|' or '?', is refused before sending)")
      .argument('<commands...>', "show commands, each one argument: 'show version' 'show vlan'")
      .option('--text', 'the text output instead of the JSON model'),
  )).action(async (commands: string[], _opts: unknown, command: Command) => {
    const options = command.optsWithGlobals<FleetCommandOptions & QueueCommandOptions & { text?: boolean }>()
    const queue = queueOf(options, io.env)
    const hosts = await fleetOf(options, io.env)
    const runOptions = { kind: 'read', ...fleetRunOptions(options, io.stderr, 'cli') } as const
    const results = queue
      ? (await hosts.run({ name: 'show', args: { commands, ...(options.text ? { text: true } : {}) } }, { ...runOptions, queue })) as Array<HostResult<unknown[]>>
      : await hosts.run<unknown[]>((sw, _host, ctx) => (options.text ? sw.cli(commands, { format: 'text', signal: ctx.signal }) : sw.cli(commands, { signal: ctx.signal })), runOptions)
    const format = outputFormatOf(options)
    if (format === 'json') io.stdout.write(formatJson(results.map(printable)))
    else if (format === 'ndjson') io.stdout.write(formatNdjson(results.map(printable)))
    else {
      for (const r of results) {
        if (r.status !== 'ok') continue
        for (const [i, answer] of (r.value ?? []).entries()) {
          io.stdout.write(`== ${r.host}: ${commands[i] ?? ''}\n${typeof answer === 'string' ? answer : formatJson(answer)}`)
          if (typeof answer === 'string' && !answer.endsWith('\n')) io.stdout.write('\n')
        }
      }
    }
    printFailures(results, options, io)
    process.exitCode = exitCodeOf(results)
  })
}
