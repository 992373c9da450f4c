import { CliError } from './cli-error.js'

/**
 * One output modifier after a `|`: a text filter or `json` (print the command's JSON model). `grep REGEX` (EOS passes
 * output through Linux filters too; ansible eos_facts sends `| grep route`) is taken as `include`, without grep's
 * options.
 */
export type OutputPipe =
  | { kind: 'include' | 'exclude' | 'begin' | 'section' | 'grep'; pattern: RegExp }
  | { kind: 'count' | 'json' | 'no-more' }

/** A command line split into the command and the modifiers after it. */
export interface PipedLine {
  command: string
  pipes: OutputPipe[]
}

const WITH_REGEX = ['include', 'exclude', 'begin', 'section', 'grep'] as const
const BARE = ['count', 'json', 'no-more'] as const
const KEYWORDS: readonly string[] = [...WITH_REGEX, ...BARE]

/** The modifier keyword a word abbreviates, or why it does not name one. */
function keywordOf(word: string): { kind: string } | { ambiguous: boolean } {
  const lower = word.toLowerCase()
  const hits = KEYWORDS.filter((k) => k.startsWith(lower))
  const kind = hits.includes(lower) ? lower : hits.length === 1 ? hits[0] : undefined
  return kind === undefined ? { ambiguous: hits.length > 1 } : { kind }
}

/**
 * Splits `show running-config | section ^vlan | include name` into the command and its modifiers. A pipe is a `|`
 * standing alone as a word and followed by a modifier keyword (abbreviated as EOS allows: `inc`, `sec`); any other `|`
 * belongs to the regular expression before it, so `include interface | access-group | traffic-filter` (what ansible
 * eos_facts sends for ACL facts) is one alternation, as on EOS, and `include a|b` too. A bad first modifier fails
 * with EOS's parser texts, the token counted over the whole line.
 */
export function splitPipes(line: string): PipedLine {
  const words = line.trim().split(/\s+/).filter((w) => w !== '')
  const firstBar = words.indexOf('|')
  if (firstBar < 0) return { command: line, pipes: [] }
  const bars = words.flatMap((w, i) => (w === '|' && (i === firstBar || 'kind' in keywordOf(words[i + 1] ?? '')) ? [i] : []))
    const pipes: OutputPipe[] = []
  for (let b = 0; b < bars.length; b++) {
    const at = bars[b] as number
    const end = bars[b + 1] ?? words.length
    const keyword = words[at + 1]
    if (keyword === undefined) throw new CliError(`Incomplete command (at token ${at}: '|')`)
    const named = keywordOf(keyword)
    if (!('kind' in named)) {
      throw new CliError(named.ambiguous ? `Ambiguous command (at token ${at + 1}: '${keyword}')` : `Invalid input (at token ${at + 1}: '${keyword}')`)
    }
    const kind = named.kind
    const rest = words.slice(at + 2, end)
    if ((BARE as readonly string[]).includes(kind)) {
      if (rest.length > 0) throw new CliError(`Invalid input (at token ${at + 2}: '${rest[0]}')`)
      pipes.push({ kind: kind as (typeof BARE)[number] })
      continue
    }
    if (rest.length === 0) throw new CliError(`Incomplete command (at token ${at + 1}: '${keyword}')`)
    const source = rest.join(' ')
    let pattern: RegExp
    try {
      pattern = new RegExp(source)
    } catch {
      throw new CliError(`Invalid input (at token ${at + 2}: '${rest[0]}')`)
    }
    pipes.push({ kind: kind as (typeof WITH_REGEX)[number], pattern })
  }
  return { command: words.slice(0, firstBar).join(' '), pipes }
}

/** Whether the modifiers leave the command's JSON model intact (only `json` and `no-more`). */
export function keepsJsonModel(pipes: readonly OutputPipe[]): boolean {
  return pipes.every((p) => p.kind === 'json' || p.kind === 'no-more')
}

/** Applies the text modifiers in order to a command's text output (lines ending in `\n`). `json` is not handled here. */
export function applyTextPipes(text: string, pipes: readonly OutputPipe[]): string {
  let lines = text === '' ? [] : text.replace(/\n$/, '').split('\n')
  for (const pipe of pipes) {
    switch (pipe.kind) {
      case 'include':
      case 'grep':
        lines = lines.filter((l) => pipe.pattern.test(l))
        break
      case 'exclude':
        lines = lines.filter((l) => !pipe.pattern.test(l))
        break
      case 'begin': {
        const at = lines.findIndex((l) => pipe.pattern.test(l))
        lines = at < 0 ? [] : lines.slice(at)
        break
      }
      case 'section':
        lines = sectionLines(lines, pipe.pattern)
        break
      case 'count':
        lines = [String(lines.length)]
        break
      case 'json':
      case 'no-more':
        break
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}

interface Node {
  line: string
  children: Node[]
}

/** Builds the block tree of indented output; `!` separators and blank lines belong to no block and are dropped. */
function tree(lines: readonly string[]): Node[] {
  const roots: Node[] = []
  const stack: Array<{ indent: number; node: Node }> = []
  for (const raw of lines) {
    const line = raw.trimEnd()
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('!') || line === 'end') continue
    const indent = line.length - line.trimStart().length
    while (stack.length > 0 && (stack.at(-1) as { indent: number }).indent >= indent) stack.pop()
    const node: Node = { line, children: [] }
    const parent = stack.at(-1)
    if (parent) parent.node.children.push(node)
    else roots.push(node)
    stack.push({ indent, node })
  }
  return roots
}

function whole(node: Node): string[] {
  return [node.line, ...node.children.flatMap(whole)]
}

function pick(nodes: readonly Node[], pattern: RegExp): string[] {
  return nodes.flatMap((node) => {
    if (pattern.test(node.line.trim())) return whole(node)
    const inner = pick(node.children, pattern)
    return inner.length > 0 ? [node.line, ...inner] : []
  })
}

/**
 * EOS's `section REGEX`: every line that matches (tested without its indentation), with the lines of the blocks it
 * sits in and its whole block beneath it, in output order, at any depth (an interface, a `dhcp relay` block, a
 * `router bgp` block with `vrf` and address-family sub-blocks). Comment and `!` lines and `end` are left out.
 */
export function sectionLines(lines: readonly string[], pattern: RegExp): string[] {
  return pick(tree(lines), pattern)
}
