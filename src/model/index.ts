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
} from './dhcp-relay.js'
