import { readFileSync } from 'node:fs'

/** The package version, read from package.json next to the source or the built output. */
export const VERSION: string = readVersion()

function readVersion(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8'))
      if (typeof parsed === 'object' && parsed !== null && 'name' in parsed && parsed.name === 'switchyard' && 'version' in parsed) {
        return String(parsed.version)
      }
    } catch {
      continue
    }
  }
  return '0.0.0'
}
