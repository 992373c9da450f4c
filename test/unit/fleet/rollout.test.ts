import { describe, expect, it } from 'vitest'
import { backoffMs, isRetryable, planBatches } from 'switchyard/fleet'
import { CommitFailedError, ConnectionError, OutcomeUnknownError, TimeoutError } from 'switchyard'

const hosts = Array.from({ length: 10 }, (_, i) => `h${i + 1}`)

describe('planBatches', () => {
  it('puts canaries first, then serial batches whose last size repeats', () => {
    expect(planBatches(hosts)).toEqual([hosts])
    expect(planBatches(hosts, { canary: 2 })).toEqual([['h1', 'h2'], hosts.slice(2)])
    expect(planBatches(hosts, { canary: ['h7'], serial: [1, '30%'] })).toEqual([['h7'], ['h1'], ['h2', 'h3', 'h4'], ['h5', 'h6', 'h8'], ['h9', 'h10']])
    expect(planBatches(hosts, { serial: 4 }).map((b) => b.length)).toEqual([4, 4, 2])
  })

  it('refuses bad sizes and unknown canaries', () => {
    expect(() => planBatches(hosts, { serial: 0 })).toThrow(/serial/)
    expect(() => planBatches(hosts, { serial: '150%' })).toThrow(/percentage/)
    expect(() => planBatches(hosts, { canary: ['nope'] })).toThrow(/canary 'nope'/)
  })
})

describe('retry policy', () => {
  it('retries connection-level failures only where nothing can have changed', () => {
    const sent = new ConnectionError('reset', { requestSent: true })
    const notSent = new ConnectionError('refused', { requestSent: false })
    expect(isRetryable(sent, 'connect', 'change')).toBe(true)
    expect(isRetryable(sent, 'task', 'change')).toBe(false)
    expect(isRetryable(sent, 'task', 'read')).toBe(true)
    expect(isRetryable(notSent, 'task', 'change')).toBe(true)
    expect(isRetryable(new TimeoutError('slow', 10, { requestSent: true }), 'task', 'read')).toBe(true)
    expect(isRetryable(new CommitFailedError('no', []), 'task', 'read')).toBe(false)
    expect(isRetryable(new OutcomeUnknownError('?', { sessionName: 's', commands: [], check: 'c' }), 'task', 'read')).toBe(false)
    expect(isRetryable(new Error('plain'), 'connect', 'read')).toBe(false)
  })

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 100, 10_000, () => 0)).toBe(50)
    expect(backoffMs(3, 100, 10_000, () => 1)).toBe(400)
    expect(backoffMs(20, 100, 1_000, () => 1)).toBe(1_000)
  })
})
