import { z } from 'zod'
import { parseOutput } from './eos-json.js'

/** A mode block of EOS's JSON running-config: its child lines, each a leaf (`null`) or a nested block. */
export interface ConfigBlock {
  cmds: Record<string, ConfigBlock | null>
}

const Block: z.ZodType<ConfigBlock> = z.lazy(() =>
  z.object({ cmds: z.record(z.string(), z.union([z.null(), Block])) }),
)

/** Parses the JSON form of `show running-config` (`{header, cmds: {"line": null | {cmds}}}`). */
export function parseRunningConfigTree(output: unknown): ConfigBlock {
  return parseOutput(Block, output, 'show running-config')
}

/** The child lines of a top-level block such as `interface Ethernet1`, or `[]` when absent. */
export function blockLines(tree: ConfigBlock, header: string): string[] {
  const block = tree.cmds[header]
  return block ? Object.keys(block.cmds) : []
}

/** Every top-level block whose header matches `pattern`, with the match. */
export function matchingBlocks(tree: ConfigBlock, pattern: RegExp): Array<{ match: RegExpExecArray; lines: string[] }> {
  const out: Array<{ match: RegExpExecArray; lines: string[] }> = []
  for (const [header, block] of Object.entries(tree.cmds)) {
    const match = pattern.exec(header)
    if (match) out.push({ match, lines: block ? Object.keys(block.cmds) : [] })
  }
  return out
}
