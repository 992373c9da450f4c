/**
 * Turns a shell-style glob (`*` any run of characters, `?` one character, `[abc]` / `[a-z]` / `[!a]` a class) into an
 * anchored, case-sensitive regular expression. Everything else matches itself.
 */
export function globToRegExp(glob: string): RegExp {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string
    if (c === '*') out += '.*'
    else if (c === '?') out += '.'
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2)
      if (end < 0) {
        out += '\\['
        continue
      }
      let body = glob.slice(i + 1, end)
      if (body.startsWith('!')) body = `^${body.slice(1)}`
      out += `[${body.replace(/\\/g, '\\\\')}]`
      i = end
    } else out += c.replace(/[.+^${}()|\\/]/g, '\\$&')
  }
  return new RegExp(`^${out}$`)
}

/** True when the text has a glob character (`*`, `?` or `[`). */
export function isGlob(text: string): boolean {
  return /[*?[]/.test(text)
}
