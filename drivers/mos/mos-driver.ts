import { randomBytes } from 'node:crypto'
import { notOnThisPlatform, type ApplyOptions, type ApplyOutcome, type CallOptions, type Capabilities, type Driver, type DriverName } from '../../src/driver.js'
import type { Change } from '../../src/changes.js'
import { CommandRejectedError, CommitFailedError, UnsupportedError } from '../../src/errors.js'
import { configTextDiff } from '../../src/config-text-diff.js'
import type { Facts } from '../../src/model/facts.js'
import type { L1Port } from '../../src/model/l1.js'
import type { Metawatch, MetawatchCounters, SyncStatus } from '../../src/model/metawatch.js'
import type { CliChannel } from '../eos/cli-channel.js'
import { parseMosFacts } from './parse-mos-facts.js'
import { parseMosPorts } from './parse-mos-ports.js'
import { parseCoreCounters, parseMosCounters } from './parse-mos-counters.js'
import { parseMetawatch } from './parse-mos-config.js'
import { parseSyncStatus } from './parse-mos-sync.js'
import { renderMosChanges } from './render-mos-changes.js'
import { asLines, runShowCommands } from '../eos/raw-cli.js'

const FULL = { read: true, write: true } as const

/** What the MOS dialect offers on a 7130. */
export const MOS_CAPABILITIES: Capabilities = {
  facts: { read: true, write: false, note: 'facts are read-only' },
  vlans: notOnThisPlatform('VLANs are an EOS switch feature; a 7130 running MOS has none'),
  interfaces: notOnThisPlatform('a 7130 running MOS has no switchports; use l1.list()'),
  lags: notOnThisPlatform('port-channels are an EOS switch feature; a 7130 running MOS has none'),
  counters: notOnThisPlatform('MOS has no discard counters; use metawatch.counters() for port counters'),
  drops: notOnThisPlatform('use metawatch.counters(): per-core overflow drops'),
  buffers: notOnThisPlatform('a 7130 has no LANZ or hardware drop counters; use metawatch.counters(): per-core buffer use and overflow drops'),
  dhcpRelay: notOnThisPlatform('DHCP relay is an EOS switch feature'),
  l1: FULL,
  taps: FULL,
  metawatch: {
    read: true,
    write: true,
    note: "per-core counters come from 'show metawatch aggregation counters', this SDK's model of a command MOS does not document publicly; devices without it report no cores",
  },
  l3: notOnThisPlatform('a 7130 running MOS has no routed interfaces'),
  config: { read: true, write: true, note: "MOS prints the running-config whole: runningConfig() takes no 'all' or 'section' there" },
}

function eosOnly(feature: string): Promise<never> {
  return Promise.reject(new UnsupportedError({ driver: 'mos', feature, reason: 'not on a 7130 running MOS' }))
}

/**
 * The MOS dialect (Arista 7130, ex-Metamako) over any {@link CliChannel}. MOS has no configure sessions, so a change
 * saves a checkpoint of the running-config on flash, applies the lines, and on any failure copies the checkpoint
 * back: the device is left as it was. The diff is computed here from the running-config before and after.
 */
export class MosDriver implements Driver {
  readonly platform = 'mos' as const
  readonly capabilities = MOS_CAPABILITIES
  readonly commitTimer = false

  constructor(
    readonly name: DriverName,
    readonly channel: CliChannel,
  ) {}

  async facts(options?: CallOptions): Promise<Facts> {
    const [version, hostname] = await this.channel.runJson(['show version', 'show hostname'], options)
    return parseMosFacts(version, hostname)
  }

  async l1Ports(options?: CallOptions): Promise<L1Port[]> {
    const [status] = await this.channel.runJson(['show interfaces status'], options)
    return parseMosPorts(status)
  }

  async metawatch(options?: CallOptions): Promise<Metawatch> {
    const [config, status] = await this.channel.runJson(['show running-config', 'show interfaces status'], options)
    return parseMetawatch(config, parseMosPorts(status))
  }

  async metawatchCounters(options?: CallOptions): Promise<MetawatchCounters> {
    const [counters, errors] = await this.channel.runJson(['show interfaces counters', 'show interfaces counters errors'], options)
    let cores: MetawatchCounters['cores'] = []
    try {
      const [aggregation] = await this.channel.runJson(['show metawatch aggregation counters'], options)
      cores = parseCoreCounters(aggregation)
    } catch (error) {
      if (!(error instanceof CommandRejectedError)) throw error
    }
    return { ports: parseMosCounters(counters, errors), cores }
  }

  async syncStatus(options?: CallOptions): Promise<SyncStatus> {
    const [text] = await this.channel.runText(['show metawatch status'], options)
    return parseSyncStatus(text ?? '')
  }

  cli(commands: readonly string[], format: 'json' | 'text', options?: CallOptions): Promise<unknown[]> {
    return runShowCommands(this.channel, commands, format, options)
  }

  async runningConfig(query: { all?: boolean; section?: string }, options?: CallOptions): Promise<string> {
    if (query.all || query.section !== undefined) {
      throw new UnsupportedError({ driver: this.name, feature: 'runningConfig.' + (query.all ? 'all' : 'section'), reason: MOS_CAPABILITIES.config.note ?? '' })
    }
    const [text] = await this.channel.runText(['show running-config'], options)
    return asLines(text ?? '')
  }

  vlans = () => eosOnly('vlans')
  interfaces = () => eosOnly('interfaces')
  lags = () => eosOnly('lags')
  interfaceCounters = () => eosOnly('counters')
  dropCounters = () => eosOnly('drops')
  dhcpRelay = () => eosOnly('dhcpRelay')

  /**
   * One round trip: the running-config, a checkpoint to flash, the lines, the running-config again, and the
   * checkpoint deleted. A rejected line restores the checkpoint and names the line; a dry run only lists the lines
   * (MOS cannot compute a diff without applying).
   */
  async apply(changes: readonly Change[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
    if (options.confirmWithinSeconds !== undefined) {
      throw new UnsupportedError({ driver: this.name, feature: 'configure.confirmWithinSeconds', reason: 'MOS has no commit timer (no configure sessions)' })
    }
    const lines = renderMosChanges(changes)
    const notes = changes.some((c) => c.kind === 'metawatch.timesource' && c.restart)
      ? ['MetaWatch was running: it was shut down for the timesource change and started again']
      : []
    if (options.dryRun) {
      return { diff: '', commands: lines, applied: false, changed: lines.length > 0, notes: [...notes, 'MOS has no configure sessions: a dry run lists the lines and computes no diff'] }
    }
    const checkpoint = `switchyard-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
    const commands = ['show running-config', `copy running-config flash:${checkpoint}`, 'configure', ...lines, 'end', 'show running-config', `delete flash:${checkpoint}`]
    let outputs: string[]
    try {
      outputs = await this.channel.runText(commands, options)
    } catch (error) {
      const index = error instanceof CommandRejectedError ? error.index : -1
      if (index === 0 || index === 1) throw error
      await this.#restore(checkpoint, lines, error)
      if (error instanceof CommandRejectedError && index >= 3 && index < 3 + lines.length) {
        throw new CommandRejectedError(
          { command: lines[index - 3] as string, index: index - 3, deviceMessage: error.deviceMessage, ...(error.deviceCode === undefined ? {} : { deviceCode: error.deviceCode }) },
          { cause: error, host: this.channel.host },
        )
      }
      throw error
    }
    const diff = configTextDiff(outputs[0] ?? '', outputs[lines.length + 4] ?? '', { from: 'running-config (before)', to: 'running-config (after)' })
    return { diff, commands: lines, applied: true, changed: diff.trim() !== '', ...(notes.length > 0 ? { notes } : {}) }
  }

  async confirm(): Promise<void> {
    throw new UnsupportedError({ driver: this.name, feature: 'configure.confirm', reason: 'MOS has no commit timer' })
  }

  async rollback(): Promise<void> {
    throw new UnsupportedError({ driver: this.name, feature: 'configure.rollback', reason: 'MOS has no commit timer' })
  }

  close(): Promise<void> {
    return this.channel.close()
  }

  async #restore(checkpoint: string, lines: readonly string[], cause: unknown): Promise<void> {
    try {
      await this.channel.runText([`copy flash:${checkpoint} running-config`, `delete flash:${checkpoint}`], { timeoutMs: 30_000 })
    } catch (restoreError) {
      throw new CommitFailedError(
        `the change failed and restoring the checkpoint flash:${checkpoint} failed too; the device may be partly changed`,
        [...lines],
        { cause: restoreError instanceof Error ? restoreError : cause, host: this.channel.host },
      )
    }
  }
}
