import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { validate, ValidationError } from '../../src/index.js'

/**
 * Where the queue lives: a Redis 7 (or Valkey) server. Credentials are given apart from the URL so that they never
 * appear in a process list, a log line or an error: `password` (with `username` for an ACL user), and for TLS
 * (`rediss://`) the CA that signs the server's certificate.
 *
 * @example
 * ```ts
 * const connection = { url: 'rediss://queue.example.net:6380/0', username: 'switchyard', password: process.env.REDIS_PASSWORD, tls: { caFile: '/etc/switchyard/redis-ca.pem' } }
 * ```
 */
export interface QueueConnection {
  /** `redis://host[:port][/db]` or `rediss://…` (TLS). Credentials in the URL are accepted but discouraged. */
  url: string
  /** ACL user (Redis 6+); the `default` user when absent. */
  username?: string
  /** The user's password (`requirepass` for the default user). */
  password?: string
  /** TLS settings for `rediss://`: the CA (PEM text or a file), the name to verify, and nothing else. */
  tls?: { ca?: string; caFile?: string; servername?: string }
  /** Name of the BullMQ queue (default `switchyard`); workers and submitters of one deployment share it. */
  queueName?: string
  /** Prefix of every Redis key (default `switchyard`). */
  prefix?: string
}

const QueueConnectionSchema = z.strictObject({
  url: z.string().regex(/^rediss?:\/\//, { error: 'the queue URL starts with redis:// or rediss://' }),
  username: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  tls: z.strictObject({ ca: z.string().optional(), caFile: z.string().optional(), servername: z.string().optional() }).optional(),
  queueName: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional(),
  prefix: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional(),
})

/** The ioredis options a connection turns into (what BullMQ's `connection` takes). */
export interface RedisClientOptions {
  host: string
  port: number
  db: number
  username?: string
  password?: string
  tls?: { ca?: string; servername?: string }
  maxRetriesPerRequest: null
  connectionName?: string
  retryStrategy: (times: number) => number
}

/**
 * Turns a {@link QueueConnection} into ioredis options: host, port and database from the URL, credentials from the
 * options (or the URL), TLS with the given CA for `rediss://`. Reconnects forever with a capped backoff, and never
 * fails a command because Redis is away (BullMQ's blocking reads need `maxRetriesPerRequest: null`).
 */
export async function redisClientOptions(connection: QueueConnection): Promise<RedisClientOptions> {
  const c = validate(QueueConnectionSchema, connection, 'queue connection')
  let url: URL
  try {
    url = new URL(c.url)
  } catch {
    throw new ValidationError(`invalid queue URL ${describeQueueUrl(c.url)}`, [{ path: ['url'], message: 'not a URL' }])
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0
  if (!Number.isInteger(db) || db < 0) throw new ValidationError(`invalid database in queue URL ${describeQueueUrl(c.url)}`, [{ path: ['url'], message: 'the path is a database number' }])
  const options: RedisClientOptions = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : 6379,
    db,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(200 * times, 2_000),
  }
  const username = c.username ?? (url.username ? decodeURIComponent(url.username) : undefined)
  const password = c.password ?? (url.password ? decodeURIComponent(url.password) : undefined)
  if (username !== undefined) options.username = username
  if (password !== undefined) options.password = password
  if (url.protocol === 'rediss:') {
    const ca = c.tls?.ca ?? (c.tls?.caFile ? await readFile(c.tls.caFile, 'utf8') : undefined)
    options.tls = { ...(ca === undefined ? {} : { ca }), ...(c.tls?.servername ? { servername: c.tls.servername } : {}) }
  } else if (c.tls?.ca || c.tls?.caFile) {
    throw new ValidationError('a CA was given for a redis:// URL: use rediss:// for TLS', [{ path: ['tls'], message: 'only with rediss://' }])
  }
  return options
}

/** The queue URL as it may be logged: without user or password. */
export function describeQueueUrl(url: string): string {
  try {
    const u = new URL(url)
    u.username = ''
    u.password = ''
    return u.toString()
  } catch {
    return '<invalid URL>'
  }
}

/** The queue name and key prefix of a connection, defaults applied. */
export function queueNames(connection: QueueConnection): { queueName: string; prefix: string } {
  return { queueName: connection.queueName ?? 'switchyard', prefix: connection.prefix ?? 'switchyard' }
}
