import picomatch from 'picomatch'

/**
 * Turns a shell-style glob (`*` any run of characters, `?` one character, `[abc]` / `[a-z]` / `[!a]` a class, `{a,b}`
 * alternatives) into an anchored, case-sensitive regular expression, with picomatch. Host names hold no `/`, so `*`
 * matching any run of characters is what a user expects; dots in names are matched like any other character.
 */
export function globToRegExp(glob: string): RegExp {
  return picomatch.makeRe(glob, { dot: true, nonegate: true, noextglob: true })
}

/** True when the text has a glob character (`*`, `?`, `[` or `{`). */
export function isGlob(text: string): boolean {
  return picomatch.scan(text).isGlob
}
