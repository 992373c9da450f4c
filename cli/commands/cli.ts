import type { Command } from 'commander'
import { fleetOf, withFleetOptions, type FleetCommandOptions } from '../fleet-options.js'
import { printFailures, exitCodeOf, printable, processIo, type CommandIo } from '../fleet-output.js'
import { formatJson, formatNdjson, outputFormatOf } from '../output-format.js'
import { fleetRunOptions } from '../fleet-run-options.js'

/** Adds `switchyard cli`: runs read-only `show` commands on every selected host. */
export function registerCliCommand(program: Command, io: CommandIo = processIo): void {
  withFleetOptions(
    program
      .command('cli')
      .description("run read-only show commands on each host (anything else, and any '|' or '?', is refused before sending)")
      .argument('<commands...>', "show commands, each one argument: 'show version' 'show vlan'")
      .option('--text', 'the text output instead of the JSON model'),
  ).action(async (commands: string[], _opts: unknown, command: Command) => {
    const options = command.optsWithGlobals<FleetCommandOptions & { text?: boolean }>()
    const hosts = await fleetOf(options, io.env)
    const results = await hosts.run(
      (sw, _host, ctx) => (options.text ? sw.cli(commands, { format: 'text', signal: ctx.signal }) : sw.cli(commands, { signal: ctx.signal })),
      { kind: 'read', ...fleetRunOptions(options, io.stderr, 'cli') },
    )
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
