import { z } from 'zod'
import { TopologySchema } from './topology-schema.js'

/** The JSON Schema (draft 2020-12) of a lab topology, generated from the zod schema; published as schema/lab-topology.json. */
export function topologyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(TopologySchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>
}

/** The text of schema/lab-topology.json. */
export function topologyJsonSchemaText(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`
}
