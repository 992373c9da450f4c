export * from './primitives.js'
export * from './facts.js'
export * from './vlan.js'
export * from './interface.js'
export * from './lag.js'
export * from './counters.js'
export {
  DhcpServerSchema,
  DhcpServerListSchema,
  DhcpRelaySchema,
  DhcpRelayGlobalSchema,
  type DhcpServer,
  type DhcpServerInput,
  type DhcpRelay,
  type DhcpRelayGlobal,
  Ipv6AddressSchema,
  Dhcp6ServerSchema,
  Dhcp6ServerListSchema,
  type Dhcp6Server,
  type Dhcp6ServerInput,
} from './dhcp-relay.js'
export * from './ip-interface.js'
export * from './l1.js'
export {
  TimesourceSchema,
  TsClockSourceSchema,
  AggregationCoreSchema,
  MetawatchSchema,
  TimesourceChangeSchema,
  AggregateSchema,
  MosPortCountersSchema,
  CoreCountersSchema,
  type Timesource,
  type TsClockSource,
  type AggregationCore,
  type Metawatch,
  type TimesourceChange,
  type Aggregate,
  type MosPortCounters,
  type CoreCounters,
  type MetawatchCounters,
  type SyncStatus,
} from './metawatch.js'
export * from './buffers.js'
