import type { Command } from 'commander'
import { integerOption } from '../fleet-options.js'
import { loadInventory } from '../../fleet/load-inventory.js'
import { selectHosts } from '../../fleet/select-hosts.js'
import { queueConnectionFromCli, REDIS_PASSWORD_ENV } from '../../fleet/queue/cli-connection.js'
import { startQueueWorker } from '../../fleet/queue/queue-worker.js'

/** Options of `switchyard worker`. */
export interface WorkerCommandOptions {
  queue: string
  inventory: string
  limit?: string
  concurrency?: number
  name?: string
  queueName?: string
  redisUser?: string
  redisCa?: string
  lockDuration?: number
  stalledInterval?: number
  grace?: number
}

/** Adds `switchyard worker`: runs fleet jobs from a BullMQ queue on Redis until SIGTERM/SIGINT. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(`run fleet jobs from a Redis queue for the hosts of an inventory (JSON log lines on stdout; Redis password from ${REDIS_PASSWORD_ENV})`)
    .requiredOption('--queue <url>', 'redis://host:port[/db] or rediss://… (TLS)')
    .requiredOption('--inventory <file>', 'this worker\'s inventory: jobs name hosts, secrets are resolved here')
    .option('--limit <pattern>', 'only take hosts matching this pattern from the inventory')
    .option('--concurrency <n>', 'jobs at once (default 50)', integerOption(1, 10_000))
    .option('--name <name>', 'worker name in logs (default host:pid)')
    .option('--queue-name <name>', 'BullMQ queue name (default switchyard)')
    .option('--redis-user <name>', 'Redis ACL user')
    .option('--redis-ca <file>', 'CA certificate (PEM) of a rediss:// server')
    .option('--lock-duration <ms>', 'BullMQ job lock; a dead worker\'s jobs are taken over after it (default 30000)', integerOption(1_000, 600_000))
    .option('--stalled-interval <ms>', 'how often stalled jobs are looked for (default 30000)', integerOption(500, 600_000))
    .option('--grace <ms>', 'on SIGTERM: how long running jobs may finish before they are released (default 30000)', integerOption(0, 3_600_000))
    .action(async (options: WorkerCommandOptions) => {
      const inventory = await loadInventory(options.inventory)
      const limited = options.limit ? { ...inventory, hosts: selectHosts(inventory, options.limit) } : inventory
      const worker = await startQueueWorker({
        connection: queueConnectionFromCli(options),
        inventory: limited,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.name ? { name: options.name } : {}),
        ...(options.lockDuration ? { lockDurationMs: options.lockDuration } : {}),
        ...(options.stalledInterval ? { stalledIntervalMs: options.stalledInterval } : {}),
      })
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGTERM', stop)
          process.off('SIGINT', stop)
          void worker.close(options.grace ?? 30_000).then(resolve, resolve)
        }
        process.on('SIGTERM', stop)
        process.on('SIGINT', stop)
      })
    })
}
