/**
 * switchyard/fleet: inventories, the fleet runner and fleet-wide commit-confirm.
 * @packageDocumentation
 */
export type { Inventory, InventoryHost, InventoryGroup, InventoryHostTls, InventoryHostSsh, InventoryHostSnmp } from './inventory.js'
export { parseInventory, type InventorySourceOptions } from './parse-inventory.js'
export { parseEapiConf } from './eapi-conf.js'
export { loadInventory, type InventoryFormat } from './load-inventory.js'
export { selectHosts } from './select-hosts.js'
export { hostConnectOptions, checkSecrets, type SecretSources } from './host-connect-options.js'
export { InventoryError, SecretUnavailableError, formatIssue, type InventoryIssue } from './inventory-error.js'
export { SecretRefSchema, describeSecretRef, isSecretReference, type SecretRef, type EnvSecretRef, type FileSecretRef } from './secret-ref.js'
export {
  InventoryFileSchema,
  InventoryHostSchema,
  InventoryGroupSchema,
  InventoryDefaultsSchema,
  InventoryTlsSchema,
  InventorySshSchema,
  InventorySnmpSchema,
  InventoryNameSchema,
  type InventoryFile,
  type HostSettings,
} from './inventory-schema.js'
export { inventoryJsonSchema } from './inventory-json-schema.js'
export { fleet, Fleet, type FleetOptions, type RunOptions } from './fleet.js'
export { FleetRun } from './fleet-run.js'
export type { FleetEvent } from './fleet-events.js'
export { HOST_STATUSES, toHostError, summarize, type HostStatus, type HostResult, type HostError } from './host-result.js'
export { executeHost, type FleetTask, type TaskContext, type ConnectFunction, type HostExecutionOptions, type HostExecutionContext } from './host-execution.js'
export { scheduleHosts, type ScheduleOptions, type DispatchHost } from './scheduler.js'
export { planBatches, type RolloutOptions, type BatchSize } from './rollout.js'
export { isRetryable, backoffMs, type TaskKind, type AttemptPhase } from './retry-policy.js'
export type { FleetConfigureOptions } from './fleet.js'
export type { FleetChange, ChangeContext, CommitConfirmOptions, CommitConfirmResult, CommitHostResult, CommitFinal, AppliedChange, CheckOutcome } from './commit-confirm.js'
export { postChecks, asPostCheck, type PostCheck, type PostCheckContext } from './post-checks.js'
export { linesNotReadBack } from './diff-read-back.js'
export type { FleetApplyOptions } from './fleet.js'
export { loadDesiredStateFiles, mergeDesiredLayers, type DesiredStateFiles } from './desired-state-files.js'
export { startQueueWorker, type QueueWorker, type QueueWorkerOptions, type WorkerLogLine } from './queue/queue-worker.js'
export { openQueueDispatch, type FleetQueueOptions, type QueueDispatch, type QueueDispatchSettings } from './queue/queue-dispatch.js'
export { defineQueueTask, queueTask, queueTaskNames, checkTaskSpec, configureValue, type QueueTaskDefinition, type QueueTaskContext, type QueueTaskSpec } from './queue/named-tasks.js'
export { applyChangeSpec, ChangeSpecSchema, ChangeStepSchema, CHANGE_OPERATIONS, type ChangeSpec, type ChangeOperationName } from './queue/change-spec.js'
export { redisClientOptions, describeQueueUrl, type QueueConnection, type RedisClientOptions } from './queue/redis-connection.js'
export { queueConnectionFromCli, REDIS_PASSWORD_ENV, type QueueCliOptions } from './queue/cli-connection.js'
export { settleLeftSessions, type SettledSession } from './queue/settle-left-sessions.js'
export type { QueuedChange } from './commit-confirm.js'
export type { QueueRunTask } from './fleet.js'
export type { QueuedTask } from './queue/queue-dispatch.js'
