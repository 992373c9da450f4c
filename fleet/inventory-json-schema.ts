import { z } from 'zod'
import { InventoryFileSchema } from './inventory-schema.js'

/**
 * The JSON Schema (draft 2020-12) of the inventory file, generated from its zod schema: what `schema/inventory.json`
 * holds, for editors (`# yaml-language-server: $schema=…`) and other tools.
 */
export function inventoryJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://switchyard.dev/schema/inventory.json',
    ...z.toJSONSchema(InventoryFileSchema, { target: 'draft-2020-12', io: 'input' }),
  }
}
