/**
 * Secret values EOS configuration lines can carry: `username u secret 0 …`, `enable password …`, `snmp-server
 * community …`, `tacacs-server key 7 …`, `neighbor … password …`, `ntp authentication-key 1 md5 …`,
 * `ip ospf message-digest-key 1 md5 7 …`, `snmp-server user u g v3 auth sha … priv aes …`: the keyword (a word of
 * its own, not the end of a longer one), up to two type words (hash, encryption), then the value.
 */
const SECRET_VALUE = /(?<![\w-])(secret|password|community|key|authentication-key\s+\d+|message-digest-key\s+\d+|auth-passphrase|priv-passphrase)((?:\s+(?:\d+[a-z]?|sha\d*|md5|aes\d*|des|3des)\b){0,2})\s+\S+/gi
const SNMP_V3_KEYS = /(?<![\w-])(auth|priv)(\s+(?:md5|sha\d*|aes\d*|des|3des))\s+\S+/gi
/**
 * `snmp-server host H [vrf V] [informs|traps] [version 1|2c] COMMUNITY`: the community is positional. (With `version
 * 3` that word is a user name, which is left.)
 */
const SNMP_HOST_COMMUNITY = /\b(snmp-server\s+host\s+\S+(?:\s+vrf\s+\S+)?(?:\s+(?:informs|traps))?(?:\s+version\s+(?:1|2c))?)\s+(?!version\b|vrf\b|informs\b|traps\b)(\S+)/gi

/** The placeholder that replaces a secret value. */
export const REMOVED = '<removed>'

/**
 * A configuration line (or several, newline-separated) with the secret values removed, for error messages, logs and
 * journals: what the keyword and type say stays, the value becomes `<removed>`.
 * @example redactConfigSecrets('username bob secret 0 hunter2') // 'username bob secret 0 <removed>'
 */
export function redactConfigSecrets(text: string): string {
  return text
    .replace(SNMP_HOST_COMMUNITY, (_all, head: string) => `${head} ${REMOVED}`)
    .replace(SNMP_V3_KEYS, (_all, word: string, kind: string) => `${word}${kind} ${REMOVED}`)
    .replace(SECRET_VALUE, (_all, word: string, kind: string | undefined) => `${word}${kind ?? ''} ${REMOVED}`)
}

/** {@link redactConfigSecrets} over a list of lines. */
export function redactConfigLines(lines: readonly string[]): string[] {
  return lines.map(redactConfigSecrets)
}

/** The secret values themselves in a configuration line, so that a device's echo of one (`at token 3: '…'`) can be removed too. */
export function secretValuesIn(text: string): string[] {
  const values: string[] = []
  for (const match of text.matchAll(SNMP_HOST_COMMUNITY)) if (match[2]) values.push(match[2])
  for (const pattern of [SNMP_V3_KEYS, SECRET_VALUE]) {
    for (const match of text.matchAll(pattern)) {
      const value = match[0].trim().split(/\s+/).at(-1)
      if (value !== undefined && value.length > 0) values.push(value)
    }
  }
  return values
}
