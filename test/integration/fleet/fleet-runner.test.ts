import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionError, OutcomeUnknownError, type Device } from 'switchyard'
import { fleet, parseInventory, SecretUnavailableError, type FleetEvent, type Inventory } from 'switchyard/fleet'
import { startFleetLab, type FleetLab } from '../../support/fleet-lab.js'

let lab: FleetLab
beforeAll(async () => {
  lab = await startFleetLab(12)
})
afterAll(() => lab.close())

const run = (inventory?: Inventory) => fleet(inventory ?? lab.inventory, { secrets: { env: lab.env } })
const fast = { retryDelayMs: 5, maxRetryDelayMs: 20 }

describe('fleet runner', () => {
  it('runs a task on every host and returns one result per host, in order', async () => {
    const results = await run().run((sw) => sw.facts(), { kind: 'read' })
    expect(results.map((r) => [r.host, r.status, r.attempts])).toEqual(lab.lab.devices.map((d) => [d.identity.hostname, 'ok', 1]))
    expect(results[0]?.value).toMatchObject({ hostname: 'sw1', platform: 'eos' })
    expect(results.every((r) => r.durationMs >= 0)).toBe(true)
  })

  it('reports changed when the task says so (a configure result)', async () => {
    const results = await run().select('sw1').run((sw) => sw.vlans.create({ id: 3001, name: 'fleet' }))
    expect(results[0]).toMatchObject({ status: 'changed', value: { changed: true } })
    const again = await run().select('sw1').run((sw) => sw.configure((tx) => tx.vlans.delete(3001)))
    expect(again[0]?.status).toBe('changed')
  })

  it('never runs more hosts at once than the concurrency limit', async () => {
    let active = 0
    let peak = 0
    const results = await run().run(
      async (sw) => {
        active++
        peak = Math.max(peak, active)
        await sleep(20)
        await sw.vlans.list()
        active--
      },
      { concurrency: 3, kind: 'read' },
    )
    expect(results).toHaveLength(12)
    expect(peak).toBe(3)
  })

  it('retries a read after connection failures, with backoff, and reports the attempts', async () => {
    const dev = lab.device('sw2')
    dev.faults.dropConnections = true
    const events: Array<FleetEvent<unknown>> = []
    const results = await run()
      .select('sw2')
      .run((sw) => sw.vlans.list(), {
        kind: 'read',
        retries: 3,
        ...fast,
        onEvent: (e) => {
          events.push(e)
          if (e.type === 'host-retry' && e.attempt === 2) dev.faults.dropConnections = false
        },
      })
    dev.faults.dropConnections = false
    expect(results[0]).toMatchObject({ status: 'ok', attempts: 3 })
    expect(events.filter((e) => e.type === 'host-retry').map((e) => e.type === 'host-retry' && e.error.code)).toEqual(['SY_CONNECTION', 'SY_CONNECTION'])
  })

  it('gives up after the retries on an unreachable host', async () => {
    const inv = parseInventory('hosts:\n  gone: { address: 127.0.0.1, port: 1, protocol: http, username: a, password: b }\n')
    const [r] = await run(inv).run((sw) => sw.facts(), { kind: 'read', retries: 2, ...fast })
    expect(r).toMatchObject({ host: 'gone', status: 'failed', attempts: 3, error: { code: 'SY_CONNECTION' } })
  })

  it('never retries a change known to have failed, nor an unknown outcome, nor a change that may have reached the device', async () => {
    const undo = lab.device('sw3').rejectCommand(/^vlan 3003$/, '% not today')
    try {
      const rejected = await run().select('sw3').run((sw) => sw.vlans.create({ id: 3003 }), { retries: 3, ...fast })
      expect(rejected[0]).toMatchObject({ status: 'failed', attempts: 1 })
      expect(['SY_COMMAND_REJECTED', 'SY_COMMIT_FAILED']).toContain(rejected[0]?.error?.code)
    } finally {
      undo()
    }
    const unknown = await run()
      .select('sw3')
      .run(
        async () => {
          throw new OutcomeUnknownError('the commit answer was lost', { sessionName: 'sy-1', commands: ['vlan 5'], check: 'look at session sy-1' })
        },
        { retries: 3, ...fast },
      )
    expect(unknown[0]).toMatchObject({ status: 'unknown', attempts: 1, error: { code: 'SY_OUTCOME_UNKNOWN', details: { sessionName: 'sy-1' } } })
    const sent = async (): Promise<never> => {
      throw new ConnectionError('connection reset after the request was written', { requestSent: true })
    }
    expect((await run().select('sw3').run(sent, { retries: 3, ...fast }))[0]).toMatchObject({ status: 'failed', attempts: 1 })
    expect((await run().select('sw3').run(sent, { retries: 3, kind: 'read', ...fast }))[0]).toMatchObject({ status: 'failed', attempts: 4 })
    const notSent = async (_sw: Device, _h: unknown, ctx: { attempt: number }): Promise<string> => {
      if (ctx.attempt === 1) throw new ConnectionError('connection refused before sending', { requestSent: false })
      return 'done'
    }
    expect((await run().select('sw3').run(notSent, { retries: 3, ...fast }))[0]).toMatchObject({ status: 'ok', attempts: 2, value: 'done' })
  })

  it('ends a hung host at its deadline: failed for a read, unknown for a change cut off while it ran', async () => {
    lab.device('sw4').faults.latencyMs = 5_000
    try {
      const t0 = performance.now()
      const [read] = await run().select('sw4').run((sw) => sw.facts(), { kind: 'read', timeoutMs: 300, retries: 0 })
      expect(performance.now() - t0).toBeLessThan(1_500)
      expect(read).toMatchObject({ status: 'failed', error: { code: 'SY_TIMEOUT' } })
    } finally {
      lab.device('sw4').faults.latencyMs = 0
    }
    const t1 = performance.now()
    const [change] = await run()
      .select('sw4')
      .run(() => new Promise<never>(() => undefined), { timeoutMs: 250 })
    expect(performance.now() - t1).toBeLessThan(1_000)
    expect(change).toMatchObject({ status: 'unknown', error: { code: 'SY_TIMEOUT' } })
    expect(change?.durationMs).toBeGreaterThanOrEqual(240)
  })

  it('on abort, starts no new host and cancels the running ones', async () => {
    const controller = new AbortController()
    const started: string[] = []
    const runP = run().run(
      async (_sw, host, ctx) => {
        started.push(host.name)
        if (started.length === 2) setTimeout(() => controller.abort(), 20)
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve))
        return 'never'
      },
      { concurrency: 2, kind: 'read', signal: controller.signal },
    )
    const results = await runP
    expect(started).toHaveLength(2)
    expect(results.filter((r) => r.status === 'failed').map((r) => r.error?.code)).toEqual(['SY_ABORTED', 'SY_ABORTED'])
    expect(results.filter((r) => r.status === 'skipped')).toHaveLength(10)
  })

  it('takes one signal for a run of many hosts at once without a listener-leak warning', async () => {
    const warnings: string[] = []
    const onWarning = (w: Error) => warnings.push(w.name)
    process.on('warning', onWarning)
    try {
      const results = await run().run((sw) => sw.vlans.list(), { concurrency: 12, kind: 'read', signal: new AbortController().signal })
      await new Promise((resolve) => setImmediate(resolve))
      expect(results.every((r) => r.status === 'ok')).toBe(true)
      expect(warnings).not.toContain('MaxListenersExceededWarning')
    } finally {
      process.off('warning', onWarning)
    }
  })

  it('stops starting hosts once failures pass maxFailPercentage', async () => {
    const results = await run().run(
      async (sw, host) => {
        if ((host.data.index as number) <= 4) throw new Error(`${host.name} failed its check`)
        return sw.facts()
      },
      { concurrency: 1, maxFailPercentage: 25 },
    )
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'failed', 'failed', ...Array(8).fill('skipped')])
    expect(results[5]?.error?.message).toContain('4 of 12 hosts failed, more than 25%')
  })

  it('runs canaries first and then batches, each batch after the previous one ended', async () => {
    const order: Array<[string, string]> = []
    const runP = run().run(
      async (_sw, host) => {
        order.push(['start', host.name])
        await sleep(5)
        order.push(['end', host.name])
      },
      { canary: ['sw5'], serial: [2, '50%'], concurrency: 10 },
    )
    const events: string[] = []
    for await (const e of runP) if (e.type === 'batch-start') events.push(e.hosts.join(' '))
    expect(events).toEqual(['sw5', 'sw1 sw2', 'sw3 sw4 sw6 sw7 sw8 sw9', 'sw10 sw11 sw12'])
    const endOf = (h: string) => order.findIndex(([k, n]) => k === 'end' && n === h)
    const startOf = (h: string) => order.findIndex(([k, n]) => k === 'start' && n === h)
    expect(startOf('sw1')).toBeGreaterThan(endOf('sw5'))
    expect(startOf('sw3')).toBeGreaterThan(Math.max(endOf('sw1'), endOf('sw2')))
    expect(startOf('sw10')).toBeGreaterThan(endOf('sw9'))
  })

  it('halts when a canary fails', async () => {
    const results = await run().run(
      async (_sw, host) => {
        if (host.name === 'sw1') throw new Error('canary broke')
      },
      { canary: 1 },
    )
    expect(results[0]?.status).toBe('failed')
    expect(results.slice(1).every((r) => r.status === 'skipped' && r.error?.message.includes('canary'))).toBe(true)
  })

  it('stops before connecting anything when a secret is missing', async () => {
    const before = lab.lab.endpoints.map((e) => e.eapiHttp.connectionsAccepted)
    const error = await fleet(lab.inventory, { secrets: { env: {} } })
      .run((sw) => sw.facts())
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(error).toBeInstanceOf(SecretUnavailableError)
    expect((error as Error).message).toBe('host sw1: password refers to environment variable SY_LAB_PASSWORD, which is not set')
    expect(lab.lab.endpoints.map((e) => e.eapiHttp.connectionsAccepted)).toEqual(before)
  })

  it('results and events are JSON (errors keep the thrown error out of JSON)', async () => {
    const events: unknown[] = []
    const results = await run()
      .select('sw6')
      .run(
        async () => {
          throw new ConnectionError('boom', { requestSent: true, host: 'sw6' })
        },
        { onEvent: (e) => events.push(e) },
      )
    expect(JSON.parse(JSON.stringify(results))).toEqual([
      { host: 'sw6', status: 'failed', error: { name: 'ConnectionError', code: 'SY_CONNECTION', message: 'boom', details: { host: 'sw6', requestSent: true } }, durationMs: expect.any(Number), attempts: 1 },
    ])
    expect(results[0]?.error?.cause).toBeInstanceOf(ConnectionError)
    expect(JSON.parse(JSON.stringify(events)).map((e: { type: string }) => e.type)).toEqual(['run-start', 'batch-start', 'host-start', 'host-end', 'run-end'])
  })
})
