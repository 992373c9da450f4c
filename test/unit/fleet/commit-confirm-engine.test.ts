import { describe, expect, it } from 'vitest'
import { ValidationError } from 'switchyard'
import { runCommitConfirm, type AppliedChange, type CommitPhases, type HeldHost } from '../../../fleet/commit-confirm.js'
import type { HostResult } from '../../../fleet/host-result.js'

/** Phases whose every host applies at once and whose confirms and rollbacks take `settleMs`, counting how many overlap. */
function countingPhases(hosts: readonly string[], settleMs: number, failCheckOn?: string) {
  const held = new Map<string, HeldHost>()
  let inFlight = 0
  const seen = { maxInFlight: 0, confirmed: [] as string[], rolledBack: [] as string[] }
  const finish = async (list: string[], host: string) => {
    inFlight += 1
    seen.maxInFlight = Math.max(seen.maxInFlight, inFlight)
    await new Promise((resolve) => setTimeout(resolve, settleMs))
    inFlight -= 1
    list.push(host)
  }
  const phases: CommitPhases = {
    checking: failCheckOn !== undefined,
    async apply(host): Promise<HostResult<AppliedChange>> {
      held.set(host, { expiresAt: Date.now() + 600_000, pending: true })
      return { host, status: 'changed', value: { changed: true, diff: '', commands: ['vlan 10'], sessionName: `s-${host}` }, durationMs: 1, attempts: 1 }
    },
    held: () => held,
    async check(host) {
      return [{ name: 'probe', passed: host !== failCheckOn }]
    },
    confirm: (host) => finish(seen.confirmed, host),
    rollback: (host) => finish(seen.rolledBack, host),
    async close() {},
  }
  return { phases, seen }
}

const hosts = Array.from({ length: 30 }, (_, i) => `sw${i + 1}`)

describe('the commit-confirm engine', () => {
  it('sends at most confirmConcurrency confirms at once, and confirms every held host', async () => {
    const { phases, seen } = countingPhases(hosts, 5)
    const result = await runCommitConfirm(hosts, phases, { confirmWithinSeconds: 600, confirmConcurrency: 4 }, () => undefined)
    expect(result.outcome).toBe('confirmed')
    expect(seen.maxInFlight).toBe(4)
    expect([...seen.confirmed].sort()).toEqual([...hosts].sort())
    expect(result.hosts.every((h) => h.final === 'confirmed')).toBe(true)
  })

  it('bounds the rollbacks the same way when a check fails', async () => {
    const { phases, seen } = countingPhases(hosts, 5, 'sw7')
    const result = await runCommitConfirm(hosts, phases, { confirmWithinSeconds: 600, confirmConcurrency: 3 }, () => undefined)
    expect(result.outcome).toBe('rolled-back')
    expect(seen.maxInFlight).toBe(3)
    expect(seen.rolledBack).toHaveLength(30)
    expect(seen.confirmed).toEqual([])
  })

  it('defaults to 100 confirms in flight', async () => {
    const many = Array.from({ length: 150 }, (_, i) => `h${i}`)
    const { phases, seen } = countingPhases(many, 5)
    await runCommitConfirm(many, phases, { confirmWithinSeconds: 600, concurrency: 150 }, () => undefined)
    expect(seen.maxInFlight).toBe(100)
  })

  it.each([0, 1.5, 10_001])('refuses confirmConcurrency %s before applying anything', async (n) => {
    const { phases, seen } = countingPhases(hosts, 1)
    await expect(runCommitConfirm(hosts, phases, { confirmWithinSeconds: 600, confirmConcurrency: n }, () => undefined)).rejects.toBeInstanceOf(ValidationError)
    expect(phases.held().size).toBe(0)
    expect(seen.confirmed).toEqual([])
  })
})
