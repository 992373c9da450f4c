import type { CallOptions } from '../../src/driver.js'

/**
 * What the EOS dialect needs from a transport: run CLI commands in order, in privileged exec mode (the channel
 * enters `enable` itself), and return each command's output. eAPI and SSH both implement it.
 *
 * A rejected command throws a `CommandRejectedError` whose `index` is the command's position in `commands`. A
 * transport failure says in `requestSent` whether the commands may have reached the device.
 */
export interface CliChannel {
  /** Host label for errors (host:port; never credentials). */
  readonly host: string
  /** Runs the commands and returns each one's JSON model. */
  runJson(commands: readonly string[], options?: CallOptions): Promise<unknown[]>
  /** Runs the commands and returns each one's text output; stops at the first rejected command. */
  runText(commands: readonly string[], options?: CallOptions): Promise<string[]>
  /**
   * Runs configuration lines with as few round trips as the transport allows (eAPI: one request; SSH: one write),
   * returning each one's text output; the first rejected line is thrown. Lines after it may have run.
   */
  runTextBatch(commands: readonly string[], options?: CallOptions): Promise<string[]>
  /** A new, independent channel to the same device (own connections), e.g. to settle an interrupted change. */
  fresh(): CliChannel
  /** Releases the connection. */
  close(): Promise<void>
}
