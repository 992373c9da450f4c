/** Where the CLI writes, and what that stream can show. */
export interface TerminalStream {
  readonly isTTY?: boolean
  write(text: string): unknown
}

/**
 * Whether colours may be used on a stream: only on a terminal, and never when `NO_COLOR` is set
 * (to anything non-empty, per no-color.org) or `--no-color` was given.
 */
export function colorsEnabled(stream: TerminalStream, env: NodeJS.ProcessEnv = process.env, flag = true): boolean {
  if (!flag) return false
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return stream.isTTY === true
}

/** Whether a progress bar may be drawn on a stream: only on a terminal. */
export function progressEnabled(stream: TerminalStream): boolean {
  return stream.isTTY === true
}
