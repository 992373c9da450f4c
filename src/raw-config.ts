import { z } from 'zod'
import { redactConfigSecrets } from './config-secrets.js'
import { ValidationError } from './errors.js'
import { printable } from './model/primitives.js'
import { validate } from './validate.js'

/**
 * First words a raw configuration line may not start with (nor with any abbreviation of them): they leave the
 * configure session (`end`, `exit`), end or replace it (`abort`, `commit`, `rollback`, `configure`), run something
 * outside the configuration (`bash`, `run`, `do`, `copy`, `write`, `delete`, `reload`, `show`, `terminal`,
 * `enable`, `disable`, `logout`, `quit`, `zerotouch`), or read further input lines (`banner`, `comment`).
 */
export const FORBIDDEN_RAW_KEYWORDS = [
  'end',
  'exit',
  'abort',
  'commit',
  'rollback',
  'configure',
  'bash',
  'run',
  'copy',
  'write',
  'delete',
  'reload',
  'show',
  'terminal',
  'enable',
  'disable',
  'logout',
  'quit',
  'zerotouch',
  'banner',
  'comment',
] as const

const MAX_LINE = 1024
const MAX_LINES = 20_000

function lineProblem(line: string): string | undefined {
  if (!/^[\x20-\x7e]*$/.test(line)) return 'holds a newline, tab or other control or non-ASCII character'
  if (line.length > MAX_LINE) return `is longer than ${MAX_LINE} characters`
  if (line.includes('|')) return "holds '|' (output pipes are not configuration)"
  if (line.includes('?')) return "holds '?' (the CLI would answer with help instead of running it)"
  const first = line.trim().split(' ')[0]?.toLowerCase() ?? ''
  if (first === '') return 'is empty'
  if (first.startsWith('!')) return "is a comment ('!')"
  if (first === 'do') return "starts with 'do' (runs an exec command from configuration)"
  const hit = FORBIDDEN_RAW_KEYWORDS.find((k) => k.startsWith(first))
  if (hit) return `starts with '${first}', ${first === hit ? '' : `an abbreviation of '${hit}', `}which ${reasonOf(hit)}; switchyard opens, closes and commits the configure session itself`
  return undefined
}

function reasonOf(keyword: (typeof FORBIDDEN_RAW_KEYWORDS)[number]): string {
  if (keyword === 'end' || keyword === 'exit') return 'would leave the session or a block (blocks are closed from the indentation)'
  if (keyword === 'abort' || keyword === 'commit' || keyword === 'rollback' || keyword === 'configure') return 'would end or replace the session'
  if (keyword === 'banner' || keyword === 'comment') return 'would read the following lines as its text'
  return 'is not configuration'
}

/**
 * Validates raw configuration lines, written as `show running-config` prints them: a child line indented deeper
 * than its parent (`interface Ethernet1` / `   description uplink`). Returns the lines with trailing spaces
 * removed. Throws a {@link ValidationError} naming every refused line and why.
 */
export function validateRawLines(lines: unknown, what: string): string[] {
  const list = validate(z.array(z.string()).min(1, { error: 'give at least one line' }).max(MAX_LINES), lines, what).map((l) => l.trimEnd())
  const issues: Array<{ path: Array<string | number>; message: string }> = []
  const chain: number[] = []
  list.forEach((line, i) => {
    const problem = lineProblem(line)
    if (problem) {
      issues.push({ path: [i], message: `line ${i + 1} '${printable(redactConfigSecrets(line).slice(0, 80))}' ${problem}` })
      return
    }
    const indent = line.length - line.trimStart().length
    if (i === 0 && indent > 0) issues.push({ path: [i], message: 'the first line must not be indented (it has no parent block)' })
    const previous = chain.at(-1) ?? 0
    while (chain.length > 0 && (chain.at(-1) as number) > indent) chain.pop()
    if (indent < previous && (chain.at(-1) ?? 0) !== indent) {
      issues.push({ path: [i], message: `line ${i + 1} is indented to no enclosing block's level` })
    }
    if (chain.at(-1) === indent) chain.pop()
    chain.push(indent)
  })
  if (issues.length > 0) {
    throw new ValidationError(`invalid input to ${what}: ${issues.map((x) => x.message).join('; ')}`, issues)
  }
  return list
}

/**
 * Turns a whole configuration, as `show running-config` prints it, into lines for a replace: `!` comment lines,
 * blank lines and the final `end` are dropped; every other line is validated as by {@link validateRawLines}.
 */
export function configTextToLines(text: unknown, what: string): string[] {
  const source = validate(z.string().min(1, { error: 'the configuration is empty' }).max(10_000_000), text, what)
  const lines = source
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('!'))
  if (lines.at(-1)?.trim() === 'end') lines.pop()
  if (lines.length === 0) throw new ValidationError(`invalid input to ${what}: the configuration holds no lines`, [{ path: [], message: 'no lines' }])
  return validateRawLines(lines, what)
}

/** A read-only CLI command for `device.cli()`: `show …`, one line, no pipes, no `?`. */
export const ShowCommandSchema = z
  .string()
  .max(MAX_LINE, { error: `a command is at most ${MAX_LINE} characters` })
  .regex(/^[\x20-\x7e]*$/, { error: 'a command may hold printable ASCII only: no newlines or control characters' })
  .refine((c) => !c.includes('|'), { error: "a command may not hold '|' (output pipes such as '| redirect' can write files)" })
  .refine((c) => !c.includes('?'), { error: "a command may not hold '?'" })
  .transform((c) => c.trim().replace(/\s+/g, ' '))
  .refine((c) => /^show( |$)/i.test(c) && c.length > 'show'.length, {
    error: "only show commands may run here (spelled 'show …' in full); configuration goes through configure() or tx.lines()",
  })

/** Commands for `device.cli()`: one command or a list of up to 100. */
export const ShowCommandListSchema = z.union([ShowCommandSchema.transform((c) => [c]), z.array(ShowCommandSchema).min(1).max(100)])

/** Options of `device.runningConfig()`. */
export const RunningConfigOptionsSchema = z.strictObject({
  /** Include default settings (`show running-config all`). */
  all: z.boolean().optional(),
  /**
   * Only the blocks whose lines match this regular expression, each with its parents and children, as EOS's
   * `show running-config section REGEX` prints them.
   */
  section: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x20-\x7e]*$/, { error: 'a section pattern may hold printable ASCII only' })
    .refine((s) => !s.includes('|') && !s.includes('?'), { error: "a section pattern may not hold '|' or '?'" })
    .refine((s) => s.trim() === s, { error: 'a section pattern must not start or end with spaces' })
    .optional(),
})
/** Options of `device.runningConfig()`. */
export type RunningConfigOptions = z.input<typeof RunningConfigOptionsSchema>
