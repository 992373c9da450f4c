import { z } from 'zod'
import { validate, type Transaction } from '../../src/index.js'

/**
 * The operations a queued change may hold: each is one `Transaction` method, named `group.method` (or `lines`,
 * `replaceConfig`). Nothing else can be called: the name is checked against this list, and the method validates its
 * own arguments (zod) as it does for a local caller.
 */
export const CHANGE_OPERATIONS = [
  'vlans.create',
  'vlans.update',
  'vlans.delete',
  'interfaces.configure',
  'lags.create',
  'lags.update',
  'lags.addMember',
  'lags.removeMember',
  'lags.delete',
  'dhcpRelay.set',
  'dhcpRelay.clear',
  'dhcpRelay.setGlobal',
  'dhcpRelay.setV6',
  'dhcpRelay.clearV6',
  'lanz.configure',
  'l3.configure',
  'l1.setSource',
  'l1.clearSource',
  'l1.patch',
  'taps.create',
  'taps.remove',
  'metawatch.enable',
  'metawatch.disable',
  'metawatch.setTimesource',
  'metawatch.aggregate',
  'lines',
  'replaceConfig',
] as const

/** One operation of a queued change. */
export type ChangeOperationName = (typeof CHANGE_OPERATIONS)[number]

const JsonValue: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]))

/** One step of a change as JSON: `{ op: 'vlans.create', args: [{ id: 10, name: 'users' }] }`. */
export const ChangeStepSchema = z.strictObject({
  op: z.enum(CHANGE_OPERATIONS),
  args: z.array(JsonValue).max(4).default([]),
})

/** A change as JSON: the steps of one atomic `configure()`, in order (at least one). */
export const ChangeSpecSchema = z.array(ChangeStepSchema).min(1).max(10_000)

/** A change that can travel through a queue: plain JSON, no functions. */
export type ChangeSpec = z.input<typeof ChangeSpecSchema>

/**
 * Records the steps of a JSON change on a transaction (each validated by the transaction as it is recorded).
 *
 * @example
 * ```ts
 * await sw.configure((tx) => applyChangeSpec(tx, [{ op: 'vlans.create', args: [{ id: 10, name: 'users' }] }]))
 * ```
 */
export function applyChangeSpec(tx: Transaction, spec: ChangeSpec): void {
  for (const step of validate(ChangeSpecSchema, spec, 'change')) {
    const [group, method] = step.op.includes('.') ? (step.op.split('.') as [string, string]) : [undefined, step.op]
    const target = (group === undefined ? tx : (tx as unknown as Record<string, unknown>)[group]) as Record<string, unknown>
    const fn = target[method]
    if (typeof fn !== 'function') throw new Error(`change operation ${step.op} is not available`)
    ;(fn as (...args: unknown[]) => void).apply(target, step.args)
  }
}
