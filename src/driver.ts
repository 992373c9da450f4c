import type { Change } from './changes.js'
import type { Facts, Platform } from './model/facts.js'
import type { Vlan } from './model/vlan.js'
import type { Interface } from './model/interface.js'
import type { Lag } from './model/lag.js'
import type { DropCounters, InterfaceCounters } from './model/counters.js'
import type { DhcpRelay } from './model/dhcp-relay.js'
import type { L1Port } from './model/l1.js'
import type { Metawatch, MetawatchCounters, SyncStatus } from './model/metawatch.js'
import type { IpInterface } from './model/ip-interface.js'
import type { BufferCounters, LanzConfig } from './model/buffers.js'

/** The transports switchyard has drivers for. */
export type DriverName = 'eapi' | 'ssh' | 'snmp'

/** The features a device can offer, each readable and/or writable. */
export type Feature =
  | 'facts'
  | 'vlans'
  | 'interfaces'
  | 'lags'
  | 'counters'
  | 'drops'
  /** Buffers: LANZ congestion records and hardware drop counters. */
  | 'buffers'
  | 'dhcpRelay'
  | 'l1'
  | 'taps'
  | 'metawatch'
  /** Layer 3: interface addresses and VRFs (`l3.list`, `l3.configure`). */
  | 'l3'
  /** The CLI escape hatches: read = `cli()` and `runningConfig()`, write = `tx.lines()` and `replaceConfig()`. */
  | 'config'

/** What a driver can do for one feature on this device. */
export interface FeatureCapability {
  read: boolean
  write: boolean
  /** Why a missing read or write is missing, and what would do it. */
  note?: string
}

/** Per feature, whether this driver on this platform can read and write it. */
export type Capabilities = Readonly<Record<Feature, Readonly<FeatureCapability>>>

/** Options every call accepts. */
export interface CallOptions {
  /** Abort the call; it fails with `SY_ABORTED`. */
  signal?: AbortSignal
  /** Time limit for this call, overriding the connection's default. */
  timeoutMs?: number
}

/** How a change set is applied. */
export interface ApplyOptions extends CallOptions {
  /** Compute the diff, then abort: nothing changes on the device. */
  dryRun?: boolean
  /** Commit with a timer: unless confirmed within this many seconds, the device rolls back by itself. */
  confirmWithinSeconds?: number
  /**
   * Called after the change is staged on the device and before it is committed: re-reads what the change was
   * planned on and throws a `ConflictError` when it no longer holds. The driver then aborts the session.
   */
  recheck?: () => Promise<void>
  /**
   * The same check as `recheck`, given the running-config (text, as `runningConfig({})` reads it) instead of reading
   * it itself. A driver that can read the running-config in the round trip that stages the change, after the session
   * opened, calls this instead of `recheck` (EOS over eAPI and SSH); others call `recheck`.
   */
  recheckRunningConfig?: (runningConfig: string) => Promise<void>
}

/** The state of a configure session on the device, as `show configuration sessions detail` reports it. */
export type SessionState = 'pending' | 'pendingCommitTimer' | 'completed' | 'absent'

/** What became of a change held by a configure session. */
export interface SessionOutcome {
  /** The session asked about. */
  session: string
  /**
   * `completed`: committed; `pendingCommitTimer`: committed, rolls back unless confirmed; `pending`: staged, never
   * committed; `absent`: not on the device (never opened, aborted, or rolled back).
   */
  state: SessionState
  /** Whether the change is in the running-config now. */
  applied: boolean
}

/** Options of a cleanup of sessions left behind by crashed processes. */
export interface CleanupOptions extends CallOptions {
  /** Abort only switchyard sessions opened at least this many seconds ago (default 600). */
  olderThanSeconds?: number
}

/** What a driver reports after applying changes. */
export interface ApplyOutcome {
  /** The device's own diff of the change (running-config before vs after). */
  diff: string
  /** The configuration lines sent, in order. */
  commands: string[]
  /** True when the change is now in the running-config (false for a dry run). */
  applied: boolean
  /** True when the device's configuration differs (or, for a dry run, would differ) because of this change. */
  changed: boolean
  /** For a timed commit: the session to confirm and when it rolls back. */
  pending?: { sessionName: string; rollsBackInSeconds: number }
  /** What the driver did besides the lines asked for (e.g. shutting MetaWatch down around a timesource change). */
  notes?: string[]
}

/**
 * Which counters a driver reads as 32-bit values, by counter name (`inDiscards`, `outErrors`, …): they wrap at 2^32,
 * and rates over them are unwrapped. Counters not listed are 64-bit.
 */
export type CounterWidths = Readonly<Partial<Record<string, 32 | 64>>>

/** Capabilities of a feature no driver of this platform has: read and write refused, with the reason. */
export function notOnThisPlatform(note: string): FeatureCapability {
  return { read: false, write: false, note }
}

/**
 * The contract every driver implements. Drivers get validated, resolved input only: the {@link Device} facade does
 * validation and capability checks before it calls a driver, so the 7130 methods are only called on drivers whose
 * capabilities offer them.
 */
export interface Driver {
  /** The transport, e.g. `eapi`. */
  readonly name: DriverName
  /** The platform, detected at connect time unless given. */
  readonly platform: Platform
  /** What this driver can do on this device. */
  readonly capabilities: Capabilities
  /** Whether changes can be committed with a timer that rolls back unless confirmed (`confirmWithinSeconds`). */
  readonly commitTimer: boolean
  facts(options?: CallOptions): Promise<Facts>
  vlans(options?: CallOptions): Promise<Vlan[]>
  interfaces(options?: CallOptions): Promise<Interface[]>
  lags(options?: CallOptions): Promise<Lag[]>
  interfaceCounters(options?: CallOptions): Promise<InterfaceCounters[]>
  dropCounters(options?: CallOptions): Promise<DropCounters>
  dhcpRelay(options?: CallOptions): Promise<DhcpRelay>
  /** 7130 only: every port of the L1 crosspoint. */
  l1Ports?(options?: CallOptions): Promise<L1Port[]>
  /** 7130 only: MetaWatch settings and aggregation cores. */
  metawatch?(options?: CallOptions): Promise<Metawatch>
  /** 7130 only: port counters, and core counters where the device reports them. */
  metawatchCounters?(options?: CallOptions): Promise<MetawatchCounters>
  /** 7130 only: MetaWatch synchronisation status. */
  syncStatus?(options?: CallOptions): Promise<SyncStatus>
  /** Layer 3: addresses and VRF of every routed interface. */
  ipInterfaces?(options?: CallOptions): Promise<IpInterface[]>
  /** Runs read-only (`show`) commands, already validated; each answer as its JSON model (`json`) or text. */
  cli?(commands: readonly string[], format: 'json' | 'text', options?: CallOptions): Promise<unknown[]>
  /** The running-config as text: `all` with defaults, `section` only the blocks matching that pattern. */
  runningConfig?(query: { all?: boolean; section?: string }, options?: CallOptions): Promise<string>
  /** Buffers: LANZ congestion records and hardware drop counters, where the platform has them. */
  bufferCounters?(options?: CallOptions): Promise<BufferCounters>
  /** Buffers: the LANZ configuration (on or off, thresholds per port). */
  lanzConfig?(options?: CallOptions): Promise<LanzConfig>
  /** Buffers: whether the switch has LANZ at all (learned once per connection; vEOS and cEOS have none). */
  lanzAvailable?(options?: CallOptions): Promise<boolean>
  /** Counters this driver reads as 32-bit values (absent: all are 64-bit). */
  readonly counterWidths?: CounterWidths
  /** The device's own clock for counter samples, in ms since it started (SNMP sysUpTime); absent when there is none. */
  deviceUptimeMs?(options?: CallOptions): Promise<number>
  /** Applies changes atomically: all of them or none. */
  apply(changes: readonly Change[], options?: ApplyOptions): Promise<ApplyOutcome>
  /** Makes a timed commit permanent. */
  confirm(sessionName: string, options?: CallOptions): Promise<void>
  /** Rolls a timed commit back now. */
  rollback(sessionName: string, options?: CallOptions): Promise<void>
  /** Asks the device what became of a configure session (on a fresh connection). */
  sessionOutcome?(sessionName: string, options?: CallOptions): Promise<SessionOutcome>
  /** Sessions this driver staged and could not yet abort (the device was unreachable); aborted at the next change. */
  readonly sessionsToAbort?: readonly string[]
  /** Aborts pending switchyard sessions older than the given age (left by crashed processes); returns their names. */
  cleanupSessions?(options?: CleanupOptions): Promise<string[]>
  /** Releases connections. Idempotent. */
  close(): Promise<void>
}
