import { z } from 'zod'
import { ConnectOptionsSchema, PlatformSchema, SnmpOptionsSchema, SshOptionsSchema, TlsOptionsSchema } from '../src/index.js'
import { SecretRefSchema } from './secret-ref.js'

/** A host or group name: letters, digits, `.`, `_` and `-` (so that `--limit` patterns stay unambiguous). */
export const InventoryNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'a name has letters, digits, ".", "_" and "-" only, and starts with a letter or digit' })

/** Free-form data of a host or group (site, role, rack…), for selection (`key=value`) and templating. */
export const InventoryDataSchema = z.record(z.string(), z.unknown())

/** TLS settings of an eAPI host: a pinned certificate fingerprint or a CA, verified unless `insecure: true`. */
export const InventoryTlsSchema = z.strictObject({
  /** Pin the device certificate by its SHA-256 fingerprint; the chain is then not consulted. */
  fingerprintSha256: TlsOptionsSchema.shape.fingerprintSha256,
  /** CA certificate(s) to trust, PEM: inline, `{ file }` or `{ env }`. */
  ca: SecretRefSchema.optional(),
  /** Accept any certificate. Insecure: the connection can be intercepted. */
  insecure: z.boolean().optional(),
  /** Server name to verify instead of the address. */
  servername: z.string().min(1).optional(),
})

/** SSH settings of a host: a pinned host key or a known_hosts file, and a private key. */
export const InventorySshSchema = z.strictObject({
  /** Pinned host key fingerprint(s), `SHA256:…`. */
  hostKeySha256: SshOptionsSchema.shape.hostKeySha256,
  /** An OpenSSH known_hosts file (`~` is the home directory; relative to the inventory file). */
  knownHostsFile: z.string().min(1).optional(),
  /** Private key for public-key authentication: `{ file }` or `{ env }` (or inline PEM). */
  privateKey: SecretRefSchema.optional(),
  /** Passphrase of the private key. */
  passphrase: SecretRefSchema.optional(),
  /** Accept any host key. Insecure: the connection can be intercepted. */
  insecure: z.boolean().optional(),
})

/** SNMP settings of a host: v2c with a community, or v3 with a user. */
export const InventorySnmpSchema = z.strictObject({
  version: SnmpOptionsSchema.shape.version,
  community: SecretRefSchema.optional(),
  user: z
    .strictObject({
      name: z.string().min(1),
      authProtocol: z.enum(['sha', 'sha256', 'sha512', 'md5']).optional(),
      authKey: SecretRefSchema,
      privProtocol: z.enum(['aes', 'aes256b', 'aes256r', 'des']).optional(),
      privKey: SecretRefSchema,
    })
    .optional(),
})

/** Connection settings shared by hosts, group defaults and the top-level defaults. */
export const HostSettingsShape = {
  /** Hostname or IP address to connect to (default: the host's name). */
  address: ConnectOptionsSchema.shape.host.optional(),
  port: ConnectOptionsSchema.shape.port,
  /** `eapi` (default), `ssh` or `snmp`. */
  driver: ConnectOptionsSchema.shape.driver.optional(),
  /** `eos` or `mos`; detected when not given. */
  platform: PlatformSchema.optional(),
  /** eAPI only: `https` (default) or `http`. */
  protocol: ConnectOptionsSchema.shape.protocol,
  username: z.string().min(1).optional(),
  password: SecretRefSchema.optional(),
  enablePassword: SecretRefSchema.optional(),
  /** Time limit of each call, in ms. */
  timeoutMs: ConnectOptionsSchema.shape.timeoutMs,
  tls: InventoryTlsSchema.optional(),
  ssh: InventorySshSchema.optional(),
  snmp: InventorySnmpSchema.optional(),
} as const

/** Defaults for every host (top level) or for the hosts of a group: connection settings and data. */
export const InventoryDefaultsSchema = z.strictObject({ ...HostSettingsShape, data: InventoryDataSchema.optional() })

/** One host: connection settings, the groups it belongs to, and free-form data. */
export const InventoryHostSchema = z.strictObject({
  ...HostSettingsShape,
  /** Groups the host belongs to directly (their parent groups follow). */
  groups: z.array(InventoryNameSchema).optional(),
  data: InventoryDataSchema.optional(),
})

/** One group: defaults and data for its hosts, and nested child groups. */
export const InventoryGroupSchema = z.strictObject({
  /** Connection settings for the group's hosts (same keys as a host). */
  defaults: z.strictObject(HostSettingsShape).optional(),
  /** Data for the group's hosts. */
  data: InventoryDataSchema.optional(),
  /** Groups nested in this one: their hosts are this group's hosts too. */
  children: z.array(InventoryNameSchema).optional(),
})

/** A switchyard inventory file. */
export const InventoryFileSchema = z
  .strictObject({
    defaults: InventoryDefaultsSchema.optional(),
    groups: z.record(InventoryNameSchema, InventoryGroupSchema).optional(),
    hosts: z.record(InventoryNameSchema, InventoryHostSchema.nullable()),
  })
  .meta({ title: 'switchyard inventory', description: 'Hosts, nested groups and defaults of a switchyard fleet.' })

/** A switchyard inventory file, as written. */
export type InventoryFile = z.input<typeof InventoryFileSchema>
/** Connection settings of a host, a group's defaults or the top-level defaults. */
export type HostSettings = z.output<z.ZodObject<typeof HostSettingsShape>>
