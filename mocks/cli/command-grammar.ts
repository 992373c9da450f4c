import { normaliseInterfaceName } from '../../src/interface-names.js'
import { normaliseMosPort } from '../../src/model/l1.js'
import { parseVlanRanges } from '../../src/vlan-ranges.js'
import { formatIpv6, formatPrefix, parseIpv6, parsePrefix } from '../../src/ip-prefix.js'

/** The types a command parameter can have. */
export type ParamType = 'int' | 'vlans' | 'word' | 'iface' | 'mosport' | 'ipv4' | 'prefix' | 'ipv6' | 'prefix6' | 'time' | 'rest'

type Token = { kind: 'keyword'; word: string } | { kind: 'param'; name: string; type: ParamType } | { kind: 'choice'; name: string; words: string[] }

/** Values captured from a command line by name. */
export type CommandArgs = Record<string, string | number | number[] | undefined>

/** One command of one CLI mode. */
export interface CommandSpec<C> {
  /** Source pattern, for diagnostics. */
  pattern: string
  tokens: Token[]
  privileged: boolean
  run: (context: C, args: CommandArgs) => CommandResult
}

/** What a command produced: its JSON model and/or its text. A command with only text is "unconverted" for JSON. */
export interface CommandResult {
  json?: () => unknown
  text?: () => string
}

/** The empty result of configuration and mode commands: `{}` in JSON, `''` in text. */
export const NO_OUTPUT: CommandResult = { json: () => ({}), text: () => '' }

/**
 * Defines commands from patterns such as `ip helper-address <address:ipv4> [vrf <vrf:word>]` or
 * `channel-group <id:int> mode <mode:active|passive|on>`. Optional `[…]` groups expand into every combination.
 */
export function command<C>(pattern: string, run: CommandSpec<C>['run'], options: { privileged?: boolean } = {}): Array<CommandSpec<C>> {
  return expandOptional(pattern).map((variant) => ({
    pattern,
    tokens: tokenize(variant),
    privileged: options.privileged ?? false,
    run,
  }))
}

function expandOptional(pattern: string): string[] {
  const open = pattern.indexOf('[')
  if (open < 0) return [pattern.replace(/\s+/g, ' ').trim()]
  const close = pattern.indexOf(']', open)
  const before = pattern.slice(0, open)
  const inner = pattern.slice(open + 1, close)
  const after = pattern.slice(close + 1)
  return [...expandOptional(`${before} ${after}`), ...expandOptional(`${before} ${inner} ${after}`)]
}

function tokenize(pattern: string): Token[] {
  return pattern.split(' ').map((part): Token => {
    const param = /^<(\w+):([\w|-]+)>$/.exec(part)
    if (!param) return { kind: 'keyword', word: part }
    const [, name = '', type = ''] = param
    if (type.includes('|')) return { kind: 'choice', name, words: type.split('|') }
    return { kind: 'param', name, type: type as ParamType }
  })
}

function parseParam(type: ParamType, value: string): string | number | number[] | undefined {
  switch (type) {
    case 'int':
      return /^\d+$/.test(value) ? Number(value) : undefined
    case 'vlans':
      try {
        return /^[\d,-]+$/.test(value) ? parseVlanRanges(value) : undefined
      } catch {
        return undefined
      }
    case 'iface':
      return normaliseInterfaceName(value)
    case 'mosport':
      return normaliseMosPort(value)
    case 'ipv4':
      return /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(value) ? value : undefined
    case 'prefix': {
      const [ip = '', len] = value.split('/')
      return parseParam('ipv4', ip) !== undefined && len !== undefined && /^\d+$/.test(len) && Number(len) <= 32 ? value : undefined
    }
    case 'ipv6': {
      const v6 = value.includes(':') ? parseIpv6(value) : undefined
      return v6 === undefined ? undefined : formatIpv6(v6)
    }
    case 'prefix6': {
      const p = value.includes(':') ? parsePrefix(value) : undefined
      return p?.family === 6 ? formatPrefix(p) : undefined
    }
    case 'time':
      return /^\d{1,2}:\d{2}:\d{2}$/.test(value) ? value : undefined
    case 'word':
    case 'rest':
      return value
  }
}

/** A matched command and its arguments. */
export interface Match<C> {
  spec: CommandSpec<C>
  args: CommandArgs
}

/** Why a line matched no command: EOS's message and the 0-based token it points at. */
export interface NoMatch {
  message: string
  token: number
}

/**
 * Matches a tokenized line against commands the way EOS's parser does: keywords may be abbreviated to any
 * unambiguous prefix; an exact keyword wins over a longer one. A failure is returned (not thrown, as the interpreter
 * tries several tables per line) with EOS's texts: `Invalid input (at token N: 'x')`,
 * `Incomplete command (at token N: 'x')`, `Ambiguous command (at token N: 'x')`.
 */
export function matchCommand<C>(specs: ReadonlyArray<CommandSpec<C>>, words: readonly string[]): Match<C> | NoMatch {
  type Candidate = { spec: CommandSpec<C>; args: CommandArgs; done: boolean }
  let candidates: Candidate[] = specs.map((spec) => ({ spec, args: {}, done: false }))
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string
    const lower = word.toLowerCase()
    const next: Candidate[] = []
    const keywordHits = new Map<string, Candidate[]>()
    for (const c of candidates) {
      if (c.done) {
        next.push(c)
        continue
      }
      const token = c.spec.tokens[i]
      if (!token) continue
      if (token.kind === 'keyword') {
        if (token.word.startsWith(lower)) keywordHits.set(token.word, [...(keywordHits.get(token.word) ?? []), c])
      } else if (token.kind === 'choice') {
        const hit = token.words.filter((w) => w.startsWith(lower))
        const chosen = hit.includes(lower) ? lower : hit.length === 1 ? hit[0] : undefined
        if (chosen !== undefined) next.push({ ...c, args: { ...c.args, [token.name]: chosen } })
      } else if (token.type === 'rest') {
        next.push({ spec: c.spec, args: { ...c.args, [token.name]: words.slice(i).join(' ') }, done: true })
      } else {
        const value = parseParam(token.type, word)
        if (value !== undefined) next.push({ ...c, args: { ...c.args, [token.name]: value } })
      }
    }
    if (keywordHits.size > 0) {
      const exact = keywordHits.get(lower)
      if (exact) candidates = exact
      else if (keywordHits.size === 1) candidates = [...keywordHits.values()][0] as Candidate[]
      else return { message: `Ambiguous command (at token ${i}: '${word}')`, token: i }
      continue
    }
    if (next.length === 0) return { message: `Invalid input (at token ${i}: '${word}')`, token: i }
    candidates = next
  }
  const complete = candidates.find((c) => c.done || c.spec.tokens.length === words.length)
  if (complete) return { spec: complete.spec, args: complete.args }
  const last = words.length - 1
  return { message: words.length === 0 ? 'Incomplete command' : `Incomplete command (at token ${last}: '${words[last]}')`, token: last }
}
