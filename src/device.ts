import type { ApplyOptions, CallOptions, Capabilities, CleanupOptions, Driver, Feature, SessionOutcome } from './driver.js'
import type { Change } from './changes.js'
import { dropNoOps, type DeviceSnapshot } from './no-op-filter.js'
import { withWriteLock } from './write-lock.js'
import { addOutcomeHandles, withTimerHandles } from './timed-commit-handles.js'
import { checkCallOptions, SessionNameSchema } from './call-options.js'
import type { Facts, Platform } from './model/facts.js'
import type { Vlan, VlanCreate, VlanUpdate } from './model/vlan.js'
import type { Interface, InterfaceConfigure } from './model/interface.js'
import type { Lag, LagCreate, LagMode, LagUpdate } from './model/lag.js'
import type { DropCounters, InterfaceCounters } from './model/counters.js'
import type { DhcpRelay, DhcpRelayGlobal, DhcpServerInput } from './model/dhcp-relay.js'
import { ClosedError, ConflictError, UnsupportedError, ValidationError } from './errors.js'
import { Transaction, defined } from './transaction.js'
import { planChanges } from './planner.js'
import { validate } from './validate.js'
import { VlanIdSchema } from './model/primitives.js'
import type { Intent } from './intents.js'
import { compareMosPorts, type L1Port, type Tap, type TapCreate } from './model/l1.js'
import type { Aggregate, Metawatch, MetawatchCounters, SyncStatus, TimesourceChange } from './model/metawatch.js'
import type { IpInterface, L3Configure } from './model/ip-interface.js'
import type { Dhcp6ServerInput } from './model/dhcp-relay.js'
import { RunningConfigOptionsSchema, ShowCommandListSchema, type RunningConfigOptions } from './raw-config.js'
import { addressOfLockKey, applyOnDevice, gatherDocument, planOnDevice, type DesiredApplyOptions, type DesiredApplyResult, type DesiredPlanOptions, type DesiredStateHost } from './desired-state/device-operations.js'
import type { DesiredState, DesiredStateInput, SectionName } from './desired-state/document-schema.js'
import type { Plan } from './desired-state/plan.js'

/** Options of `device.cli()`: the answer format (`json` by default) and the usual call options. */
export interface CliOptions extends CallOptions {
  /** `json` (default): each command's JSON model; `text`: each command's text output. */
  format?: 'json' | 'text'
}
import { LanzConfigureSchema, type BufferCounters, type LanzConfig, type LanzConfigure } from './model/buffers.js'
import { systemClock, watchCounters, WatchOptionsSchema, type CounterWatchSample, type Poll, type WatchOptions } from './counter-watch.js'
import { readingsFromBuffers, readingsFromDrops, readingsFromInterfaces } from './counter-readings.js'

/** Options of `configure()` and of every single-change method. */
export interface ConfigureOptions extends CallOptions {
  /** Compute the device's diff and abort: nothing changes. */
  dryRun?: boolean
  /** Commit with a timer: the device rolls back by itself unless `result.confirm()` is called in time (1-86400 s). */
  confirmWithinSeconds?: number
}

/** What a change did. */
export interface ConfigureResult {
  /** The device's own diff of the change (`show session-config diffs` on EOS). Empty when nothing changed. */
  diff: string
  /** The configuration lines sent, in order (empty when the device already was as asked: no session was opened). */
  commands: string[]
  /** True when the change is in the running-config now, or was there already (false for a dry run). */
  applied: boolean
  /** True when the device's configuration changed (for a dry run: would change). */
  changed: boolean
  /** Present for a timed commit: makes it permanent. */
  confirm?: (options?: CallOptions) => Promise<void>
  /** Present for a timed commit: rolls it back now, without waiting for the timer. */
  rollback?: (options?: CallOptions) => Promise<void>
  /** Present for a timed commit: the configure session that holds it and the seconds until the device rolls back. */
  pending?: { sessionName: string; rollsBackInSeconds: number }
  /** What was done besides the lines asked for, e.g. MetaWatch shut down and restarted around a timesource change. */
  notes?: string[]
}

/**
 * The result of a change made with `confirmWithinSeconds`: `confirm` and `rollback` are always there. When the change
 * committed with a timer, `pending` names its session; when there was nothing to commit (no change, dry run), both
 * do nothing.
 */
export interface TimedConfigureResult extends ConfigureResult {
  confirm: (options?: CallOptions) => Promise<void>
  rollback: (options?: CallOptions) => Promise<void>
}

/** The result type of a change made with the given options: with `confirmWithinSeconds`, `confirm`/`rollback` are not optional. */
export type ConfigureResultFor<O> = O extends { confirmWithinSeconds: number } ? TimedConfigureResult : ConfigureResult

/** The result type of `apply()` with the given options: with `confirmWithinSeconds`, `confirm`/`rollback` are not optional. */
export type DesiredApplyResultFor<O> = O extends { confirmWithinSeconds: number } ? DesiredApplyResult & TimedConfigureResult : DesiredApplyResult

/** True when a result is a timed commit waiting for confirmation. */
export function isPendingCommit(result: ConfigureResult): result is TimedConfigureResult & { pending: { sessionName: string; rollsBackInSeconds: number } } {
  return result.pending !== undefined && result.confirm !== undefined && result.rollback !== undefined
}

/**
 * One connected switch or tap. Every input is validated before anything is sent, and every change is atomic.
 *
 * @example
 * ```ts
 * const sw = await connect({ host: '10.0.0.1', driver: 'eapi', username: 'admin', password: '…' })
 * await sw.vlans.create({ id: 10, name: 'users' })
 * console.table(await sw.vlans.list())
 * await sw.close()
 * ```
 */
export class Device {
  readonly #driver: Driver
  readonly #lockKey: string
  #closed = false

  /** @internal Use {@link connect}. */
  constructor(driver: Driver, lockKey = `driver:${Math.random()}`) {
    this.#driver = driver
    this.#lockKey = lockKey
  }

  /** The transport in use. */
  get driver(): Driver['name'] {
    return this.#driver.name
  }

  /** The platform: `eos` or `mos`. */
  get platform(): Platform {
    return this.#driver.platform
  }

  /**
   * Configure sessions this handle staged but could not abort yet (the device was unreachable when a change failed,
   * or a delayed request may still land): they hold no committed change and are aborted before the next change.
   */
  get unresolvedSessions(): readonly string[] {
    return this.#driver.sessionsToAbort ?? []
  }

  /** Per feature, whether it can be read and written over this driver on this platform. */
  get capabilities(): Capabilities {
    return this.#driver.capabilities
  }

  /** Hostname, model, OS version, serial number and platform. */
  facts(options?: CallOptions): Promise<Facts> {
    return this.#read(options, 'facts', () => this.#driver.facts(options))
  }

  /** VLANs: list, get, create, update, delete. */
  readonly vlans = {
    /** Every VLAN, sorted by id. */
    list: (options?: CallOptions): Promise<Vlan[]> => this.#read(options, 'vlans', () => this.#driver.vlans(options)),
    /** One VLAN, or `undefined` when it does not exist. */
    get: async (id: number, options?: CallOptions): Promise<Vlan | undefined> => {
      const vid = validate(VlanIdSchema, id, 'vlans.get id')
      return (await this.vlans.list(options)).find((v) => v.id === vid)
    },
    /** Creates a VLAN; fails if it exists. */
    create: <O extends ConfigureOptions = ConfigureOptions>(input: VlanCreate, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.vlans.create(input), options),
    /** Renames or (un)suspends an existing VLAN. */
    update: <O extends ConfigureOptions = ConfigureOptions>(id: number, input: VlanUpdate, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.vlans.update(id, input), options),
    /** Deletes a VLAN (never VLAN 1). */
    delete: <O extends ConfigureOptions = ConfigureOptions>(id: number, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.vlans.delete(id), options),
  }

  /** Interfaces: list and configure. */
  readonly interfaces = {
    /** Every interface with its switchport settings and LAG membership. */
    list: (options?: CallOptions): Promise<Interface[]> => this.#read(options, 'interfaces', () => this.#driver.interfaces(options)),
    /** Changes description, admin state, switchport mode and VLANs of one interface. */
    configure: <O extends ConfigureOptions = ConfigureOptions>(name: string, input: InterfaceConfigure, options?: O): Promise<ConfigureResultFor<O>> =>
      this.configure((tx) => tx.interfaces.configure(name, input), options),
  }

  /** Port-channels (link aggregation). */
  readonly lags = {
    /** Every port-channel with its members, their LACP mode and whether they are bundled. */
    list: (options?: CallOptions): Promise<Lag[]> => this.#read(options, 'lags', () => this.#driver.lags(options)),
    /** Creates a port-channel from its members. */
    create: <O extends ConfigureOptions = ConfigureOptions>(input: LagCreate, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.lags.create(input), options),
    /** Changes min-links. */
    update: <O extends ConfigureOptions = ConfigureOptions>(id: number, input: LagUpdate, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.lags.update(id, input), options),
    /** Adds a member, in the mode of the existing members unless `mode` is given. */
    addMember: <O extends ConfigureOptions = ConfigureOptions>(id: number, member: string, mode?: LagMode, options?: O): Promise<ConfigureResultFor<O>> =>
      this.configure((tx) => tx.lags.addMember(id, member, mode), options),
    /** Removes a member. */
    removeMember: <O extends ConfigureOptions = ConfigureOptions>(id: number, member: string, options?: O): Promise<ConfigureResultFor<O>> =>
      this.configure((tx) => tx.lags.removeMember(id, member), options),
    /** Deletes a port-channel and releases its members. */
    delete: <O extends ConfigureOptions = ConfigureOptions>(id: number, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.lags.delete(id), options),
  }

  /** Counters. */
  readonly counters = {
    /** Octet, packet, discard and error counters of every interface (bigint). */
    interfaces: (options?: CallOptions): Promise<InterfaceCounters[]> =>
      this.#read(options, 'counters', () => this.#driver.interfaceCounters(options)),
    /** Discards per interface, and drops per queue where the platform counts them. */
    drops: (options?: CallOptions): Promise<DropCounters> => this.#read(options, 'drops', () => this.#driver.dropCounters(options)),
    /** LANZ congestion records and hardware drop counters where the platform has them; `source` says which it has. */
    buffers: (options?: CallOptions): Promise<BufferCounters> => this.#read(options, 'buffers', () => this.#optional('bufferCounters', 'buffers')(options)),
    /**
     * Polls a counter read every `intervalMs` and yields deltas and rates per second between consecutive polls, per
     * interface and queue: resets are reported (never a negative rate), 32-bit counters are unwrapped, the first
     * sample has no rates. Ends on `signal` abort or after `maxSamples`. Options are checked before anything is sent.
     */
    watch: (options: WatchOptions): AsyncGenerator<CounterWatchSample, void, undefined> => this.#watch(options),
  }

  /** LANZ: queue-length monitoring (EOS platforms that have it). */
  readonly lanz = {
    /** Whether LANZ is on, and the thresholds configured per port. */
    get: (options?: CallOptions): Promise<LanzConfig> => this.#read(options, 'buffers', () => this.#optional('lanzConfig', 'buffers')(options)),
    /**
     * Turns LANZ on or off and sets or clears thresholds per port, in one atomic change. On a switch without LANZ it
     * is refused with `UnsupportedError` before a configure session opens (the driver asks the switch once).
     */
    configure: async <O extends ConfigureOptions = ConfigureOptions>(input: LanzConfigure, options?: O): Promise<ConfigureResultFor<O>> => {
      validate(LanzConfigureSchema, input, 'lanz.configure')
      if (this.#driver.lanzAvailable && !(await this.#driver.lanzAvailable(options))) {
        throw new UnsupportedError({ driver: this.#driver.name, feature: 'lanz.configure', reason: 'this switch has no LANZ (the platform answers that queue-monitor is not supported); no configuration was sent' })
      }
      return this.configure((tx) => tx.lanz.configure(input), options)
    },
  }

  /** DHCP / PXE relay. */
  readonly dhcpRelay = {
    /** Option 82, the global servers and the servers of every interface. */
    get: (options?: CallOptions): Promise<DhcpRelay> => this.#read(options, 'dhcpRelay', () => this.#driver.dhcpRelay(options)),
    /** Replaces the servers an interface relays to. */
    set: <O extends ConfigureOptions = ConfigureOptions>(name: string, servers: DhcpServerInput[], options?: O): Promise<ConfigureResultFor<O>> =>
      this.configure((tx) => tx.dhcpRelay.set(name, servers), options),
    /** Removes DHCP relay from an interface. */
    clear: <O extends ConfigureOptions = ConfigureOptions>(name: string, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.dhcpRelay.clear(name), options),
    /** Sets the global default servers and/or option 82. */
    setGlobal: <O extends ConfigureOptions = ConfigureOptions>(input: DhcpRelayGlobal, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.dhcpRelay.setGlobal(input), options),
    /** Replaces the DHCPv6 servers an interface relays to (`ipv6 dhcp relay destination`); read them in `get().ipv6Interfaces`. */
    setV6: <O extends ConfigureOptions = ConfigureOptions>(name: string, servers: Dhcp6ServerInput[], options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.dhcpRelay.setV6(name, servers), options),
    /** Removes DHCPv6 relay from an interface. */
    clearV6: <O extends ConfigureOptions = ConfigureOptions>(name: string, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.dhcpRelay.clearV6(name), options),
  }

  /**
   * Layer 3: IPv4 and IPv6 addresses and VRF membership of SVIs, routed ports and loopbacks, e.g. the gateway
   * address a DHCP relay needs (it becomes the relayed requests' giaddr).
   *
   * @example
   * ```ts
   * await sw.l3.configure('Vlan20', { ipv4: { primary: '10.0.20.1/24' }, ipv6: ['2001:db8:20::1/64'] })
   * await sw.l3.list()   // [{ interface: 'Vlan20', vrf: 'default', ipv4: { primary: '10.0.20.1/24', secondary: [] }, ipv6: ['2001:db8:20::1/64'] }, …]
   * ```
   */
  readonly l3 = {
    /** Every routed interface (SVIs, routed ports, Loopback, Management) with its VRF and addresses, sorted by name. */
    list: (options?: CallOptions): Promise<IpInterface[]> => this.#read(options, 'l3', () => this.#optional('ipInterfaces', 'l3')(options)),
    /** Sets the VRF and/or replaces the addresses of one routed interface (an SVI is created when absent). */
    configure: <O extends ConfigureOptions = ConfigureOptions>(name: string, input: L3Configure, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.l3.configure(name, input), options),
  }

  /**
   * Runs read-only `show` commands and returns each one's answer: its JSON model (default; a command the device has
   * no JSON for comes back as `{ output: text }`) or, with `format: 'text'`, its text. Anything but a `show` command,
   * and any `|` or `?`, is refused with a `ValidationError` before sending: configuration goes through
   * `configure()` and `tx.lines()`.
   *
   * @example
   * ```ts
   * const [version] = await sw.cli('show version')
   * const [arp] = await sw.cli(['show ip arp'], { format: 'text' })
   * ```
   */
  cli(commands: string | string[], options: CliOptions & { format: 'text' }): Promise<string[]>
  cli(commands: string | string[], options?: CliOptions & { format?: 'json' }): Promise<unknown[]>
  async cli(commands: string | string[], options: CliOptions = {}): Promise<unknown[]> {
    this.#assertOpen()
    const list = validate(ShowCommandListSchema, commands, 'cli')
    const format = options.format ?? 'json'
    if (format !== 'json' && format !== 'text') throw new ValidationError("invalid input to cli: format must be 'json' or 'text'", [{ path: ['format'], message: "must be 'json' or 'text'" }])
    const { format: _format, ...call } = options
    if (!this.#driver.cli) {
      throw new UnsupportedError({ driver: this.#driver.name, feature: 'cli', reason: `the ${this.#driver.name} driver runs no CLI commands (it reads and writes MIB objects)`, alternative: "driver: 'eapi' or 'ssh'" })
    }
    return this.#read(options, 'config', () => this.#optional('cli', 'config')(list, format, call))
  }

  /**
   * The running-config as text, as `show running-config` prints it: with `all`, defaults included; with `section`,
   * only the blocks whose lines match that regular expression, each with its parents and children (EOS's
   * `show running-config section REGEX`). A backup a user can later give to {@link replaceConfig}.
   */
  async runningConfig(options: RunningConfigOptions & CallOptions = {}): Promise<string> {
    this.#assertOpen()
    const { signal, timeoutMs, ...query } = options
    const q = defined(validate(RunningConfigOptionsSchema, query, 'runningConfig'))
    const call = { ...(signal ? { signal } : {}), ...(timeoutMs ? { timeoutMs } : {}) }
    return this.#read(options, 'config', () => this.#optional('runningConfig', 'config')(q, call))
  }

  /**
   * Replaces the whole configuration with `text` (a running-config, e.g. from {@link runningConfig}), as one atomic
   * change: on EOS a configure session that starts from `rollback clean-config`, so `dryRun` returns the device's own
   * diff and `confirmWithinSeconds` works as for any change; on MOS behind a checkpoint. The text must hold all the
   * device needs, its management access (users, `management api`, management address) included.
   */
  replaceConfig(text: string, options?: ConfigureOptions): Promise<ConfigureResult> {
    return this.configure((tx) => tx.replaceConfig(text), options)
  }

  /** 7130: the L1 crosspoint. */
  readonly l1 = {
    /** Every port with its source, rx/tx state, speed, transceiver and description. */
    list: (options?: CallOptions): Promise<L1Port[]> => this.#read(options, 'l1', () => this.#mos('l1Ports', 'l1')(options)),
    /** Makes `output` transmit what `source` receives (`mac`: its own MAC). */
    setSource: <O extends ConfigureOptions = ConfigureOptions>(output: string, source: string, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.l1.setSource(output, source), options),
    /** Makes `output` transmit nothing. */
    clearSource: <O extends ConfigureOptions = ConfigureOptions>(output: string, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.l1.clearSource(output), options),
    /** A bidirectional patch between two ports. */
    patch: <O extends ConfigureOptions = ConfigureOptions>(a: string, b: string, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.l1.patch(a, b), options),
  }

  /** 7130: taps (one port's received traffic copied to several outputs). */
  readonly taps = {
    /** Every source with the outputs that copy it, sorted by source. */
    list: async (options?: CallOptions): Promise<Tap[]> => {
      const ports = await this.#read(options, 'taps', () => this.#mos('l1Ports', 'taps')(options))
      const bySource = new Map<string, string[]>()
      for (const p of ports) if (p.source && p.source !== 'mac') bySource.set(p.source, [...(bySource.get(p.source) ?? []), p.name])
      return [...bySource.entries()].map(([source, outputs]) => ({ source, outputs })).sort((a, b) => compareMosPorts(a.source, b.source))
    },
    /** Copies `source` to every output; outputs already carrying something else are refused before sending. */
    create: <O extends ConfigureOptions = ConfigureOptions>(input: TapCreate, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.taps.create(input), options),
    /** Stops copying `source` to the given outputs, or to all of them. */
    remove: <O extends ConfigureOptions = ConfigureOptions>(source: string, outputs?: string[], options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.taps.remove(source, outputs), options),
  }

  /** 7130: the MetaWatch application. */
  readonly metawatch = {
    /** App state, timesource, timestamp clock and the aggregation cores with their inputs and outputs. */
    get: (options?: CallOptions): Promise<Metawatch> => this.#read(options, 'metawatch', () => this.#mos('metawatch', 'metawatch')(options)),
    /** Starts the app. */
    enable: <O extends ConfigureOptions = ConfigureOptions>(options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.metawatch.enable(), options),
    /** Shuts the app down. */
    disable: <O extends ConfigureOptions = ConfigureOptions>(options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.metawatch.disable(), options),
    /** Changes timesource / timestamp clock; a running app is shut down and restarted around it (`result.notes`). */
    setTimesource: <O extends ConfigureOptions = ConfigureOptions>(input: TimesourceChange, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.metawatch.setTimesource(input), options),
    /** Feeds a core from front-panel ports and delivers its output. */
    aggregate: <O extends ConfigureOptions = ConfigureOptions>(input: Aggregate, options?: O): Promise<ConfigureResultFor<O>> => this.configure((tx) => tx.metawatch.aggregate(input), options),
    /** Synchronisation status of the app's clock. */
    syncStatus: (options?: CallOptions): Promise<SyncStatus> => this.#read(options, 'metawatch', () => this.#mos('syncStatus', 'metawatch')(options)),
    /** Port counters, and per-core counters with overflow drops where the device reports them. */
    counters: (options?: CallOptions): Promise<MetawatchCounters> =>
      this.#read(options, 'metawatch', () => this.#mos('metawatchCounters', 'metawatch')(options)),
  }

  /**
   * Applies several changes as one atomic unit: on EOS, one configure session committed whole or aborted.
   * `build` records changes on `tx` (each validated at once); nothing is sent until it returns.
   */
  configure<O extends ConfigureOptions = ConfigureOptions>(build: (tx: Transaction) => void | Promise<void>, options?: O): Promise<ConfigureResultFor<O>> {
    return this.#configure(build, options ?? {}) as Promise<ConfigureResultFor<O>>
  }

  async #configure(build: (tx: Transaction) => void | Promise<void>, options: ConfigureOptions): Promise<ConfigureResult> {
    this.#assertOpen()
    checkCallOptions(options, 'configure')
    if (options.confirmWithinSeconds !== undefined) {
      const s = options.confirmWithinSeconds
      if (!Number.isInteger(s) || s < 1 || s > 86_400) {
        throw new ValidationError('invalid input to configure: confirmWithinSeconds must be an integer from 1 to 86400', [
          { path: ['confirmWithinSeconds'], message: 'must be an integer from 1 to 86400' },
        ])
      }
    }
    const tx = new Transaction()
    await build(tx)
    if (tx.intents.length === 0) return withTimerHandles({ diff: '', commands: [], applied: false, changed: false }, options)
    this.#assertWritable(tx.intents)
    if (options.confirmWithinSeconds !== undefined && !this.#driver.commitTimer) {
      throw new UnsupportedError({
        driver: this.#driver.name,
        feature: 'configure.confirmWithinSeconds',
        reason: `the ${this.platform} ${this.#driver.name} driver has no commit timer`,
        ...(this.platform === 'eos' ? { alternative: "driver: 'eapi' or 'ssh'" } : {}),
      })
    }
    return withWriteLock(this.#lockKey, () => this.#configureLocked(tx.intents, options))
  }

  async #configureLocked(intents: readonly Intent[], options: ConfigureOptions): Promise<ConfigureResult> {
    const reads = { ...(options.signal ? { signal: options.signal } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }
    const plan = async () => {
      const snapshot: DeviceSnapshot = {}
      const read = <K extends keyof DeviceSnapshot>(key: K, fn: () => Promise<NonNullable<DeviceSnapshot[K]>>) => async () => {
        const value = await fn()
        snapshot[key] = value
        return value
      }
      const changes = await planChanges(intents, {
        interfaces: read('interfaces', () => this.#driver.interfaces(reads)),
        lags: read('lags', () => this.#driver.lags(reads)),
        vlans: read('vlans', () => this.#driver.vlans(reads)),
        dhcpRelay: read('dhcpRelay', () => this.#driver.dhcpRelay(reads)),
        l1Ports: read('l1Ports', () => this.#mos('l1Ports', 'l1')(reads)),
        metawatch: read('metawatch', () => this.#mos('metawatch', 'metawatch')(reads)),
        ipInterfaces: () => this.#optional('ipInterfaces', 'l3')(reads),
      })
      if (changes.some((c) => c.kind.startsWith('dhcpRelay.')) && snapshot.dhcpRelay === undefined && this.#driver.capabilities.dhcpRelay.read) {
        snapshot.dhcpRelay = await this.#driver.dhcpRelay(reads)
      }
      return dropNoOps(changes, snapshot)
    }
    const changes = await plan()
    if (changes.length === 0) return withTimerHandles({ diff: '', commands: [], applied: !options.dryRun, changed: false }, options)
    const applyOptions: ApplyOptions = {
      ...reads,
      recheck: async () => {
        let again: Change[]
        try {
          again = await plan()
        } catch (error) {
          if (error instanceof ValidationError) {
            throw new ConflictError(`the device changed since the change was planned: ${error.message}`, [error.message], { cause: error })
          }
          throw error
        }
        if (JSON.stringify(again) !== JSON.stringify(changes)) {
          throw new ConflictError('the device changed since the change was planned: planned again, it would send different lines', [
            ...again.filter((c) => !changes.some((d) => JSON.stringify(d) === JSON.stringify(c))).map((c) => `now needed: ${c.kind}`),
            ...changes.filter((c) => !again.some((d) => JSON.stringify(d) === JSON.stringify(c))).map((c) => `no longer fits: ${c.kind}`),
          ])
        }
      },
    }
    if (options.dryRun) applyOptions.dryRun = true
    if (options.confirmWithinSeconds !== undefined) applyOptions.confirmWithinSeconds = options.confirmWithinSeconds
    const outcome = await this.#driver.apply(changes, applyOptions)
    const result: ConfigureResult = { diff: outcome.diff, commands: outcome.commands, applied: outcome.applied, changed: outcome.changed }
    return withTimerHandles(addOutcomeHandles(result, outcome, this.#driver, (task) => withWriteLock(this.#lockKey, task)), options)
  }

  /**
   * Desired state (Ansible's `gathered`): the device's configuration as a document, every section `overridden`,
   * defaults left out; applying it changes nothing. One read (the running-config) over eAPI and SSH.
   */
  gather(sections?: SectionName[], options?: CallOptions): Promise<DesiredState> {
    return gatherDocument(this.#desiredHost(), sections, options)
  }

  /**
   * Plans a desired-state document (YAML/JSON parsed with `parseDesiredState`, or an object): validates it whole
   * (every problem with its path), reads the device once, and returns per resource what would be added, changed
   * and removed, the lines in dependency order, and `changed`. Nothing is changed; with `deviceDiff: true` the
   * device's own diff comes from a dry-run session. The plan is the drift report (`formatDrift`, `driftJson`).
   */
  plan(doc: DesiredStateInput | DesiredState, options?: DesiredPlanOptions): Promise<Plan> {
    return planOnDevice(this.#desiredHost(), doc, options)
  }

  /**
   * Applies a desired-state document, or a plan made earlier, as ONE change: one configure session on EOS (staged,
   * re-checked, committed with a timer, confirmed), one checkpoint on MOS. A plan whose basis no longer holds is
   * refused with `SY_CONFLICT`; a plan with nothing to do opens no session.
   */
  apply<O extends DesiredApplyOptions = DesiredApplyOptions>(docOrPlan: DesiredStateInput | DesiredState | Plan, options?: O): Promise<DesiredApplyResultFor<O>> {
    return applyOnDevice(this.#desiredHost(), docOrPlan, options) as Promise<DesiredApplyResultFor<O>>
  }

  #desiredHost(): DesiredStateHost {
    return {
      driver: this.#driver,
      connectedAddress: addressOfLockKey(this.#lockKey),
      assertOpen: () => this.#assertOpen(),
      withWriteLock: (task) => withWriteLock(this.#lockKey, task),
    }
  }

  /**
   * Asks the device what became of a configure session, e.g. the one an `OutcomeUnknownError` names: `completed`
   * (applied), `pendingCommitTimer` (applied until its timer rolls it back), `pending` or `absent` (not applied).
   */
  sessionOutcome(sessionName: string, options?: CallOptions): Promise<SessionOutcome> {
    this.#assertOpen()
    checkCallOptions(options ?? {}, 'sessionOutcome')
    const name = validate(SessionNameSchema, sessionName, 'sessionOutcome')
    if (!this.#driver.sessionOutcome) return Promise.reject(this.#noSessions('sessionOutcome'))
    return this.#driver.sessionOutcome(name, options)
  }

  /**
   * Aborts the pending configure sessions that switchyard clients opened and never finished (a crashed process, a
   * lost connection), when older than `olderThanSeconds` (default 600): they count against the device's limit of 5
   * pending sessions. Sessions of other tools and timed commits are left alone. Returns the sessions aborted.
   */
  cleanupSessions(options: CleanupOptions = {}): Promise<string[]> {
    this.#assertOpen()
    checkCallOptions(options, 'cleanupSessions')
    if (options.olderThanSeconds !== undefined && !(Number.isInteger(options.olderThanSeconds) && options.olderThanSeconds >= 0)) {
      return Promise.reject(new ValidationError('invalid input to cleanupSessions: olderThanSeconds must be a whole number of seconds', [{ path: ['olderThanSeconds'], message: 'must be an integer >= 0' }]))
    }
    if (!this.#driver.cleanupSessions) return Promise.reject(this.#noSessions('cleanupSessions'))
    return withWriteLock(this.#lockKey, () => (this.#driver.cleanupSessions as NonNullable<Driver['cleanupSessions']>)(options))
  }

  /**
   * Confirms a timed commit by its session name (`result.pending.sessionName`), e.g. from another process than the
   * one that made it. Fails with `CommitExpiredError` when its timer ran out or it was confirmed already.
   */
  confirmSession(sessionName: string, options?: CallOptions): Promise<void> {
    this.#assertOpen()
    checkCallOptions(options ?? {}, 'confirmSession')
    const name = validate(SessionNameSchema, sessionName, 'confirmSession')
    if (!this.#driver.sessionOutcome) return Promise.reject(this.#noSessions('confirmSession'))
    return withWriteLock(this.#lockKey, () => this.#driver.confirm(name, options))
  }

  /**
   * Rolls a timed commit back now, or discards a staged (never committed) session, by its name. Fails with
   * `CommitExpiredError` when the session is no longer there or was confirmed already.
   */
  rollbackSession(sessionName: string, options?: CallOptions): Promise<void> {
    this.#assertOpen()
    checkCallOptions(options ?? {}, 'rollbackSession')
    const name = validate(SessionNameSchema, sessionName, 'rollbackSession')
    if (!this.#driver.sessionOutcome) return Promise.reject(this.#noSessions('rollbackSession'))
    return withWriteLock(this.#lockKey, () => this.#driver.rollback(name, options))
  }

  #noSessions(what: string): UnsupportedError {
    return new UnsupportedError({ driver: this.#driver.name, feature: what, reason: `the ${this.platform} ${this.#driver.name} driver has no configure sessions` })
  }

  /** Closes the connection. Later calls fail with `SY_CLOSED`. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#driver.close()
  }

  /** Closes the device at the end of an `await using` block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  #watch(options: WatchOptions): AsyncGenerator<CounterWatchSample, void, undefined> {
    this.#assertOpen()
    const v = validate(WatchOptionsSchema, { ...options, signal: undefined, clock: undefined }, 'counters.watch')
    const feature: Feature = v.read === 'interfaces' ? 'counters' : v.read
    const cap = this.#driver.capabilities[feature]
    if (!cap.read) throw new UnsupportedError({ driver: this.#driver.name, feature: `${feature}.read`, reason: cap.note ?? `not available on ${this.platform}` })
    const driver = this.#driver
    const widths = driver.counterWidths ?? {}
    const poll = async (signal: AbortSignal | undefined): Promise<Poll> => {
      const call: CallOptions = { ...(signal ? { signal } : {}), ...(v.timeoutMs ? { timeoutMs: v.timeoutMs } : {}) }
      const [readings, deviceTimeMs] = await Promise.all([
        v.read === 'interfaces'
          ? driver.interfaceCounters(call).then((c) => readingsFromInterfaces(c, widths))
          : v.read === 'drops'
            ? driver.dropCounters(call).then((d) => readingsFromDrops(d, widths))
            : this.#optional('bufferCounters', 'buffers')(call).then((b) => readingsFromBuffers(b, widths)),
        driver.deviceUptimeMs?.(call),
      ])
      return deviceTimeMs === undefined ? { readings } : { readings, deviceTimeMs }
    }
    return watchCounters(poll, { intervalMs: v.intervalMs, signal: options.signal, maxSamples: v.maxSamples, clock: options.clock ?? systemClock })
  }

  #mos<K extends 'l1Ports' | 'metawatch' | 'metawatchCounters' | 'syncStatus'>(method: K, feature: Feature): NonNullable<Driver[K]> {
    const fn = this.#driver[method]
    if (!fn) {
      const error = new UnsupportedError({ driver: this.#driver.name, feature: `${feature}.read`, reason: `not available on ${this.platform}` })
      return (() => Promise.reject(error)) as unknown as NonNullable<Driver[K]>
    }
    return fn.bind(this.#driver) as NonNullable<Driver[K]>
  }

  #optional<K extends 'ipInterfaces' | 'cli' | 'runningConfig' | 'bufferCounters' | 'lanzConfig'>(method: K, feature: Feature): NonNullable<Driver[K]> {
    const fn = this.#driver[method]
    if (!fn) {
      const error = new UnsupportedError({ driver: this.#driver.name, feature: `${feature}.read`, reason: `the ${this.#driver.name} driver cannot do it` })
      return (() => Promise.reject(error)) as unknown as NonNullable<Driver[K]>
    }
    return fn.bind(this.#driver) as NonNullable<Driver[K]>
  }

  #assertOpen(): void {
    if (this.#closed) throw new ClosedError()
  }

  #read<T>(options: CallOptions | undefined, feature: Feature, run: () => Promise<T>): Promise<T> {
    this.#assertOpen()
    try {
      checkCallOptions(options ?? {}, feature)
    } catch (error) {
      return Promise.reject(error)
    }
    const cap = this.#driver.capabilities[feature]
    if (!cap.read) {
      return Promise.reject(
        new UnsupportedError({ driver: this.#driver.name, feature: `${feature}.read`, reason: cap.note ?? `not available on ${this.platform}` }),
      )
    }
    return run()
  }

  #assertWritable(intents: readonly Intent[]): void {
    for (const intent of intents) {
      const feature = featureOf(intent)
      const cap = this.#driver.capabilities[feature]
      if (!cap.write) {
        throw new UnsupportedError({ driver: this.#driver.name, feature: `${feature}.write`, reason: cap.note ?? `not available on ${this.platform}` })
      }
    }
  }
}

/** With `confirmWithinSeconds` and nothing left pending, `confirm` and `rollback` are there and do nothing. */
function featureOf(intent: Intent): Feature {
  if (intent.kind === 'l1.setSource') return intent.api
  if (intent.kind === 'raw.lines' || intent.kind === 'config.replace') return 'config'
  if (intent.kind === 'l3.configure') return 'l3'
  const prefix = intent.kind.split('.')[0]
  if (prefix === 'vlan') return 'vlans'
  if (prefix === 'interface') return 'interfaces'
  if (prefix === 'lag') return 'lags'
  if (prefix === 'l1' || prefix === 'taps' || prefix === 'metawatch') return prefix
  if (prefix === 'lanz') return 'buffers'
  return 'dhcpRelay'
}
