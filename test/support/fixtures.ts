import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Directory of the shared real-device recordings. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url))

/** Reads one recorded output, unchanged, as JSON. */
export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${path}`, 'utf8'))
}
