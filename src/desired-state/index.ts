/**
 * Desired state: one typed document per device (YAML or JSON), planned and applied whole in one configure session,
 * with Ansible's resource states (merged, replaced, overridden, deleted; gathered, rendered, parsed).
 * @packageDocumentation
 */
export * from './document-schema.js'
export { parseDesiredState, validateDesiredState, type DesiredStateIssue, type ParseDesiredStateOptions } from './parse-desired-state.js'
export { parsed, rendered, normalised } from './rendered-and-parsed.js'
export { isPlan, type Plan } from './plan.js'
export type { ResourceDiff, FieldChange, FieldValue } from './resource-diff.js'
export type { PlanSafetyOptions } from './plan-document.js'
export { formatDrift, driftJson, type DriftFormatOptions } from './drift-report.js'
export type { DesiredPlanOptions, DesiredApplyOptions, DesiredApplyResult } from './device-operations.js'
export { desiredStateJsonSchema } from './json-schema.js'
