import { z } from 'zod'
import { DesiredStateSchema } from './document-schema.js'

/**
 * The JSON Schema (draft 2020-12) of desired-state documents as a user writes them, generated from the zod schema;
 * published as `switchyard/schema/desired-state.json` for editors (YAML language server, VS Code). Checks that need
 * code (VLAN ranges, cross-references) are done by `parseDesiredState` and `plan`.
 */
export function desiredStateJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DesiredStateSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>
}
