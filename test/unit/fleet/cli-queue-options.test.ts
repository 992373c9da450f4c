import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../../cli/program.js'
import { queueOf } from '../../../cli/queue-options.js'

describe('the CLI queue options', () => {
  it('builds the queue connection from --queue and friends, with the password only from SWITCHYARD_REDIS_PASSWORD', () => {
    const queue = queueOf({ queue: 'rediss://q.example.net:6380/2', queueName: 'leaf', redisUser: 'sy', redisCa: '/etc/ca.pem', queueWait: 5000 }, { SWITCHYARD_REDIS_PASSWORD: 's3cret' })
    expect(queue).toEqual({
      connection: { url: 'rediss://q.example.net:6380/2', queueName: 'leaf', username: 'sy', password: 's3cret', tls: { caFile: '/etc/ca.pem' } },
      maxWaitMs: 5000,
    })
    expect(queueOf({ queue: 'redis://127.0.0.1:6379' }, {})).toEqual({ connection: { url: 'redis://127.0.0.1:6379' } })
  })

  it('runs in-process without --queue, and refuses queue options given without it', () => {
    expect(queueOf({}, { SWITCHYARD_REDIS_PASSWORD: 'x' })).toBeUndefined()
    expect(() => queueOf({ redisUser: 'sy', queueWait: 1 })).toThrow('--redis-user, --queue-wait need --queue')
  })

  it('is offered by every fleet subcommand and the worker, and not by mock', () => {
    const program = buildProgram()
    const withQueue = program.commands.filter((c) => c.options.some((o) => o.long === '--queue')).map((c) => c.name())
    expect(withQueue).toEqual(['facts', 'vlans', 'interfaces', 'lags', 'counters', 'drops', 'relay', 'l1', 'taps', 'metawatch', 'cli', 'config', 'gather', 'plan', 'apply', 'worker'])
    // No password option anywhere: it would show in a process list.
    for (const c of program.commands) expect(c.options.some((o) => /password/.test(o.long ?? ''))).toBe(false)
  })
})
