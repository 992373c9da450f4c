import type { QueueConnection } from './redis-connection.js'

/** The environment variable the CLI reads the Redis password from (never a command-line argument). */
export const REDIS_PASSWORD_ENV = 'SWITCHYARD_REDIS_PASSWORD'

/** What the CLI's queue options hold. */
export interface QueueCliOptions {
  queue: string
  queueName?: string
  redisUser?: string
  redisCa?: string
}

/**
 * The queue connection of a CLI command: the URL of `--queue`, `--queue-name`, `--redis-user`, `--redis-ca` (for
 * `rediss://`), and the password from `SWITCHYARD_REDIS_PASSWORD` so that it never shows in a process list.
 */
export function queueConnectionFromCli(options: QueueCliOptions, env: NodeJS.ProcessEnv = process.env): QueueConnection {
  const password = env[REDIS_PASSWORD_ENV]
  return {
    url: options.queue,
    ...(options.queueName ? { queueName: options.queueName } : {}),
    ...(options.redisUser ? { username: options.redisUser } : {}),
    ...(password ? { password } : {}),
    ...(options.redisCa ? { tls: { caFile: options.redisCa } } : {}),
  }
}
