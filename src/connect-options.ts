import { z } from 'zod'
import { PlatformSchema } from './model/facts.js'

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
  ssh: z.record(z.string(), z.unknown()).optional(),
  snmp: z.record(z.string(), z.unknown()).optional(),
  /** Default time limit per call, in ms (default 30 000). */
  timeoutMs: z.number().int().positive().optional(),
  /** Aborts the connection attempt. */
  signal: z.instanceof(AbortSignal).optional(),
})

/** Options of {@link connect}. */
export type ConnectOptions = z.input<typeof ConnectOptionsSchema>
/** TLS settings of the eAPI driver. */
export type TlsOptions = z.input<typeof TlsOptionsSchema>
