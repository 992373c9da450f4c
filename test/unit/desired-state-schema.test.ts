import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { desiredStateJsonSchema, parseDesiredState } from '../../src/index.js'

const root = new URL('../../', import.meta.url).pathname
const published = JSON.parse(readFileSync(join(root, 'schema/desired-state.json'), 'utf8')) as Record<string, unknown>
const ajv = new Ajv2020({ allErrors: true, strict: false })
const check = ajv.compile(published)

/** Every desired-state document in the repository: examples/desired-state/*.yaml|json. */
function exampleDocuments(): string[] {
  const dir = join(root, 'examples/desired-state')
  return readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join(dir, f))
}

describe('the published JSON Schema of desired-state documents', () => {
  it('is up to date with the zod schema (regenerate: node --import tsx test/support/write-desired-state-schema.ts)', () => {
    expect(published).toEqual(desiredStateJsonSchema())
  })

  it('accepts every example document in the repository, which parseDesiredState accepts too', () => {
    const files = exampleDocuments()
    expect(files.length).toBeGreaterThanOrEqual(2)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      expect(check(parse(text)), `${file}: ${JSON.stringify(check.errors)}`).toBe(true)
      expect(() => parseDesiredState(text, { source: file })).not.toThrow()
    }
  })

  const invalid = parse(readFileSync(join(root, 'test/fixtures/desired-state/invalid-documents.yaml'), 'utf8')) as Array<{ why: string; doc: unknown }>
  it.each(invalid.map((c) => [c.why, c.doc] as const))('rejects a document with %s (and so does parseDesiredState)', (_why, doc) => {
    expect(check(doc)).toBe(false)
    expect(() => parseDesiredState(JSON.stringify(doc))).toThrow(/not a valid desired state/)
  })
})
