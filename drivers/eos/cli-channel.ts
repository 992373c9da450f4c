import type { CallOptions } from '../../src/driver.js'

/**
 * What the EOS dialect needs from a transport: run CLI commands in order, in privileged exec mode (the channel
 * enters `enable` itself), and return each command's output. eAPI and SSH both implement it.
 *
 * A rejected command throws a `CommandRejectedError` whose `index` is the command's position in `commands`.
 */
export interface CliChannel {
  /** Host label for errors (host:port; never credentials). */
  readonly host: string
  /** Runs the commands and returns each one's JSON model. */
  runJson(commands: readonly string[], options?: CallOptions): Promise<unknown[]>
  /** Runs the commands and returns each one's text output. */
  runText(commands: readonly string[], options?: CallOptions): Promise<string[]>
  /** Releases the connection. */
  close(): Promise<void>
}
