import type { DeviceConfig } from '../device-config.js'
import { CliError } from './cli-error.js'
import type { CliHost } from './cli-host.js'
import { matchCommand, type CommandResult, type CommandSpec, type NoMatch } from './command-grammar.js'
import { EXEC_COMMANDS } from './exec-commands.js'
import { CONFIG_COMMANDS, DHCP_RELAY_COMMANDS, INTERFACE_COMMANDS, VLAN_COMMANDS } from './config-commands.js'
import { SHOW_COMMANDS } from './show-commands.js'
import { MOS_APP_COMMANDS, MOS_CONFIG_COMMANDS, MOS_EXEC_COMMANDS, MOS_INTERFACE_COMMANDS, MOS_SHOW_COMMANDS } from './mos-commands.js'
import { shortInterfaceName } from '../../src/interface-names.js'
import { configFingerprint } from '../config-fingerprint.js'
import { stringifyWithBigInts } from '../json-with-bigints.js'
import { applyTextPipes, keepsJsonModel, splitPipes } from './output-pipes.js'
import { commandText } from './command-text.js'

/** The CLI mode a session is in. */
export type CliMode =
  | { kind: 'exec' }
  | { kind: 'config' }
  | { kind: 'vlan'; ids: number[] }
  | { kind: 'if'; names: string[] }
  | { kind: 'dhcp-relay' }
  | { kind: 'app'; name: string }

/**
 * One CLI session on a mock switch: what an eAPI request or an SSH shell gets. It tracks the privilege level, the mode
 * and the configure session being edited, and runs each line through the command tables of its mode with EOS's
 * abbreviation rules and error texts. Configuration commands change the running-config at once (`configure`) or
 * the session's copy (`configure session`).
 */
export class CliSession {
  privileged: boolean
  mode: CliMode = { kind: 'exec' }
  /** Name of the configure session being edited, when in one. */
  sessionName: string | undefined
  terminalLength = 24
  terminalWidth = 80

  constructor(
    readonly host: CliHost,
    options: { privileged?: boolean; log?: boolean } = {},
  ) {
    this.privileged = options.privileged ?? false
    this.#log = options.log ?? true
  }

  readonly #log: boolean

  /** The configuration that configuration commands change now. */
  target(): DeviceConfig {
    if (this.sessionName === undefined) return this.host.running
    const session = this.host.sessions.get(this.sessionName)
    if (!session || session.state !== 'pending') throw new CliError(`Session ${this.sessionName} is no longer pending`, 1000)
    return session.config
  }

  /**
   * Runs one line. `input` answers an interactive prompt (the enable password). Throws {@link CliError}. A line of a
   * plain `configure` (no session) edits the running-config in place, so the device is marked changed when, and
   * only when, the running-config differs afterwards; exec commands that replace it (a commit, a rollback) do so
   * through `host.running`, which compares too. Reads never mark a change.
   *
   * Output modifiers (`| section`, `| include`, `| exclude`, `| begin`, `| count`, `| json`, `| no-more`) are applied
   * here, so every face (console, eAPI, SSH) gets the same: the result's text is filtered, and a text filter leaves
   * the result without a JSON model, so eAPI's JSON format answers it with error 1003 `unconverted command`. (The
   * reference notes leave open what EOS answers for a piped command in JSON format, and no public recording was
   * found; NAPALM and ansible always send piped commands as text. 1003 is the answer EOS gives for every command
   * whose output exists only as text, which is what a filtered output is.)
   */
  execute(line: string, input?: string): CommandResult {
    if (line.trim() === '') return { json: () => ({}), text: () => '' }
    this.#logLine(line)
    for (const rejection of this.host.rejections) {
      if (rejection.match.test(line.trim())) throw new CliError(rejection.message)
    }
    if (line.includes('|')) {
      const piped = splitPipes(line)
      if (piped.pipes.length > 0) {
        const result = this.#execute(piped.command, input)
        const asJson = piped.pipes.some((p) => p.kind === 'json')
        const text = (): string => {
          if (asJson) {
            if (!result.json) throw new CliError('This is an unconverted command', 1003)
            return applyTextPipes(`${stringifyWithBigInts(result.json(), 4)}\n`, piped.pipes)
          }
          return applyTextPipes(commandText(result), piped.pipes)
        }
        const json = result.json
        return keepsJsonModel(piped.pipes) && json ? { json, text } : { text }
      }
    }
    return this.#execute(line, input)
  }

  #logLine(line: string): void {
    if (!this.#log) return
    const log = this.host.commandLog
    log.push(clipLogged(line.trim()))
    if (log.length > 20_000) log.splice(0, log.length - 10_000)
  }

  #execute(line: string, input: string | undefined): CommandResult {
    const words = line.trim().split(/\s+/).filter((w) => w !== '')
    let furthest: NoMatch | undefined
    for (const { specs, leaveTo } of this.#tables()) {
      const match = matchCommand(specs, words)
      if ('message' in match) {
        if (!furthest || match.token > furthest.token) furthest = match
        continue
      }
      if (match.spec.privileged && !this.privileged) throw new CliError('Invalid input (privileged mode required)')
      const editsRunning = this.sessionName === undefined && this.mode.kind !== 'exec' && specs !== SHOW_COMMANDS && specs !== MOS_SHOW_COMMANDS
      const before = editsRunning ? configFingerprint(this.host.running) : undefined
      if (leaveTo) this.mode = leaveTo
      try {
        return match.spec.run(this, { ...match.args, ...(input === undefined ? {} : { input }) })
      } finally {
        if (before !== undefined && configFingerprint(this.host.running) !== before) this.host.touch()
      }
    }
    throw new CliError(furthest?.message ?? `Invalid input (at token 0: '${words[0]}')`)
  }

  /** The prompt EOS shows in this mode, e.g. `sw1(config-s-demo-if-Et1)#`. */
  prompt(): string {
    const host = this.host.running.hostname
    if (this.mode.kind === 'exec') return `${host}${this.privileged ? '#' : '>'}`
    const base = this.sessionName === undefined ? 'config' : `config-s-${this.sessionName.slice(0, 6)}`
    const suffix =
      this.mode.kind === 'config'
        ? ''
        : this.mode.kind === 'vlan'
          ? `-vlan-${this.mode.ids.join(',')}`
          : this.mode.kind === 'if'
            ? `-if-${this.mode.names.map(shortInterfaceName).join(',')}`
            : this.mode.kind === 'app'
              ? `-app-${this.mode.name}`
              : '-dhcp-relay'
    return `${host}(${base}${suffix})#`
  }

  /** Leaves configuration: back to exec; a configure session stays pending. */
  leaveConfig(): void {
    this.mode = { kind: 'exec' }
    this.sessionName = undefined
  }

  #tables(): Array<{ specs: ReadonlyArray<CommandSpec<CliSession>>; leaveTo?: CliMode }> {
    if (this.host.platform === 'mos') return this.#mosTables()
    switch (this.mode.kind) {
      case 'exec':
        return [{ specs: EXEC_COMMANDS }, { specs: SHOW_COMMANDS }]
      case 'config':
        return [{ specs: CONFIG_COMMANDS }, { specs: SHOW_COMMANDS }]
      default: {
        const own = this.mode.kind === 'vlan' ? VLAN_COMMANDS : this.mode.kind === 'if' ? INTERFACE_COMMANDS : this.mode.kind === 'app' ? [] : DHCP_RELAY_COMMANDS
        return [{ specs: own }, { specs: CONFIG_COMMANDS, leaveTo: { kind: 'config' } }, { specs: SHOW_COMMANDS }]
      }
    }
  }

  #mosTables(): Array<{ specs: ReadonlyArray<CommandSpec<CliSession>>; leaveTo?: CliMode }> {
    switch (this.mode.kind) {
      case 'exec':
        return [{ specs: MOS_EXEC_COMMANDS }, { specs: MOS_SHOW_COMMANDS }]
      case 'config':
        return [{ specs: MOS_CONFIG_COMMANDS }, { specs: MOS_SHOW_COMMANDS }]
      default: {
        const own = this.mode.kind === 'app' ? MOS_APP_COMMANDS : MOS_INTERFACE_COMMANDS
        return [{ specs: own }, { specs: MOS_CONFIG_COMMANDS, leaveTo: { kind: 'config' } }, { specs: MOS_SHOW_COMMANDS }]
      }
    }
  }
}

/** The longest line kept whole in the command log; longer lines keep their start (the log stays bounded in bytes). */
const MAX_LOGGED_LINE = 2048

function clipLogged(line: string): string {
  // A copy, not a slice: a slice would keep the whole long line alive in the log.
  return line.length > MAX_LOGGED_LINE ? Buffer.from(`${line.slice(0, MAX_LOGGED_LINE)}…`).toString() : line
}
