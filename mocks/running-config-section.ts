import { CliError } from './cli/cli-error.js'

interface Node {
  line: string
  children: Node[]
}

function parseTree(text: string): Node[] {
  const root: Node[] = []
  const stack: Array<{ indent: number; node: Node }> = []
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd()
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('!') || (trimmed === 'end' && line === trimmed)) continue
    const indent = line.length - line.trimStart().length
    while (stack.length > 0 && (stack.at(-1) as { indent: number }).indent >= indent) stack.pop()
    const node: Node = { line, children: [] }
    const parent = stack.at(-1)
    if (parent) parent.node.children.push(node)
    else root.push(node)
    stack.push({ indent, node })
  }
  return root
}

function all(node: Node): string[] {
  return [node.line, ...node.children.flatMap(all)]
}

function filter(nodes: Node[], pattern: RegExp): string[] {
  return nodes.flatMap((node) => {
    if (pattern.test(node.line.trim())) return all(node)
    const inner = filter(node.children, pattern)
    return inner.length > 0 ? [node.line, ...inner] : []
  })
}

/**
 * EOS's `show running-config section REGEX`: every line that matches, with its parent blocks and all its children,
 * in running-config order; comments, `!` separators and `end` are left out. No match prints nothing.
 */
export function runningConfigSection(text: string, regex: string): string {
  let pattern: RegExp
  try {
    pattern = new RegExp(regex)
  } catch {
    throw new CliError(`Invalid regular expression: '${regex}'`, 1002)
  }
  const lines = filter(parseTree(text), pattern)
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}
