/** Escapes text for use inside a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** What a prompt says about the CLI's state. */
export interface PromptState {
  /** The whole prompt, e.g. `sw1(config-s-switch-if-Et1)#`. */
  prompt: string
  privileged: boolean
  /** In a configuration mode (`(config…)#`). */
  configuring: boolean
}

/** Matches any EOS-like prompt at the end of the buffer, before the hostname is known. */
export const ANY_PROMPT = /(?:^|\n)([\w.\-@/:]{1,63}(?:\([^)\n]*\))?[>#]) ?$/

/**
 * Per-device prompt patterns, learned from the hostname: exec `sw1>`, privileged `sw1#`, and every configuration
 * mode `sw1(config…)#`, matched at the very end of the buffer only, so a prompt-looking line inside output never
 * ends a read early.
 */
export class PromptMatcher {
  readonly pattern: RegExp

  constructor(readonly hostname: string) {
    this.pattern = new RegExp(`(?:^|\\n)(${escapeRegExp(hostname)}(?:\\([^)\\n]*\\))?[>#]) ?$`)
  }

  /** Learns the hostname from a prompt such as `sw1>` or `sw1(config)#`. */
  static fromPrompt(prompt: string): PromptMatcher {
    return new PromptMatcher(prompt.replace(/(?:\([^)]*\))?[>#] ?$/, ''))
  }

  /** The prompt at the end of `buffer`, with the text before it, or `undefined`. */
  match(buffer: string): { before: string; state: PromptState } | undefined {
    const m = this.pattern.exec(buffer)
    if (!m) return undefined
    const prompt = m[1] as string
    return {
      before: buffer.slice(0, m.index),
      state: { prompt, privileged: prompt.endsWith('#'), configuring: /\(config[^)]*\)#$/.test(prompt) },
    }
  }
}
