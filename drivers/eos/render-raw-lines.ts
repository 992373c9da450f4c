/**
 * Turns validated raw lines, indented as `show running-config` prints them, into CLI lines: each line trimmed, and
 * an `exit` wherever a block ends (a line whose next line is indented deeper opens one), so the lines after them
 * start in global configuration mode again. EOS and MOS both leave a sub-mode with `exit`.
 *
 * @example
 * renderRawLines(['interface Ethernet1', '   description uplink', 'ip routing'])
 * // ['interface Ethernet1', 'description uplink', 'exit', 'ip routing']
 */
export function renderRawLines(lines: readonly string[]): string[] {
  const out: string[] = []
  const open: number[] = []
  const indentOf = (line: string) => line.length - line.trimStart().length
  lines.forEach((line, i) => {
    const indent = indentOf(line)
    while (open.length > 0 && (open.at(-1) as number) >= indent) {
      open.pop()
      out.push('exit')
    }
    out.push(line.trim())
    const next = lines[i + 1]
    if (next !== undefined && indentOf(next) > indent) open.push(indent)
  })
  for (let i = 0; i < open.length; i++) out.push('exit')
  return out
}
