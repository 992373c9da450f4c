import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { toJSONSafe } from '../src/index.js'
import type { HostResult, HostStatus } from '../fleet/index.js'
import { EXIT_CODES, type ExitCode } from './exit-codes.js'
import { formatTable } from './format-table.js'
import { formatJson, formatNdjson, outputFormatOf } from './output-format.js'
import type { GlobalOptions } from './program.js'
import { colorsEnabled, type TerminalStream } from './terminal.js'

/** Where a command writes. */
export interface CommandIo {
  readonly stdout: TerminalStream
  readonly stderr: TerminalStream & NodeJS.WritableStream
  readonly env: NodeJS.ProcessEnv
}

/** The process's own streams and environment. */
export const processIo: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }

/** A result as printed: JSON-safe (bigints as decimal strings), the error without its thrown cause. */
export function printable<T>(result: HostResult<T>): Record<string, unknown> {
  return toJSONSafe({ ...result }) as Record<string, unknown>
}

/**
 * Prints fleet results: `--json` one array of results, `--ndjson` one result per line, otherwise a table of `rows`
 * (host first) on stdout and each failure on stderr. Returns the exit code: 0 when every host is ok or changed, 3 when
 * some failed, were skipped or are unknown (1 when the one selected host failed).
 */
export function printResults<T>(results: ReadonlyArray<HostResult<T>>, flags: GlobalOptions, io: CommandIo, rows: (value: T) => Array<Record<string, unknown>>): ExitCode {
  const format = outputFormatOf(flags)
  if (format === 'json') io.stdout.write(formatJson(results.map(printable)))
  else if (format === 'ndjson') io.stdout.write(formatNdjson(results.map(printable)))
  else {
    const table = results.flatMap((r) => (r.status === 'ok' || r.status === 'changed' ? rows(r.value as T).map((row) => ({ host: r.host, ...row })) : []))
    io.stdout.write(formatTable(table))
  }
  printFailures(results, flags, io)
  return exitCodeOf(results)
}

/** Writes one line per host that did not succeed to stderr (`host: status CODE message`), coloured on a terminal. */
export function printFailures(results: ReadonlyArray<HostResult<unknown>>, flags: GlobalOptions, io: CommandIo): void {
  const color = colorsEnabled(io.stderr, io.env, flags.color !== false)
  for (const r of results) {
    if (r.status === 'ok' || r.status === 'changed') continue
    const status = color ? paint(r.status, r.status) : r.status
    io.stderr.write(`${r.host}: ${status} ${r.error?.code ?? ''} ${r.error?.message ?? ''}\n`)
  }
}

/** 0 when every host is ok or changed; 1 when the only host failed; 3 otherwise. */
export function exitCodeOf(results: ReadonlyArray<{ readonly status: HostStatus }>): ExitCode {
  const bad = results.filter((r) => r.status !== 'ok' && r.status !== 'changed').length
  if (bad === 0) return EXIT_CODES.ok
  return results.length === 1 ? EXIT_CODES.failed : EXIT_CODES.someHostsFailed
}

/**
 * Writes one file per host into `dir` (created when missing), readable by the owner only: configurations hold
 * hashed secrets and communities. Returns the paths.
 */
export async function writeHostFiles(dir: string, files: ReadonlyArray<{ host: string; name: string; text: string }>): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  return Promise.all(
    files.map(async (f) => {
      const path = join(dir, f.name)
      await writeFile(path, f.text, { mode: 0o600 })
      await chmod(path, 0o600)
      return path
    }),
  )
}

function paint(text: string, status: HostStatus): string {
  const code = status === 'failed' || status === 'unknown' ? 31 : status === 'skipped' ? 33 : 32
  return `\u001b[${code}m${text}\u001b[39m`
}
