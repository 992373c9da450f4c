/** Writes schema/desired-state.json from the zod schema: `node --import tsx test/support/write-desired-state-schema.ts`. */
import { writeFileSync } from 'node:fs'
import { desiredStateJsonSchema } from '../../src/index.js'

writeFileSync(new URL('../../schema/desired-state.json', import.meta.url), `${JSON.stringify(desiredStateJsonSchema(), null, 2)}\n`)
