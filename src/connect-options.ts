import { z } from 'zod'
import { PlatformSchema } from './model/facts.js'

/** Largest time limit accepted, in ms: 2^31-1, the longest delay a Node timer can wait. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1

/** A time limit in ms: an integer from 1 to 2^31-1. */
export const TimeoutMsSchema = z
  .number({ error: 'a time limit must be a number of milliseconds' })
  .int({ error: 'a time limit must be a whole number of milliseconds' })
  .min(1, { error: 'a time limit must be at least 1 ms' })
  .max(MAX_TIMEOUT_MS, { error: `a time limit must be at most ${MAX_TIMEOUT_MS} ms (about 24.8 days)` })

/** Default largest answer accepted from a device: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

/** TLS settings of the eAPI driver. Certificates are verified unless `rejectUnauthorized: false` is given by name. */
export const TlsOptionsSchema = z.strictObject({
  /** PEM certificate(s) of the CA, or the device's own self-signed certificate, to trust. */
  ca: z.union([z.string(), z.array(z.string())]).optional(),
  /** Pin the device certificate by its SHA-256 fingerprint (`AB:CD:…` or plain hex); the chain is then not consulted. */
  fingerprintSha256: z
    .string()
    .regex(/^(?:[0-9A-Fa-f]{2}:?){32}$/, { error: 'a SHA-256 fingerprint is 32 hex bytes, e.g. AB:CD:…' })
    .optional(),
  /** Set to `false` to accept any certificate. Insecure: the connection can be intercepted. */
  rejectUnauthorized: z.boolean().optional(),
  /** Server name to verify instead of `host`. */
  servername: z.string().optional(),
})

/** SSH settings. Host keys are checked unless `acceptAnyHostKey: true` is given by name. */
export const SshOptionsSchema = z.strictObject({
  /** Pinned host key fingerprint(s), `SHA256:…` as `ssh-keygen -lf` prints them. */
  hostKeySha256: z.union([z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, { error: 'a host key fingerprint looks like SHA256:<43 base64 characters>' }), z.array(z.string())]).optional(),
  /** An OpenSSH known_hosts file to check the host key against (plain or hashed host names). */
  knownHostsFile: z.string().optional(),
  /** Accept any host key. Insecure: the connection can be intercepted. */
  acceptAnyHostKey: z.boolean().optional(),
  /** A private key (PEM/OpenSSH text) for public-key authentication. */
  privateKey: z.string().optional(),
  passphrase: z.string().optional(),
  /** Answer keyboard-interactive prompts with the password (default true; Arista often asks this way). */
  tryKeyboard: z.boolean().optional(),
  /** ssh2 algorithm overrides for old devices, e.g. `{ kex: { append: ['diffie-hellman-group14-sha1'] } }`. */
  algorithms: z.record(z.string(), z.unknown()).optional(),
  /** TCP connect time limit in ms (default 10 000). */
  connectTimeoutMs: TimeoutMsSchema.optional(),
  /** SSH handshake time limit in ms (default 15 000). */
  handshakeTimeoutMs: TimeoutMsSchema.optional(),
  /** Authentication time limit in ms (default 15 000). */
  authTimeoutMs: TimeoutMsSchema.optional(),
  /** SSH keepalive interval in ms (default 15 000; 0 turns it off). */
  keepaliveIntervalMs: z.number().int().min(0).max(MAX_TIMEOUT_MS).optional(),
})

/** SNMP settings: v2c with a community, or v3 with a user (authPriv, SHA and AES by default). */
export const SnmpOptionsSchema = z.strictObject({
  version: z.enum(['2c', '3']).optional(),
  community: z.string().min(1).optional(),
  user: z
    .strictObject({
      name: z.string().min(1),
      authProtocol: z.enum(['sha', 'sha256', 'sha512', 'md5']).optional(),
      authKey: z.string().min(8, { error: 'an SNMPv3 auth key has at least 8 characters' }),
      privProtocol: z.enum(['aes', 'aes256b', 'aes256r', 'des']).optional(),
      privKey: z.string().min(8, { error: 'an SNMPv3 privacy key has at least 8 characters' }),
    })
    .optional(),
  /** Retries of a read after a timeout (default 2). Writes are never retried. */
  retries: z.number().int().min(0).max(10).optional(),
  /** Time limit of one request in ms (default 2000). */
  requestTimeoutMs: TimeoutMsSchema.optional(),
  /** GETBULK max-repetitions (default 40). */
  maxRepetitions: z.number().int().min(1).max(200).optional(),
  /** Most varbinds one table read may return (default 200 000); a larger table is an error, never an endless walk. */
  maxVarbinds: z.number().int().positive().optional(),
})

/** Options of {@link connect}. */
export const ConnectOptionsSchema = z.strictObject({
  host: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9.:_\-[\]%]+$/, { error: 'host must be a hostname or an IP address' }),
  port: z.number().int().min(1).max(65535).optional(),
  driver: z.enum(['eapi', 'ssh', 'snmp']),
  platform: PlatformSchema.optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  enablePassword: z.string().optional(),
  protocol: z.enum(['https', 'http']).optional(),
  tls: TlsOptionsSchema.optional(),
  ssh: SshOptionsSchema.optional(),
  snmp: SnmpOptionsSchema.optional(),
  /** Default time limit per call, in ms (default 30 000). */
  timeoutMs: TimeoutMsSchema.optional(),
  /**
   * Largest answer accepted from the device, in bytes (default 64 MiB): past it the request is cut off and the call
   * fails with `SY_RESPONSE_TOO_LARGE`, so no answer can exhaust the process's memory.
   */
  maxResponseBytes: z.number().int().min(1024).max(1024 ** 3).optional(),
  /** Aborts the connection attempt. */
  signal: z.instanceof(AbortSignal).optional(),
})

/** Options of {@link connect}. */
export type ConnectOptions = z.input<typeof ConnectOptionsSchema>
/** Connection options after validation, as drivers receive them. */
export type ResolvedConnectOptions = z.output<typeof ConnectOptionsSchema>
/** TLS settings of the eAPI driver. */
export type TlsOptions = z.input<typeof TlsOptionsSchema>
/** SSH settings of the SSH driver. */
export type SshOptions = z.input<typeof SshOptionsSchema>
/** SNMP settings of the SNMP driver. */
export type SnmpOptions = z.input<typeof SnmpOptionsSchema>
