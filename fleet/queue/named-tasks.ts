import { z } from 'zod'
import { SECTION_NAMES, SwitchyardError, toJSONSafe, validate, ValidationError, type CallOptions, type ConfigureResult, type DesiredStateInput, type Device, type Plan } from '../../src/index.js'
import { linesNotReadBack } from '../diff-read-back.js'
import { ShowCommandSchema } from '../../src/raw-config.js'
import { applyChangeSpec, ChangeSpecSchema } from './change-spec.js'

/** What a named task gets besides the device and its arguments. */
export interface QueueTaskContext {
  /** The host's name in the inventory. */
  readonly host: string
  /** Per-call options for every device call (the job's deadline and the worker's shutdown). */
  readonly call: CallOptions
}


/** One task a worker can run by name. */
export interface QueueTaskDefinition<A = unknown> {
  /**
   * True when the task may open a configure session: it then holds the device's lock across all workers, and a job
   * taken over from a dead worker first settles the sessions that worker left.
   */
  readonly writes: boolean
  /** The arguments, checked on the worker before anything is sent (and on the submitter before enqueueing). */
  readonly args: z.ZodType<A>
  /**
   * Runs the task on one connected device and returns a JSON-safe value; `changed: true` in it makes the host's
   * status `changed` (as for an in-process task).
   */
  run(sw: Device, args: A, ctx: QueueTaskContext): Promise<unknown>
}

const NoArgs = z.strictObject({}).default({})
const SessionArgs = z.strictObject({ sessionName: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/).nullable() })
const ConfigureArgs = z.strictObject({ change: ChangeSpecSchema, dryRun: z.boolean().optional() })
const TimedArgs = z
  .strictObject({ change: ChangeSpecSchema.optional(), document: z.record(z.string(), z.unknown()).optional(), confirmWithinSeconds: z.number().int().min(1).max(86_400) })
  .refine((a) => (a.change === undefined) !== (a.document === undefined), { error: 'give a change or a document, not both' })
const PostCheckArgs = z.strictObject({ change: ChangeSpecSchema.optional(), document: z.record(z.string(), z.unknown()).optional(), diff: z.string().max(10_000_000).optional() })
const SafetyArgs = {
  protectedInterfaces: z.array(z.string().regex(/^[A-Za-z0-9/._-]{1,64}$/)).optional(),
  allowProtected: z.boolean().optional(),
  force: z.boolean().optional(),
}
const PlanArgs = z.strictObject({ document: z.record(z.string(), z.unknown()), deviceDiff: z.boolean().optional(), ...SafetyArgs })
const RunningConfigArgs = z.strictObject({ all: z.boolean().optional() }).default({})
const GatherArgs = z.strictObject({ sections: z.array(z.enum(SECTION_NAMES)).min(1).optional() }).default({})
const ShowArgs = z.strictObject({ commands: z.array(ShowCommandSchema).min(1).max(100), text: z.boolean().optional() })
const DesiredApplyArgs = z.strictObject({ document: z.record(z.string(), z.unknown()), dryRun: z.boolean().optional(), confirmWithinSeconds: z.number().int().min(1).max(86_400).optional(), ...SafetyArgs })

/** The safety options of a plan or apply, without the `undefined` ones. */
function safetyOf(args: { protectedInterfaces?: string[] | undefined; allowProtected?: boolean | undefined; force?: boolean | undefined }) {
  return {
    ...(args.protectedInterfaces ? { protectedInterfaces: args.protectedInterfaces } : {}),
    ...(args.allowProtected !== undefined ? { allowProtected: args.allowProtected } : {}),
    ...(args.force !== undefined ? { force: args.force } : {}),
  }
}

/** The JSON part of a plan that a submitter shows: whether it changes, the lines, per resource what changes. */
function planValue(plan: Plan): Record<string, unknown> {
  return toJSONSafe({ changed: plan.changed, lines: plan.lines, resources: plan.resources, notes: plan.notes, basis: plan.basis, ...(plan.deviceDiff === undefined ? {} : { deviceDiff: plan.deviceDiff }) }) as Record<string, unknown>
}

/** Erases a definition's argument type for the registry (its `args` schema still checks them). */
const erase = <A>(definition: QueueTaskDefinition<A>): QueueTaskDefinition<unknown> => definition as unknown as QueueTaskDefinition<unknown>

const read = (fn: (sw: Device, call: CallOptions) => Promise<unknown>): QueueTaskDefinition<unknown> =>
  erase({
    writes: false,
    args: NoArgs,
    run: async (sw, _args, ctx) => toJSONSafe(await fn(sw, ctx.call)),
  })

/** The JSON part of a change's result (no functions). */
export function configureValue(result: ConfigureResult): Record<string, unknown> {
  return {
    diff: result.diff,
    commands: result.commands,
    applied: result.applied,
    changed: result.changed,
    ...(result.pending ? { pending: result.pending } : {}),
    ...(result.notes ? { notes: result.notes } : {}),
  }
}

const BUILT_IN: Record<string, QueueTaskDefinition<unknown>> = {
  facts: read((sw, call) => sw.facts(call)),
  vlans: read((sw, call) => sw.vlans.list(call)),
  interfaces: read((sw, call) => sw.interfaces.list(call)),
  lags: read((sw, call) => sw.lags.list(call)),
  counters: read((sw, call) => sw.counters.interfaces(call)),
  drops: read((sw, call) => sw.counters.drops(call)),
  relay: read((sw, call) => sw.dhcpRelay.get(call)),
  l1: read((sw, call) => sw.l1.list(call)),
  taps: read((sw, call) => sw.taps.list(call)),
  metawatch: read((sw, call) => sw.metawatch.get(call)),
  'running-config': erase({
    writes: false,
    args: RunningConfigArgs,
    run: (sw, args: z.infer<typeof RunningConfigArgs>, ctx) => sw.runningConfig({ ...ctx.call, ...(args.all ? { all: true } : {}) }),
  }),
  gather: erase({
    writes: false,
    args: GatherArgs,
    run: async (sw, args: z.infer<typeof GatherArgs>, ctx) => toJSONSafe(await sw.gather(args.sections, ctx.call)),
  }),
  show: erase({
    writes: false,
    args: ShowArgs,
    // device.cli() refuses anything but a show command (and any pipe) before sending, on the worker as in-process.
    run: async (sw, args: z.infer<typeof ShowArgs>, ctx) => toJSONSafe(args.text ? await sw.cli(args.commands, { ...ctx.call, format: 'text' }) : await sw.cli(args.commands, ctx.call)),
  }),
  configure: erase({
    writes: true,
    args: ConfigureArgs,
    run: async (sw, args: z.infer<typeof ConfigureArgs>, ctx) => {
      const result = await sw.configure((tx) => applyChangeSpec(tx, args.change), { ...ctx.call, ...(args.dryRun ? { dryRun: true } : {}) })
      return { ...configureValue(result), changed: result.changed && !args.dryRun }
    },
  }),
  plan: erase({
    writes: false,
    args: PlanArgs,
    run: async (sw, args: z.infer<typeof PlanArgs>, ctx) => {
      const plan = await sw.plan(args.document as DesiredStateInput, { ...ctx.call, ...safetyOf(args), ...(args.deviceDiff ? { deviceDiff: true } : {}) })
      // A plan changes nothing: `changed` here would make the host `changed`, so it is reported as `drift`.
      const { changed, ...rest } = planValue(plan)
      return { ...rest, drift: changed }
    },
  }),
  apply: erase({
    writes: true,
    args: DesiredApplyArgs,
    run: async (sw, args: z.infer<typeof DesiredApplyArgs>, ctx) => {
      const result = await sw.apply(args.document as DesiredStateInput, {
        ...ctx.call,
        ...safetyOf(args),
        ...(args.dryRun ? { dryRun: true } : {}),
        ...(args.confirmWithinSeconds !== undefined ? { confirmWithinSeconds: args.confirmWithinSeconds } : {}),
      })
      return { ...configureValue(result), changed: result.changed && !args.dryRun, plan: planValue(result.plan) }
    },
  }),
  'apply-with-timer': erase({
    writes: true,
    args: TimedArgs,
    run: async (sw, args: z.infer<typeof TimedArgs>, ctx) => {
      const timed = { ...ctx.call, confirmWithinSeconds: args.confirmWithinSeconds }
      const { change, document } = args
      const result = document ? await sw.apply(document as DesiredStateInput, timed) : await sw.configure((tx) => applyChangeSpec(tx, change as z.infer<typeof ChangeSpecSchema>), timed)
      return configureValue(result)
    },
  }),
  'post-check': erase({
    writes: true,
    args: PostCheckArgs,
    run: async (sw, args: z.infer<typeof PostCheckArgs>, ctx) => {
      const facts = await sw.facts(ctx.call)
      const checks: string[] = ['answers']
      if (args.change) {
        const again = await sw.configure((tx) => applyChangeSpec(tx, args.change as z.infer<typeof ChangeSpecSchema>), { ...ctx.call, dryRun: true })
        if (again.changed) {
          throw new SwitchyardError('SY_CONFLICT', `post-check on ${ctx.host}: the applied state does not read back (the change would still send: ${again.commands.slice(0, 5).join('; ')})`, { host: ctx.host })
        }
        checks.push('reads back')
      }
      if (args.diff !== undefined && args.diff.trim() !== '') {
        // The in-process check: every line of the device's own diff of the applied change shows in the running-config.
        const missing = linesNotReadBack(args.diff, await sw.runningConfig(ctx.call))
        if (missing.length > 0) {
          throw new SwitchyardError('SY_CONFLICT', `post-check on ${ctx.host}: the running-config does not show the change: ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? ` (${missing.length - 5} more)` : ''}`, { host: ctx.host })
        }
        checks.push('reads back')
      }
      if (args.document) {
        const again = await sw.plan(args.document as DesiredStateInput, ctx.call)
        if (again.changed) {
          throw new SwitchyardError('SY_CONFLICT', `post-check on ${ctx.host}: the desired state does not read back (a new plan would still send: ${again.lines.slice(0, 5).join('; ')})`, { host: ctx.host })
        }
        checks.push('desired state reads back')
      }
      return { hostname: facts.hostname, checks }
    },
  }),
  confirm: erase({
    writes: true,
    args: SessionArgs,
    run: async (sw, args: z.infer<typeof SessionArgs>, ctx) => {
      if (args.sessionName === null) return { confirmed: null, changed: false }
      try {
        await sw.confirmSession(args.sessionName, ctx.call)
      } catch (error) {
        // A takeover of a confirm that had landed: the session is completed, which is what was asked.
        if (!(SwitchyardError.isSwitchyardError(error) && error.code === 'SY_COMMIT_EXPIRED' && /confirmed already/.test(error.message))) throw error
      }
      return { confirmed: args.sessionName, changed: true }
    },
  }),
  rollback: erase({
    writes: true,
    args: SessionArgs,
    run: async (sw, args: z.infer<typeof SessionArgs>, ctx) => {
      if (args.sessionName === null) return { rolledBack: null, changed: false }
      try {
        await sw.rollbackSession(args.sessionName, ctx.call)
      } catch (error) {
        if (SwitchyardError.isSwitchyardError(error) && error.code === 'SY_COMMIT_EXPIRED' && /no longer pending/.test(error.message)) {
          return { rolledBack: args.sessionName, changed: false, note: 'it was no longer pending (rolled back by its timer or already)' }
        }
        throw error
      }
      return { rolledBack: args.sessionName, changed: true }
    },
  }),
}

const registry = new Map<string, QueueTaskDefinition<unknown>>(Object.entries(BUILT_IN))

/**
 * Adds a named task (e.g. a desired-state `plan` or `apply`) that workers can run. Workers and submitters must both
 * register it; its arguments must be plain JSON, and never credentials.
 */
export function defineQueueTask<A>(name: string, definition: QueueTaskDefinition<A>): void {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(name)) throw new ValidationError(`invalid task name '${name}'`, [{ path: ['name'], message: 'lowercase letters, digits and -' }])
  registry.set(name, erase(definition))
}

/** The named task, or `undefined`. */
export function queueTask(name: string): QueueTaskDefinition<unknown> | undefined {
  return registry.get(name)
}

/** Every task name workers know. */
export function queueTaskNames(): string[] {
  return [...registry.keys()]
}

/** A task as it travels in a job: its name and JSON arguments. */
export interface QueueTaskSpec {
  name: string
  args?: unknown
}

/**
 * Checks a task's name and arguments (only the name when `checkArgs` is false); returns the parsed arguments. Throws
 * a `ValidationError`.
 */
export function checkTaskSpec(spec: QueueTaskSpec, checkArgs = true): { definition: QueueTaskDefinition<unknown>; args: unknown } {
  const definition = queueTask(spec.name)
  if (!definition) {
    throw new ValidationError(`unknown queue task '${spec.name}' (known: ${queueTaskNames().join(', ')})`, [{ path: ['task', 'name'], message: 'unknown task' }])
  }
  return { definition, args: checkArgs ? validate(definition.args, spec.args ?? {}, `task ${spec.name}`) : undefined }
}
