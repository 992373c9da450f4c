import { InvalidArgumentError, type Command } from 'commander'
import type { FleetQueueOptions } from '../fleet/index.js'
import { queueConnectionFromCli, REDIS_PASSWORD_ENV } from '../fleet/queue/cli-connection.js'
import { integerOption } from './fleet-options.js'

/** The queue options of a fleet subcommand that can run on `switchyard worker` processes. */
export interface QueueCommandOptions {
  readonly queue?: string
  readonly queueName?: string
  readonly redisUser?: string
  readonly redisCa?: string
  readonly queueWait?: number
}

/**
 * Adds `--queue URL` (with `--queue-name`, `--redis-user`, `--redis-ca`, `--queue-wait`) to a fleet subcommand: with
 * it, each host becomes one job for the workers, and the command prints and exits as it does in-process. The Redis
 * password is read from `SWITCHYARD_REDIS_PASSWORD` only, never from the command line.
 */
export function withQueueOptions(command: Command): Command {
  return command
    .option('--queue <url>', `run on switchyard workers through this Redis (redis://host:port[/db] or rediss://…); password from ${REDIS_PASSWORD_ENV}`)
    .option('--queue-name <name>', 'BullMQ queue name of the workers (default switchyard)')
    .option('--redis-user <name>', 'Redis ACL user')
    .option('--redis-ca <file>', 'CA certificate (PEM) of a rediss:// server')
    .option('--queue-wait <ms>', 'how long a job may wait for a worker on top of the host deadline before it is given up (default 300000)', integerOption(0, 2 ** 31 - 1))
}

/** The queue a command runs on, or `undefined` without `--queue` (then the other queue options are refused). */
export function queueOf(options: QueueCommandOptions, env: NodeJS.ProcessEnv = process.env): FleetQueueOptions | undefined {
  if (options.queue === undefined) {
    const stray = (['queueName', 'redisUser', 'redisCa', 'queueWait'] as const).filter((k) => options[k] !== undefined)
    if (stray.length > 0) throw new InvalidArgumentError(`${stray.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')} need --queue`)
    return undefined
  }
  const connection = queueConnectionFromCli(
    {
      queue: options.queue,
      ...(options.queueName === undefined ? {} : { queueName: options.queueName }),
      ...(options.redisUser === undefined ? {} : { redisUser: options.redisUser }),
      ...(options.redisCa === undefined ? {} : { redisCa: options.redisCa }),
    },
    env,
  )
  return { connection, ...(options.queueWait === undefined ? {} : { maxWaitMs: options.queueWait }) }
}
