/**
 * Secret values EOS configuration lines can carry: `username u secret 0 …`, `enable password …`, `snmp-server
 * community …`, `tacacs-server key 7 …`, `neighbor … password …`, `ntp authentication-key 1 md5 …`,
 * `snmp-server user u g v3 auth sha … priv aes …`: the keyword, an optional encryption or hash type, then the value.
 */
const SECRET_VALUE = /\b(secret|password|community|key|authentication-key\s+\d+|auth-passphrase|priv-passphrase)(\s+(?:\d+[a-z]?|sha\d*|md5|aes\d*|des|3des|sha512)\b)?\s+\S+/gi
const SNMP_V3_KEYS = /\b(auth|priv)(\s+(?:md5|sha\d*|aes\d*|des|3des))\s+\S+/gi

/** The placeholder that replaces a secret value. */
export const REMOVED = '<removed>'

/**
 * A configuration line (or several, newline-separated) with the secret values removed, for error messages, logs and
 * journals: what the keyword and type say stays, the value becomes `<removed>`.
 * @example redactConfigSecrets('username bob secret 0 hunter2') // 'username bob secret 0 <removed>'
 */
export function redactConfigSecrets(text: string): string {
  return text
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
  for (const pattern of [SNMP_V3_KEYS, SECRET_VALUE]) {
    for (const match of text.matchAll(pattern)) {
      const value = match[0].trim().split(/\s+/).at(-1)
      if (value !== undefined && value.length > 0) values.push(value)
    }
  }
  return values
}
