import { createHash, createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The outcome of checking a presented host key. */
export type HostKeyVerdict = { ok: true } | { ok: false; presented: string; reason: string }

/** SHA-256 fingerprint of a raw SSH public key blob, as OpenSSH prints it (`SHA256:…`). */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`
}

/** The host names a known_hosts entry must carry for this host and port. */
function hostPatterns(host: string, port: number): string[] {
  return port === 22 ? [host, `[${host}]:22`] : [`[${host}]:${port}`]
}

function entryMatches(field: string, candidates: string[]): boolean {
  return field.split(',').some((pattern) => {
    const hashed = /^\|1\|([^|]+)\|(.+)$/.exec(pattern)
    if (!hashed) return candidates.includes(pattern)
    const salt = Buffer.from(hashed[1] as string, 'base64')
    return candidates.some((c) => createHmac('sha1', salt).update(c).digest('base64') === hashed[2])
  })
}

/** The key blobs a known_hosts file lists for a host (markers such as `@revoked` make a key never trusted). */
export function knownHostKeys(text: string, host: string, port: number): { trusted: Buffer[]; revoked: Buffer[] } {
  const trusted: Buffer[] = []
  const revoked: Buffer[] = []
  const candidates = hostPatterns(host, port)
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const parts = line.split(/\s+/)
    const marker = parts[0]?.startsWith('@') ? parts.shift() : undefined
    const [hosts, , key] = parts
    if (!hosts || !key || !entryMatches(hosts, candidates)) continue
    const blob = Buffer.from(key, 'base64')
    if (marker === '@revoked') revoked.push(blob)
    else if (marker === undefined) trusted.push(blob)
  }
  return { trusted, revoked }
}

/**
 * Builds the host key check of one connection: pinned fingerprints, or a known_hosts file (by default
 * `~/.ssh/known_hosts`), or, only when asked by name, any key.
 */
export function createHostKeyCheck(options: {
  host: string
  port: number
  hostKeySha256?: string | string[] | undefined
  knownHostsFile?: string | undefined
  acceptAnyHostKey?: boolean | undefined
}): (blob: Buffer) => HostKeyVerdict {
  if (options.acceptAnyHostKey) return () => ({ ok: true })
  const pins = options.hostKeySha256 === undefined ? [] : Array.isArray(options.hostKeySha256) ? options.hostKeySha256 : [options.hostKeySha256]
  if (pins.length > 0) {
    const wanted = new Set(pins.map((p) => p.replace(/=+$/, '')))
    return (blob) => {
      const presented = fingerprintOf(blob)
      return wanted.has(presented) ? { ok: true } : { ok: false, presented, reason: `it is not the pinned key (${pins.join(', ')})` }
    }
  }
  const file = options.knownHostsFile ?? join(homedir(), '.ssh', 'known_hosts')
  let text = ''
  let missing = false
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    missing = true
  }
  const { trusted, revoked } = knownHostKeys(text, options.host, options.port)
  return (blob) => {
    const presented = fingerprintOf(blob)
    if (revoked.some((k) => k.equals(blob))) return { ok: false, presented, reason: `it is marked @revoked in ${file}` }
    if (trusted.some((k) => k.equals(blob))) return { ok: true }
    return {
      ok: false,
      presented,
      reason:
        trusted.length > 0
          ? `${file} holds a different key for this host; if the key really changed, update the file or pin the new key with ssh.hostKeySha256`
          : `${missing ? `${file} does not exist or cannot be read` : `${file} has no key for this host`}, and no key is pinned (first contact?): pin the key with ssh.hostKeySha256 after checking it out of band, or add it to known_hosts (ssh-keyscan)`,
    }
  }
}
