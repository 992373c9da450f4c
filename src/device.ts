import type { ApplyOptions, CallOptions, Capabilities, Driver, Feature } from './driver.js'
import type { Facts, Platform } from './model/facts.js'
import type { Vlan, VlanCreate, VlanUpdate } from './model/vlan.js'
import type { Interface, InterfaceConfigure } from './model/interface.js'
import type { Lag, LagCreate, LagMode, LagUpdate } from './model/lag.js'
import type { DropCounters, InterfaceCounters } from './model/counters.js'
import type { DhcpRelay, DhcpRelayGlobal, DhcpServerInput } from './model/dhcp-relay.js'
import { ClosedError, UnsupportedError, ValidationError } from './errors.js'
import { Transaction } from './transaction.js'
import { planChanges } from './planner.js'
import { validate } from './validate.js'
import { VlanIdSchema } from './model/primitives.js'
import type { Intent } from './intents.js'
import { compareMosPorts, type L1Port, type Tap, type TapCreate } from './model/l1.js'
import type { Aggregate, Metawatch, MetawatchCounters, SyncStatus, TimesourceChange } from './model/metawatch.js'
import type { BufferCounters, LanzConfig, LanzConfigure } from './model/buffers.js'
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
  /** The configuration lines sent, in order. */
  commands: string[]
  /** True when the change is in the running-config now (false for a dry run). */
  applied: boolean
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
  #closed = false

  /** @internal Use {@link connect}. */
  constructor(driver: Driver) {
    this.#driver = driver
  }

  /** The transport in use. */
  get driver(): Driver['name'] {
    return this.#driver.name
  }

  /** The platform: `eos` or `mos`. */
  get platform(): Platform {
    return this.#driver.platform
  }

  /** Per feature, whether it can be read and written over this driver on this platform. */
  get capabilities(): Capabilities {
    return this.#driver.capabilities
  }

  /** Hostname, model, OS version, serial number and platform. */
  facts(options?: CallOptions): Promise<Facts> {
    return this.#read('facts', () => this.#driver.facts(options))
  }

  /** VLANs: list, get, create, update, delete. */
  readonly vlans = {
    /** Every VLAN, sorted by id. */
    list: (options?: CallOptions): Promise<Vlan[]> => this.#read('vlans', () => this.#driver.vlans(options)),
    /** One VLAN, or `undefined` when it does not exist. */
    get: async (id: number, options?: CallOptions): Promise<Vlan | undefined> => {
      const vid = validate(VlanIdSchema, id, 'vlans.get id')
      return (await this.vlans.list(options)).find((v) => v.id === vid)
    },
    /** Creates a VLAN; fails if it exists. */
    create: (input: VlanCreate, options?: ConfigureOptions) => this.configure((tx) => tx.vlans.create(input), options),
    /** Renames or (un)suspends an existing VLAN. */
    update: (id: number, input: VlanUpdate, options?: ConfigureOptions) => this.configure((tx) => tx.vlans.update(id, input), options),
    /** Deletes a VLAN (never VLAN 1). */
    delete: (id: number, options?: ConfigureOptions) => this.configure((tx) => tx.vlans.delete(id), options),
  }

  /** Interfaces: list and configure. */
  readonly interfaces = {
    /** Every interface with its switchport settings and LAG membership. */
    list: (options?: CallOptions): Promise<Interface[]> => this.#read('interfaces', () => this.#driver.interfaces(options)),
    /** Changes description, admin state, switchport mode and VLANs of one interface. */
    configure: (name: string, input: InterfaceConfigure, options?: ConfigureOptions) =>
      this.configure((tx) => tx.interfaces.configure(name, input), options),
  }

  /** Port-channels (link aggregation). */
  readonly lags = {
    /** Every port-channel with its members, their LACP mode and whether they are bundled. */
    list: (options?: CallOptions): Promise<Lag[]> => this.#read('lags', () => this.#driver.lags(options)),
    /** Creates a port-channel from its members. */
    create: (input: LagCreate, options?: ConfigureOptions) => this.configure((tx) => tx.lags.create(input), options),
    /** Changes min-links. */
    update: (id: number, input: LagUpdate, options?: ConfigureOptions) => this.configure((tx) => tx.lags.update(id, input), options),
    /** Adds a member, in the mode of the existing members unless `mode` is given. */
    addMember: (id: number, member: string, mode?: LagMode, options?: ConfigureOptions) =>
      this.configure((tx) => tx.lags.addMember(id, member, mode), options),
    /** Removes a member. */
    removeMember: (id: number, member: string, options?: ConfigureOptions) =>
      this.configure((tx) => tx.lags.removeMember(id, member), options),
    /** Deletes a port-channel and releases its members. */
    delete: (id: number, options?: ConfigureOptions) => this.configure((tx) => tx.lags.delete(id), options),
  }

  /** Counters. */
  readonly counters = {
    /** Octet, packet, discard and error counters of every interface (bigint). */
    interfaces: (options?: CallOptions): Promise<InterfaceCounters[]> =>
      this.#read('counters', () => this.#driver.interfaceCounters(options)),
    /** Discards per interface, and drops per queue where the platform counts them. */
    drops: (options?: CallOptions): Promise<DropCounters> => this.#read('drops', () => this.#driver.dropCounters(options)),
    /** LANZ congestion records and hardware drop counters where the platform has them; `source` says which it has. */
    buffers: (options?: CallOptions): Promise<BufferCounters> => this.#read('buffers', () => this.#optional('bufferCounters', 'buffers')(options)),
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
    get: (options?: CallOptions): Promise<LanzConfig> => this.#read('buffers', () => this.#optional('lanzConfig', 'buffers')(options)),
    /** Turns LANZ on or off and sets or clears thresholds per port, in one atomic change. */
    configure: (input: LanzConfigure, options?: ConfigureOptions) => this.configure((tx) => tx.lanz.configure(input), options),
  }

  /** DHCP / PXE relay. */
  readonly dhcpRelay = {
    /** Option 82, the global servers and the servers of every interface. */
    get: (options?: CallOptions): Promise<DhcpRelay> => this.#read('dhcpRelay', () => this.#driver.dhcpRelay(options)),
    /** Replaces the servers an interface relays to. */
    set: (name: string, servers: DhcpServerInput[], options?: ConfigureOptions) =>
      this.configure((tx) => tx.dhcpRelay.set(name, servers), options),
    /** Removes DHCP relay from an interface. */
    clear: (name: string, options?: ConfigureOptions) => this.configure((tx) => tx.dhcpRelay.clear(name), options),
    /** Sets the global default servers and/or option 82. */
    setGlobal: (input: DhcpRelayGlobal, options?: ConfigureOptions) => this.configure((tx) => tx.dhcpRelay.setGlobal(input), options),
  }

  /** 7130: the L1 crosspoint. */
  readonly l1 = {
    /** Every port with its source, rx/tx state, speed, transceiver and description. */
    list: (options?: CallOptions): Promise<L1Port[]> => this.#read('l1', () => this.#mos('l1Ports', 'l1')(options)),
    /** Makes `output` transmit what `source` receives (`mac`: its own MAC). */
    setSource: (output: string, source: string, options?: ConfigureOptions) => this.configure((tx) => tx.l1.setSource(output, source), options),
    /** Makes `output` transmit nothing. */
    clearSource: (output: string, options?: ConfigureOptions) => this.configure((tx) => tx.l1.clearSource(output), options),
    /** A bidirectional patch between two ports. */
    patch: (a: string, b: string, options?: ConfigureOptions) => this.configure((tx) => tx.l1.patch(a, b), options),
  }

  /** 7130: taps (one port's received traffic copied to several outputs). */
  readonly taps = {
    /** Every source with the outputs that copy it, sorted by source. */
    list: async (options?: CallOptions): Promise<Tap[]> => {
      const ports = await this.#read('taps', () => this.#mos('l1Ports', 'taps')(options))
      const bySource = new Map<string, string[]>()
      for (const p of ports) if (p.source && p.source !== 'mac') bySource.set(p.source, [...(bySource.get(p.source) ?? []), p.name])
      return [...bySource.entries()].map(([source, outputs]) => ({ source, outputs })).sort((a, b) => compareMosPorts(a.source, b.source))
    },
    /** Copies `source` to every output; outputs already carrying something else are refused before sending. */
    create: (input: TapCreate, options?: ConfigureOptions) => this.configure((tx) => tx.taps.create(input), options),
    /** Stops copying `source` to the given outputs, or to all of them. */
    remove: (source: string, outputs?: string[], options?: ConfigureOptions) => this.configure((tx) => tx.taps.remove(source, outputs), options),
  }

  /** 7130: the MetaWatch application. */
  readonly metawatch = {
    /** App state, timesource, timestamp clock and the aggregation cores with their inputs and outputs. */
    get: (options?: CallOptions): Promise<Metawatch> => this.#read('metawatch', () => this.#mos('metawatch', 'metawatch')(options)),
    /** Starts the app. */
    enable: (options?: ConfigureOptions) => this.configure((tx) => tx.metawatch.enable(), options),
    /** Shuts the app down. */
    disable: (options?: ConfigureOptions) => this.configure((tx) => tx.metawatch.disable(), options),
    /** Changes timesource / timestamp clock; a running app is shut down and restarted around it (`result.notes`). */
    setTimesource: (input: TimesourceChange, options?: ConfigureOptions) => this.configure((tx) => tx.metawatch.setTimesource(input), options),
    /** Feeds a core from front-panel ports and delivers its output. */
    aggregate: (input: Aggregate, options?: ConfigureOptions) => this.configure((tx) => tx.metawatch.aggregate(input), options),
    /** Synchronisation status of the app's clock. */
    syncStatus: (options?: CallOptions): Promise<SyncStatus> => this.#read('metawatch', () => this.#mos('syncStatus', 'metawatch')(options)),
    /** Port counters, and per-core counters with overflow drops where the device reports them. */
    counters: (options?: CallOptions): Promise<MetawatchCounters> =>
      this.#read('metawatch', () => this.#mos('metawatchCounters', 'metawatch')(options)),
  }

  /**
   * Applies several changes as one atomic unit: on EOS, one configure session committed whole or aborted.
   * `build` records changes on `tx` (each validated at once); nothing is sent until it returns.
   */
  async configure(build: (tx: Transaction) => void | Promise<void>, options: ConfigureOptions = {}): Promise<ConfigureResult> {
    this.#assertOpen()
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
    if (tx.intents.length === 0) return { diff: '', commands: [], applied: false }
    this.#assertWritable(tx.intents)
    if (options.confirmWithinSeconds !== undefined && !this.#driver.commitTimer) {
      throw new UnsupportedError({
        driver: this.#driver.name,
        feature: 'configure.confirmWithinSeconds',
        reason: `the ${this.platform} ${this.#driver.name} driver has no commit timer`,
        ...(this.platform === 'eos' ? { alternative: "driver: 'eapi' or 'ssh'" } : {}),
      })
    }
    const reads = { ...(options.signal ? { signal: options.signal } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }
    const changes = await planChanges(tx.intents, {
      interfaces: () => this.#driver.interfaces(reads),
      lags: () => this.#driver.lags(reads),
      vlans: () => this.#driver.vlans(reads),
      dhcpRelay: () => this.#driver.dhcpRelay(reads),
      l1Ports: () => this.#mos('l1Ports', 'l1')(reads),
      metawatch: () => this.#mos('metawatch', 'metawatch')(reads),
    })
    const applyOptions: ApplyOptions = { ...reads }
    if (options.dryRun) applyOptions.dryRun = true
    if (options.confirmWithinSeconds !== undefined) applyOptions.confirmWithinSeconds = options.confirmWithinSeconds
    const outcome = await this.#driver.apply(changes, applyOptions)
    const result: ConfigureResult = { diff: outcome.diff, commands: outcome.commands, applied: outcome.applied }
    if (outcome.notes) result.notes = outcome.notes
    if (outcome.pending) {
      const { sessionName } = outcome.pending
      result.pending = outcome.pending
      result.confirm = (o?: CallOptions) => this.#driver.confirm(sessionName, o)
      result.rollback = (o?: CallOptions) => this.#driver.rollback(sessionName, o)
    }
    return result
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

  #optional<K extends 'bufferCounters' | 'lanzConfig'>(method: K, feature: Feature): NonNullable<Driver[K]> {
    const fn = this.#driver[method]
    if (!fn) {
      const error = new UnsupportedError({ driver: this.#driver.name, feature: `${feature}.read`, reason: `not available over ${this.#driver.name}` })
      return (() => Promise.reject(error)) as unknown as NonNullable<Driver[K]>
    }
    return fn.bind(this.#driver) as NonNullable<Driver[K]>
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

  #assertOpen(): void {
    if (this.#closed) throw new ClosedError()
  }

  #read<T>(feature: Feature, run: () => Promise<T>): Promise<T> {
    this.#assertOpen()
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

function featureOf(intent: Intent): Feature {
  if (intent.kind === 'l1.setSource') return intent.api
  const prefix = intent.kind.split('.')[0]
  if (prefix === 'vlan') return 'vlans'
  if (prefix === 'interface') return 'interfaces'
  if (prefix === 'lag') return 'lags'
  if (prefix === 'l1' || prefix === 'taps' || prefix === 'metawatch') return prefix
  if (prefix === 'lanz') return 'buffers'
  return 'dhcpRelay'
}
