import snmp from 'net-snmp'
import { notOnThisPlatform, type ApplyOptions, type ApplyOutcome, type CallOptions, type Capabilities, type CounterWidths, type Driver } from '../../src/driver.js'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import type { Change } from '../../src/changes.js'
import type { DhcpRelay } from '../../src/model/dhcp-relay.js'
import { AuthorizationError, CommandRejectedError, CommitFailedError, OutcomeUnknownError, TimeoutError, UnsupportedError } from '../../src/errors.js'
import { OIDS } from './mib-oids.js'
import { SetRejected, SnmpSession, type ReadLimits } from './snmp-session.js'
import { readCounters, readDrops, readFacts, readInterfaceNames, readInterfaces, readLags, readVlans } from './snmp-reads.js'
import { planSnmpWrites, setsInEffect, type PlannedSet } from './snmp-writes.js'

const VIA = "driver: 'eapi' or 'ssh'"

/** What SNMP can do on EOS (reference/snmp.md §1.6). */
export const SNMP_CAPABILITIES: Capabilities = {
  facts: { read: true, write: false, note: 'facts are read-only' },
  vlans: { read: true, write: true, note: 'create and delete only; VLAN names and state need eAPI or SSH' },
  interfaces: { read: true, write: true, note: 'description, admin state and access VLAN only; switchport mode and trunks need eAPI or SSH' },
  lags: { read: true, write: false, note: 'EOS does not configure port-channels over SNMP; min-links is not readable' },
  counters: { read: true, write: false, note: 'counters are read-only' },
  drops: { read: true, write: false, note: 'per-queue drops come from ARISTA-QUEUE-MIB where the platform fills it (VOQ drops need eAPI or SSH)' },
  buffers: {
    read: false,
    write: false,
    note: 'no MIB carries LANZ or hardware drop counters: ARISTA-QUEUE-MIB gives per-queue drops only (counters.drops()); LANZ needs eAPI or SSH',
  },
  dhcpRelay: { read: false, write: false, note: 'no MIB carries DHCP relay on EOS' },
  l1: notOnThisPlatform('the SNMP driver speaks to EOS switches; the 7130 L1 crosspoint needs eAPI or SSH'),
  taps: notOnThisPlatform('the SNMP driver speaks to EOS switches; 7130 taps need eAPI or SSH'),
  metawatch: notOnThisPlatform('the SNMP driver speaks to EOS switches; MetaWatch needs eAPI or SSH'),
  l3: { read: false, write: false, note: 'interface addresses and VRFs are read and written with eAPI or SSH (EOS does not configure them over SNMP)' },
  config: { read: false, write: false, note: 'SNMP has no CLI: cli(), runningConfig(), tx.lines() and replaceConfig() need eAPI or SSH' },
}

function limitsOf(options: CallOptions | undefined): ReadLimits {
  return { signal: options?.signal, timeoutMs: options?.timeoutMs }
}

/**
 * The SNMP driver (net-snmp): reads every feature SNMP carries, and writes where EOS allows it, all the changes of
 * one call in a single SET PDU, which the agent applies whole or not at all. Writes SNMP cannot do are refused with
 * an `UnsupportedError` before anything is sent.
 */
export class SnmpDriver implements Driver {
  readonly name = 'snmp' as const
  readonly platform = 'eos' as const
  readonly capabilities = SNMP_CAPABILITIES
  readonly commitTimer = false
  /** Discards and errors come from IF-MIB's ifTable (Counter32); octets, packets and queue drops are Counter64. */
  readonly counterWidths: CounterWidths = { inDiscards: 32, outDiscards: 32, inErrors: 32, outErrors: 32 }

  constructor(private readonly session: SnmpSession) {}

  /** sysUpTime in ms: the device's clock for counter samples (it goes backwards when the device restarts). */
  async deviceUptimeMs(options?: CallOptions): Promise<number> {
    const [ticks] = await this.session.get([`${OIDS.system}.3.0`], limitsOf(options))
    return Number(ticks) * 10
  }

  facts(options?: CallOptions) {
    return readFacts(this.session, limitsOf(options))
  }

  vlans(options?: CallOptions) {
    return readVlans(this.session, limitsOf(options))
  }

  interfaces(options?: CallOptions) {
    return readInterfaces(this.session, limitsOf(options))
  }

  lags(options?: CallOptions) {
    return readLags(this.session, limitsOf(options))
  }

  interfaceCounters(options?: CallOptions) {
    return readCounters(this.session, limitsOf(options))
  }

  dropCounters(options?: CallOptions) {
    return readDrops(this.session, limitsOf(options))
  }

  async dhcpRelay(): Promise<DhcpRelay> {
    throw new UnsupportedError({ driver: 'snmp', feature: 'dhcpRelay.read', reason: SNMP_CAPABILITIES.dhcpRelay.note ?? '', alternative: VIA })
  }

  async apply(changes: readonly Change[], options: ApplyOptions = {}): Promise<ApplyOutcome> {
    if (options.confirmWithinSeconds !== undefined) {
      throw new UnsupportedError({ driver: 'snmp', feature: 'configure.confirmWithinSeconds', reason: 'SNMP has no commit timer', alternative: VIA })
    }
    const limits = limitsOf(options)
    const needsIndexes = changes.some((c) => c.kind === 'interface.configure')
    const [names, ports] = needsIndexes ? await Promise.all([readInterfaceNames(this.session, limits), this.#bridgePorts(limits)]) : [new Map<number, string>(), new Map<number, number>()]
    const ifIndexByName = new Map([...names].map(([i, n]) => [n, i]))
    const sets = planSnmpWrites(changes, {
      ifIndex: (name) => ifIndexByName.get(name),
      bridgePort: (name) => {
        const ifIndex = ifIndexByName.get(name)
        return ifIndex === undefined ? undefined : [...ports].find(([, i]) => i === ifIndex)?.[0]
      },
    })
    const commands = sets.map((s) => `SET ${s.text}`)
    const diff = commands.length > 0 ? `${commands.join('\n')}\n` : ''
    if (options.dryRun || sets.length === 0) return { diff, commands, applied: !options.dryRun, changed: sets.length > 0 }
    try {
      await this.session.set(
        sets.map((s) => s.varbind),
        limits,
      )
    } catch (error) {
      if (error instanceof TimeoutError) return await this.#settleLostAnswer(sets, { diff, commands }, error, limits)
      if (!(error instanceof SetRejected)) throw error
      const status = snmp.ErrorStatus[error.status] ?? String(error.status)
      const failed = sets[error.index - 1] ?? sets[0]
      if (error.status === snmp.ErrorStatus.NoAccess) {
        throw new AuthorizationError(`${this.session.host} refused the SET (noAccess): the community or user is read-only`, { host: this.session.host })
      }
      if (error.status === snmp.ErrorStatus.NotWritable || error.status === snmp.ErrorStatus.NoCreation) {
        throw new UnsupportedError({ driver: 'snmp', feature: failed?.text ?? 'set', reason: `the device answered ${status}`, alternative: VIA }, { host: this.session.host })
      }
      throw new CommandRejectedError(
        { command: `SET ${failed?.text ?? '?'}`, index: error.index - 1, deviceMessage: `${status} (nothing was applied: SNMP SETs are all or nothing)`, deviceCode: error.status },
        { host: this.session.host },
      )
    }
    return { diff, commands, applied: true, changed: true }
  }

  /**
   * A SET whose answer never came may or may not have been applied (the request or the answer was lost). The SET is
   * atomic, so one GET of the same instances settles it: all in effect means applied; none means not applied (a
   * `CommitFailedError`); anything else, or no answer to the GET either, is an {@link OutcomeUnknownError}.
   */
  async #settleLostAnswer(sets: readonly PlannedSet[], change: { diff: string; commands: string[] }, cause: TimeoutError, limits: ReadLimits): Promise<ApplyOutcome> {
    const host = this.session.host
    let readBack: unknown[]
    try {
      readBack = await this.session.get(
        sets.map((s) => s.varbind.oid),
        { ...limits, signal: undefined },
      )
    } catch (error) {
      throw new OutcomeUnknownError(
        `${host} did not answer the SET, nor the GET that would tell whether it was applied`,
        { sessionName: 'snmp-set', commands: change.commands, check: `read ${sets.map((s) => s.text.split(' = ')[0]).join(', ')} to see whether the SET took effect` },
        { cause: error, host },
      )
    }
    const verdict = setsInEffect(sets, readBack)
    if (verdict === 'all') return { ...change, applied: true, changed: true, notes: ['the SET got no answer; reading the values back shows it was applied'] }
    if (verdict === 'none') {
      throw new CommitFailedError(`the change was not applied: ${host} did not answer the SET, and reading the values back shows none of it in effect`, change.commands, { cause, host })
    }
    throw new OutcomeUnknownError(
      `${host} did not answer the SET, and the values read back show only part of it, which an atomic SET cannot leave (another writer?)`,
      { sessionName: 'snmp-set', commands: change.commands, check: `read ${sets.map((s) => s.text.split(' = ')[0]).join(', ')} again` },
      { cause, host },
    )
  }

  async confirm(): Promise<void> {
    throw new UnsupportedError({ driver: 'snmp', feature: 'configure.confirm', reason: 'SNMP has no commit timer', alternative: VIA })
  }

  async rollback(): Promise<void> {
    throw new UnsupportedError({ driver: 'snmp', feature: 'configure.rollback', reason: 'SNMP has no commit timer', alternative: VIA })
  }

  async close(): Promise<void> {
    this.session.close()
  }

  async #bridgePorts(limits: ReadLimits): Promise<Map<number, number>> {
    const [column] = await this.session.walkColumns([`${OIDS.dot1dBasePortEntry}.2`], limits)
    return new Map([...(column ?? new Map())].map(([k, v]) => [Number(k), Number(v)]))
  }
}

/**
 * Opens the SNMP driver: one session, checked with a GET of sysDescr and sysName, so wrong credentials or an
 * unreachable agent fail here. Any agent with IF-MIB can be read; `facts()` requires an EOS sysDescr.
 */
export async function openSnmpDriver(options: ResolvedConnectOptions): Promise<Driver> {
  if (options.platform === 'mos') {
    throw new UnsupportedError({ driver: 'snmp', feature: 'platform mos', reason: 'the 7130 (MOS) dialect is not part of this release' })
  }
  const session = new SnmpSession(options)
  try {
    await session.get([`${OIDS.system}.1.0`, `${OIDS.system}.5.0`], { signal: options.signal })
  } catch (error) {
    session.close()
    throw error
  }
  return new SnmpDriver(session)
}
