import { randomBytes } from 'node:crypto'
import { notOnThisPlatform, type ApplyOptions, type ApplyOutcome, type CallOptions, type Capabilities, type Driver, type DriverName } from '../../src/driver.js'
import type { Change } from '../../src/changes.js'
import type { Facts } from '../../src/model/facts.js'
import type { Vlan } from '../../src/model/vlan.js'
import type { Interface } from '../../src/model/interface.js'
import type { Lag } from '../../src/model/lag.js'
import type { DropCounters, InterfaceCounters, QueueDropSource } from '../../src/model/counters.js'
import type { DhcpRelay } from '../../src/model/dhcp-relay.js'
import { CommandRejectedError, CommitExpiredError } from '../../src/errors.js'
import type { CleanupOptions, SessionOutcome } from '../../src/driver.js'
import { applyInSession } from './session-apply.js'
import { SETTLE_TIMEOUT_MS, listSessions, newSessionName, readSessionOutcome, sessionOpenedAt } from './session-outcome.js'
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
import type { IpInterface } from '../../src/model/ip-interface.js'
import { NO_IPV6_INTERFACES, parseIpInterfaces } from './parse-ip-interfaces.js'
import { readRunningConfig, runShowCommands } from './raw-cli.js'
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
  l3: FULL,
  config: FULL,
}

const QUEUE_COMMANDS: ReadonlyArray<{ source: Exclude<QueueDropSource, 'none'>; command: string }> = [
  { source: 'voq', command: 'show interfaces counters queue drops' },
  { source: 'egress-queue', command: 'show interfaces counters queue detail' },
]


/**
 * The EOS dialect over any {@link CliChannel}: reads batch their commands into one round trip, and every change runs
 * in its own uniquely named configure session that is committed whole or aborted.
 */
export class EosDriver implements Driver {
  readonly platform = 'eos' as const
  readonly capabilities = EOS_CAPABILITIES
  readonly commitTimer = true
  #queueSource: QueueDropSource | undefined
  readonly #toAbort = new Set<string>()
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

  /** Whether the platform has LANZ; asked once (`show queue-monitor length status`) and kept. */
  lanzAvailable(options?: CallOptions): Promise<boolean> {
    this.#bufferReader ??= new EosBufferReader(this.channel, this.name)
    return this.#bufferReader.lanzAvailable(options)
  }

  async dhcpRelay(options?: CallOptions): Promise<DhcpRelay> {
    const [relay, config] = await this.channel.runJson(['show ip dhcp relay', 'show running-config'], options)
    return parseDhcpRelay(relay, parseRunningConfigTree(config))
  }

  /** Layer 3 from `show ip interface` and `show ipv6 interface` (which EOS refuses when no interface has IPv6). */
  async ipInterfaces(options?: CallOptions): Promise<IpInterface[]> {
    try {
      const [v4, v6] = await this.channel.runJson(['show ip interface', 'show ipv6 interface'], options)
      return parseIpInterfaces(v4, v6)
    } catch (error) {
      if (!(error instanceof CommandRejectedError && error.index === 1 && NO_IPV6_INTERFACES.test(error.deviceMessage))) throw error
      const [v4] = await this.channel.runJson(['show ip interface'], options)
      return parseIpInterfaces(v4)
    }
  }

  cli(commands: readonly string[], format: 'json' | 'text', options?: CallOptions): Promise<unknown[]> {
    return runShowCommands(this.channel, commands, format, options)
  }

  runningConfig(query: { all?: boolean; section?: string }, options?: CallOptions): Promise<string> {
    return readRunningConfig(this.channel, query, options)
  }

  /**
   * One configure session per call, staged, checked, committed with a timer and confirmed (see
   * {@link applyInSession}): every call ends applied, not applied with the device as before, or `OutcomeUnknownError`.
   * Sessions an earlier call could not abort are aborted first.
   */
  async apply(changes: readonly Change[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
    const lines = renderChanges(changes)
    await this.#abortRemembered(options)
    return applyInSession({ channel: this.channel, session: newSessionName(randomBytes(3).toString('hex')), lines, options, remember: (s) => this.#toAbort.add(s) })
  }

  async confirm(sessionName: string, options?: CallOptions): Promise<void> {
    try {
      await this.channel.runText([`configure session ${sessionName} commit`], options)
    } catch (error) {
      throw await this.#explainTimerStep(error, sessionName, 'confirm', options)
    }
  }

  async rollback(sessionName: string, options?: CallOptions): Promise<void> {
    try {
      await this.channel.runText([`configure session ${sessionName} abort`], options)
    } catch (error) {
      throw await this.#explainTimerStep(error, sessionName, 'roll back', options)
    }
  }

  async sessionOutcome(sessionName: string, options?: CallOptions): Promise<SessionOutcome> {
    const side = this.channel.fresh()
    try {
      return await readSessionOutcome(side, sessionName, { timeoutMs: options?.timeoutMs ?? SETTLE_TIMEOUT_MS, ...(options?.signal ? { signal: options.signal } : {}) })
    } finally {
      await side.close().catch(() => undefined)
    }
  }

  async cleanupSessions(options: CleanupOptions = {}): Promise<string[]> {
    const olderThanMs = (options.olderThanSeconds ?? 600) * 1000
    const call = { ...(options.signal ? { signal: options.signal } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }
    const now = Date.now()
    const stale = (await listSessions(this.channel, call)).filter((s) => {
      const opened = sessionOpenedAt(s.name)
      return s.state === 'pending' && opened !== undefined && now - opened >= olderThanMs
    })
    const aborted: string[] = []
    for (const s of stale) {
      try {
        await this.channel.runText([`configure session ${s.name} abort`], call)
        aborted.push(s.name)
        this.#toAbort.delete(s.name)
      } catch (error) {
        if (!(error instanceof CommandRejectedError)) throw error
      }
    }
    return aborted
  }

  /** Sessions this driver staged but could not abort (the device was unreachable); aborted at the next change. */
  get sessionsToAbort(): string[] {
    return [...this.#toAbort]
  }

  async #abortRemembered(options: CallOptions): Promise<void> {
    for (const session of [...this.#toAbort]) {
      try {
        await this.channel.runText([`configure session ${session} abort`], { timeoutMs: Math.min(options.timeoutMs ?? SETTLE_TIMEOUT_MS, SETTLE_TIMEOUT_MS) })
        this.#toAbort.delete(session)
      } catch (error) {
        if (error instanceof CommandRejectedError) this.#toAbort.delete(session)
        else return
      }
    }
  }

  async #explainTimerStep(error: unknown, sessionName: string, step: string, options?: CallOptions): Promise<unknown> {
    if (!(error instanceof CommandRejectedError)) return error
    let outcome: SessionOutcome | undefined
    try {
      outcome = await this.sessionOutcome(sessionName, options)
    } catch {
      return error
    }
    if (outcome.state === 'absent') {
      return new CommitExpiredError(
        `cannot ${step} session ${sessionName}: it is no longer pending on ${this.channel.host} — its commit timer ran out (the device rolled the change back) or it was rolled back already`,
        sessionName,
        { cause: error, host: this.channel.host },
      )
    }
    if (outcome.state === 'completed') {
      return new CommitExpiredError(`cannot ${step} session ${sessionName}: it was confirmed already`, sessionName, { cause: error, host: this.channel.host })
    }
    return error
  }

  close(): Promise<void> {
    return this.channel.close()
  }
}
