import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Directory of the real-device recordings kept in the repository (sources and licences in its SOURCES.md). */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url))

/** Reads one recorded output, unchanged, as JSON. */
export function fixture(path: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${path}`, 'utf8'))
}
