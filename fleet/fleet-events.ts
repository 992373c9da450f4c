import type { HostError, HostResult, HostStatus } from './host-result.js'

/**
 * Progress of a fleet run, in order: `run-start`, then per batch `batch-start`, per host `host-start` (each attempt),
 * `host-retry` (before a retry's wait) and `host-end`; `halt` when no new host will be started; `run-end` last.
 * A fleet-wide commit-confirm adds `phase` (apply, check, confirm or rollback begins) and `decision` (confirm or
 * roll back everywhere, and why). Plain JSON except a `host-end`'s `value` (whatever the task returned).
 */
export type FleetEvent<T = unknown> =
  | { readonly type: 'run-start'; readonly hosts: readonly string[]; readonly batches: ReadonlyArray<readonly string[]> }
  | { readonly type: 'batch-start'; readonly batch: number; readonly hosts: readonly string[] }
  | { readonly type: 'host-start'; readonly host: string; readonly attempt: number }
  | { readonly type: 'host-retry'; readonly host: string; readonly attempt: number; readonly delayMs: number; readonly error: HostError }
  | { readonly type: 'host-end'; readonly result: HostResult<T> }
  | { readonly type: 'halt'; readonly reason: 'aborted' | 'canary-failed' | 'max-fail-percentage'; readonly message: string }
  | { readonly type: 'phase'; readonly phase: 'apply' | 'check' | 'confirm' | 'rollback'; readonly hosts: readonly string[] }
  | { readonly type: 'decision'; readonly decision: 'confirm' | 'rollback'; readonly reason: string }
  | { readonly type: 'run-end'; readonly summary: Readonly<Record<HostStatus, number>>; readonly durationMs: number }
