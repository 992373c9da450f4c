import type { DriverName, Platform } from '../src/index.js'
import type { SecretRef } from './secret-ref.js'

/** TLS settings of an inventory host (eAPI over HTTPS). */
export interface InventoryHostTls {
  readonly fingerprintSha256?: string | undefined
  readonly ca?: SecretRef | undefined
  readonly insecure?: boolean | undefined
  readonly servername?: string | undefined
}

/** SSH settings of an inventory host. */
export interface InventoryHostSsh {
  readonly hostKeySha256?: string | string[] | undefined
  readonly knownHostsFile?: string | undefined
  readonly privateKey?: SecretRef | undefined
  readonly passphrase?: SecretRef | undefined
  readonly insecure?: boolean | undefined
}

/** SNMP settings of an inventory host. */
export interface InventoryHostSnmp {
  readonly version?: '2c' | '3' | undefined
  readonly community?: SecretRef | undefined
  readonly user?:
    | {
        readonly name: string
        readonly authProtocol?: 'sha' | 'sha256' | 'sha512' | 'md5' | undefined
        readonly authKey: SecretRef
        readonly privProtocol?: 'aes' | 'aes256b' | 'aes256r' | 'des' | undefined
        readonly privKey: SecretRef
      }
    | undefined
}

/**
 * One host of an inventory with its settings merged (host over its groups over the defaults). Plain JSON: secrets are
 * still references (`{ env }`, `{ file }` with an absolute path), resolved only when the host is connected.
 */
export interface InventoryHost {
  /** The host's name in the inventory (what results and `--limit` use). */
  readonly name: string
  /** Where to connect: the `address` setting, or the name. */
  readonly address: string
  readonly port?: number | undefined
  readonly driver: DriverName
  readonly platform?: Platform | undefined
  readonly protocol?: 'https' | 'http' | undefined
  readonly username?: string | undefined
  readonly password?: SecretRef | undefined
  readonly enablePassword?: SecretRef | undefined
  readonly timeoutMs?: number | undefined
  readonly tls?: InventoryHostTls | undefined
  readonly ssh?: InventoryHostSsh | undefined
  readonly snmp?: InventoryHostSnmp | undefined
  /** Every group the host is in, the most general first (parents before children). */
  readonly groups: readonly string[]
  /** Data merged from the defaults, the groups and the host. */
  readonly data: Readonly<Record<string, unknown>>
}

/** One group of an inventory. */
export interface InventoryGroup {
  readonly name: string
  /** Groups this one is nested in. */
  readonly parents: readonly string[]
  /** Groups nested in this one. */
  readonly children: readonly string[]
  /** Hosts in the group, directly or through a child group, in inventory order. */
  readonly hosts: readonly string[]
}

/** A loaded inventory: its hosts (settings merged), its groups, and notes about overridden values. */
export interface Inventory {
  /** Every host, in file order. */
  readonly hosts: readonly InventoryHost[]
  /** Every group, in file order. */
  readonly groups: readonly InventoryGroup[]
  /** The file it came from, or `<inline>`. */
  readonly source: string
  /**
   * Values that two unrelated groups of one host both set, with the group that won (see {@link parseInventory} for
   * the order), so that a surprising override can be seen.
   */
  readonly warnings: readonly string[]
}
