import { randomBytes } from 'node:crypto'
import { notOnThisPlatform, type ApplyOptions, type ApplyOutcome, type CallOptions, type Capabilities, type Driver, type DriverName } from '../../src/driver.js'
import type { Change } from '../../src/changes.js'
import type { Facts } from '../../src/model/facts.js'
import type { Vlan } from '../../src/model/vlan.js'
import type { Interface } from '../../src/model/interface.js'
import type { Lag } from '../../src/model/lag.js'
import type { DropCounters, InterfaceCounters, QueueDropSource } from '../../src/model/counters.js'
import type { DhcpRelay } from '../../src/model/dhcp-relay.js'
import { CommandRejectedError, CommitFailedError } from '../../src/errors.js'
import type { CliChannel } from './cli-channel.js'
import { parseFacts } from './parse-facts.js'
import { parseVlans } from './parse-vlans.js'
import { parseInterfaces } from './parse-interfaces.js'
import { parseLags } from './parse-lags.js'
import { parseInterfaceCounters } from './parse-counters.js'
import { isUnsupportedPlatformError, parseDiscards, parseEgressQueueDrops, parseVoqDrops } from './parse-drops.js'
import { parseDhcpRelay } from './parse-dhcp-relay.js'
import { parseRunningConfigTree } from './running-config-tree.js'
import { renderChanges } from './render-changes.js'
import { EosBufferReader } from './read-buffers.js'
import type { BufferCounters, LanzConfig } from '../../src/model/buffers.js'

const FULL = { read: true, write: true } as const

/** What the EOS dialect offers on any CLI channel. */
export const EOS_CAPABILITIES: Capabilities = {
  facts: { read: true, write: false, note: 'facts are read-only' },
  vlans: FULL,
  interfaces: FULL,
  lags: FULL,
  counters: { read: true, write: false, note: 'counters are read-only' },
  drops: { read: true, write: false, note: 'counters are read-only' },
  buffers: { read: true, write: true, note: 'LANZ and hardware drop counters where the platform has them (the source says which); writes configure LANZ' },
  dhcpRelay: FULL,
  l1: notOnThisPlatform('the L1 crosspoint is a 7130 (MOS) feature'),
  taps: notOnThisPlatform('L1 taps are a 7130 (MOS) feature'),
  metawatch: notOnThisPlatform('MetaWatch is a 7130 (MOS) application'),
}

const QUEUE_COMMANDS: ReadonlyArray<{ source: Exclude<QueueDropSource, 'none'>; command: string }> = [
  { source: 'voq', command: 'show interfaces counters queue drops' },
  { source: 'egress-queue', command: 'show interfaces counters queue detail' },
]

/** `hh:mm:ss` for `commit timer`. */
export function commitTimerText(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`
}

/**
 * The EOS dialect over any {@link CliChannel}: reads batch their commands into one round trip, and every change runs
 * in its own uniquely named configure session that is committed whole or aborted.
 */
export class EosDriver implements Driver {
  readonly platform = 'eos' as const
  readonly capabilities = EOS_CAPABILITIES
  readonly commitTimer = true
  #queueSource: QueueDropSource | undefined
  #bufferReader: EosBufferReader | undefined

  constructor(
    readonly name: DriverName,
    readonly channel: CliChannel,
  ) {}

  async facts(options?: CallOptions): Promise<Facts> {
    const [version, hostname] = await this.channel.runJson(['show version', 'show hostname'], options)
    return parseFacts(version, hostname)
  }

  async vlans(options?: CallOptions): Promise<Vlan[]> {
    const [vlan] = await this.channel.runJson(['show vlan'], options)
    return parseVlans(vlan)
  }

  async interfaces(options?: CallOptions): Promise<Interface[]> {
    const [interfaces, switchport] = await this.channel.runJson(['show interfaces', 'show interfaces switchport'], options)
    return parseInterfaces(interfaces, switchport)
  }

  async lags(options?: CallOptions): Promise<Lag[]> {
    const [portChannel, config] = await this.channel.runJson(['show port-channel detailed', 'show running-config'], options)
    return parseLags(portChannel, parseRunningConfigTree(config))
  }

  async interfaceCounters(options?: CallOptions): Promise<InterfaceCounters[]> {
    const [counters, errors] = await this.channel.runJson(['show interfaces counters', 'show interfaces counters errors'], options)
    return parseInterfaceCounters(counters, errors)
  }

  /**
   * Discards of every interface plus queue drops. Which queue command the platform has is learned once: VOQ
   * platforms answer `queue drops`, others `queue detail`; an unsupported-platform error from both means the
   * platform has no queue counters (`queueSource: 'none'`), not a failure.
   */
  async dropCounters(options?: CallOptions): Promise<DropCounters> {
    const candidates = this.#queueSource === undefined ? QUEUE_COMMANDS : QUEUE_COMMANDS.filter((q) => q.source === this.#queueSource)
    for (const candidate of candidates) {
      try {
        const [d, queue] = await this.channel.runJson(['show interfaces counters discards', candidate.command], options)
        this.#queueSource = candidate.source
        const queues = candidate.source === 'voq' ? parseVoqDrops(queue) : parseEgressQueueDrops(queue)
        return { interfaces: parseDiscards(d), queues, queueSource: candidate.source }
      } catch (error) {
        if (!(error instanceof CommandRejectedError && error.index === 1 && isUnsupportedPlatformError(error.deviceMessage))) throw error
      }
    }
    this.#queueSource = 'none'
    const [discards] = await this.channel.runJson(['show interfaces counters discards'], options)
    return { interfaces: parseDiscards(discards), queues: [], queueSource: 'none' }
  }

  /** LANZ records and hardware drop counters; which the platform has is learned on the first call and kept. */
  bufferCounters(options?: CallOptions): Promise<BufferCounters> {
    this.#bufferReader ??= new EosBufferReader(this.channel, this.name)
    return this.#bufferReader.read(options)
  }

  /** LANZ on or off and its thresholds per port. */
  lanzConfig(options?: CallOptions): Promise<LanzConfig> {
    this.#bufferReader ??= new EosBufferReader(this.channel, this.name)
    return this.#bufferReader.lanzConfig(options)
  }

  async dhcpRelay(options?: CallOptions): Promise<DhcpRelay> {
    const [relay, config] = await this.channel.runJson(['show ip dhcp relay', 'show running-config'], options)
    return parseDhcpRelay(relay, parseRunningConfigTree(config))
  }

  /**
   * One configure session per call: the rendered lines, the device's diff, then `commit`, `commit timer` or `abort`
   * (dry run), in one round trip. A rejected line or a failed commit aborts the session, so the running-config is
   * left exactly as it was, and the error names the line and carries the device's message.
   */
  async apply(changes: readonly Change[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
    const lines = renderChanges(changes)
    const session = `switchyard-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
    const finish = options.dryRun
      ? 'abort'
      : options.confirmWithinSeconds !== undefined
        ? `commit timer ${commitTimerText(options.confirmWithinSeconds)}`
        : 'commit'
    const commands = [`configure session ${session}`, ...lines, 'show session-config diffs', finish]
    let outputs: string[]
    try {
      outputs = await this.channel.runText(commands, options)
    } catch (error) {
      await this.#abortQuietly(session)
      throw this.#explainFailure(error, lines, commands.length - 1)
    }
    const diff = outputs[lines.length + 1] ?? ''
    const outcome: ApplyOutcome = { diff: diff.trimEnd() + (diff.trim() ? '\n' : ''), commands: lines, applied: !options.dryRun }
    if (options.confirmWithinSeconds !== undefined && !options.dryRun) {
      outcome.pending = { sessionName: session, rollsBackInSeconds: options.confirmWithinSeconds }
    }
    return outcome
  }

  async confirm(sessionName: string, options?: CallOptions): Promise<void> {
    await this.channel.runText([`configure session ${sessionName} commit`], options)
  }

  async rollback(sessionName: string, options?: CallOptions): Promise<void> {
    await this.channel.runText([`configure session ${sessionName} abort`], options)
  }

  close(): Promise<void> {
    return this.channel.close()
  }

  async #abortQuietly(session: string): Promise<void> {
    try {
      await this.channel.runText([`configure session ${session} abort`], { timeoutMs: 10_000 })
    } catch {
      // The session may never have been opened, or the device is unreachable; an uncommitted session changes nothing.
    }
  }

  #explainFailure(error: unknown, lines: readonly string[], finishIndex: number): unknown {
    if (!(error instanceof CommandRejectedError)) return error
    if (error.index >= 1 && error.index <= lines.length) {
      return new CommandRejectedError(
        { command: lines[error.index - 1] as string, index: error.index - 1, deviceMessage: error.deviceMessage, ...(error.deviceCode === undefined ? {} : { deviceCode: error.deviceCode }) },
        { cause: error, host: this.channel.host },
      )
    }
    if (error.index === finishIndex) {
      return new CommitFailedError(`commit failed and the session was aborted: ${error.deviceMessage}`, lines, { cause: error, host: this.channel.host })
    }
    return error
  }
}
