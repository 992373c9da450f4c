/**
 * switchyard: a typed SDK to configure and observe Arista EOS switches and 7130 taps.
 * @packageDocumentation
 */
export { connect } from './connect.js'
export { Device, isPendingCommit, type ConfigureOptions, type ConfigureResult, type TimedConfigureResult, type ConfigureResultFor, type DesiredApplyResultFor } from './device.js'
export { Transaction } from './transaction.js'
export type { Driver, DriverName, Feature, FeatureCapability, Capabilities, CallOptions, ApplyOptions, ApplyOutcome, SessionState, SessionOutcome, CleanupOptions } from './driver.js'
export type { DriverFactory } from './driver-registry.js'
export type { Change, ChangeKind, InterfaceSettings, AllowedVlansSetting } from './changes.js'
export { ConnectOptionsSchema, TlsOptionsSchema, SshOptionsSchema, SnmpOptionsSchema, type ConnectOptions, type ResolvedConnectOptions, type TlsOptions, type SshOptions, type SnmpOptions } from './connect-options.js'
export * from './errors.js'
export * from './model/index.js'
export { normaliseInterfaceName, shortInterfaceName, compareInterfaceNames, portChannelId } from './interface-names.js'
export { parseVlanRanges, formatVlanRanges, VLAN_MIN, VLAN_MAX } from './vlan-ranges.js'
export { validate } from './validate.js'
export { mapConcurrent, type ConcurrentResult, type ConcurrentFulfilled, type ConcurrentRejected, type MapConcurrentOptions } from './concurrency.js'
export { toJSONSafe, stringifyJson, type JsonSafe } from './json-safe.js'
export type { CounterWidths } from './driver.js'
export { computeRates, counterDelta, subjectLabel, type CounterSubject, type CounterReading, type CounterSnapshot, type CounterEvent, type CounterRate, type CounterRateSample } from './counter-rates.js'
export { readingsFromDrops, readingsFromInterfaces, readingsFromBuffers, type WatchedRead } from './counter-readings.js'
export { watchCounters, systemClock, type WatchClock, type WatchOptions, type CounterWatchSample, type Poll } from './counter-watch.js'
export * from './desired-state/index.js'
