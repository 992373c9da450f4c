/** Writes schema/inventory.json from the zod schema: `node --import tsx test/support/write-inventory-schema.ts`. */
import { writeFileSync } from 'node:fs'
import { inventoryJsonSchema } from '../../fleet/index.js'

writeFileSync(new URL('../../schema/inventory.json', import.meta.url), `${JSON.stringify(inventoryJsonSchema(), null, 2)}\n`)
