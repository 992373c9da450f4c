import { compareInterfaceNames } from '../src/interface-names.js'
import type { MosConfig } from './mos/mos-config.js'

/** A VLAN in the mock's configuration. Absent `name` means the default `VLAN0010` style name. */
export interface VlanConfig {
  name?: string
  state: 'active' | 'suspend'
}

/** A DHCP relay target of an interface (`ip helper-address`). */
export interface HelperAddress {
  address: string
  vrf?: string
  sourceInterface?: string
}

/** One interface in the mock's configuration. */
export interface InterfaceConfig {
  description?: string
  shutdown: boolean
  /** False for a routed port (`no switchport`) and for SVIs, Management and Loopback interfaces. */
  switchport: boolean
  mode: 'access' | 'trunk'
  accessVlan: number
  nativeVlan: number
  /** Canonical EOS range text; `1-4094` means all. */
  allowedVlans: string
  channelGroup?: { id: number; mode: 'active' | 'passive' | 'on' }
  /** Port-Channel only. */
  minLinks?: number
  /** `10.0.0.1/24`. */
  ipAddress?: string
  helpers: HelperAddress[]
  /** Secondary IPv4 addresses (`ip address P secondary`), in configuration order. */
  secondaryAddresses?: string[]
  /** IPv6 addresses (`ipv6 address P`), canonical, in configuration order. */
  ipv6Addresses?: string[]
  /** The interface's VRF (`vrf NAME`); absent: the default VRF. */
  vrf?: string
  /** DHCPv6 relay destinations (`ipv6 dhcp relay destination`). */
  helpers6?: Helper6Address[]
  /** `queue-monitor length thresholds <high> <low>` (LANZ, in the platform's LANZ unit). */
  queueMonitorThresholds?: { high: number; low: number }
}

/** A DHCPv6 relay destination of an interface. */
export interface Helper6Address {
  address: string
  vrf?: string
  localInterface?: string
}

/**
 * What `rollback clean-config` leaves in a configure session: EOS's clean configuration, on this hardware. Every
 * physical port (Ethernet, Management) is kept with default settings and no address; logical interfaces, VLANs
 * other than 1, DHCP relay and the hostname go. A device without `hostname` is named `localhost` (EOS's factory
 * name: the prompt of a freshly booted switch) and its running-config has no `hostname` line; the references hold no
 * recording of a clean config's text (eapi.md §3.5 and ssh.md §4.2 describe it as factory / empty).
 */
export function cleanConfig(config: DeviceConfig): DeviceConfig {
  const interfaces: Record<string, InterfaceConfig> = {}
  for (const name of Object.keys(config.interfaces)) {
    if (name.startsWith('Ethernet') && !name.includes('.')) interfaces[name] = defaultInterface('switchport')
    else if (name.startsWith('Management')) interfaces[name] = defaultInterface('routed')
  }
  return { ...structuredClone(config), hostname: 'localhost', vlans: { 1: { state: 'active' } }, interfaces, dhcpRelay: { servers: [], option82: false } }
}

/**
 * The whole configuration of a mock EOS switch: what `show running-config` prints. Plain data (objects and arrays),
 * so a configure session can take a copy with `structuredClone`.
 */
export interface DeviceConfig {
  hostname: string
  /** Present on a 7130: ports with their L1 sources, and MetaWatch. */
  mos?: MosConfig
  vlans: Record<number, VlanConfig>
  interfaces: Record<string, InterfaceConfig>
  dhcpRelay: { servers: string[]; option82: boolean }
  /** LANZ: `queue-monitor length` (on), and `queue-monitor length default thresholds <high> <low>`. */
  queueMonitor?: { enabled: boolean; defaultThresholds?: { high: number; low: number } }
}

/** A fresh interface with EOS's defaults. */
export function defaultInterface(kind: 'switchport' | 'routed'): InterfaceConfig {
  return {
    shutdown: false,
    switchport: kind === 'switchport',
    mode: 'access',
    accessVlan: 1,
    nativeVlan: 1,
    allowedVlans: '1-4094',
    helpers: [],
  }
}

/** The factory configuration: VLAN 1, `ports` Ethernet ports, Management1 with an address. */
export function initialConfig(hostname: string, ports: number): DeviceConfig {
  const interfaces: Record<string, InterfaceConfig> = {}
  for (let i = 1; i <= ports; i++) interfaces[`Ethernet${i}`] = defaultInterface('switchport')
  interfaces.Management1 = { ...defaultInterface('routed'), ipAddress: '192.0.2.10/24' }
  return { hostname, vlans: { 1: { state: 'active' } }, interfaces, dhcpRelay: { servers: [], option82: false } }
}

/** The name EOS shows for a VLAN. */
export function vlanName(id: number, vlan: VlanConfig): string {
  if (vlan.name !== undefined) return vlan.name
  return id === 1 ? 'default' : `VLAN${String(id).padStart(4, '0')}`
}

/** Interface names of a config in EOS's running-config order: Port-Channel, Ethernet, Loopback, Management, Vlan. */
export function orderedInterfaceNames(config: DeviceConfig): string[] {
  const rank = (name: string) => ['Port-Channel', 'Ethernet', 'Loopback', 'Management', 'Vlan'].findIndex((p) => name.startsWith(p))
  return Object.keys(config.interfaces).sort((a, b) => rank(a) - rank(b) || compareInterfaceNames(a, b))
}
