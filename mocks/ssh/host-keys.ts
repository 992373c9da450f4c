import { createHash } from 'node:crypto'
import ssh2 from 'ssh2'

/** A host key of the mock SSH server and its OpenSSH-style fingerprint. */
export interface MockHostKey {
  type: 'ssh-ed25519' | 'ssh-rsa'
  privateKey: string
  /** `ssh-ed25519 AAAA…`, as in a known_hosts line. */
  publicKey: string
  /** `SHA256:…` (base64, no padding), as `ssh-keygen -lf` prints it. */
  fingerprintSha256: string
}

/** The SHA-256 fingerprint of an SSH public key blob, as OpenSSH prints it. */
export function sshFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`
}

function makeKey(type: 'ed25519' | 'rsa'): MockHostKey {
  const pair = type === 'rsa' ? ssh2.utils.generateKeyPairSync('rsa', { bits: 2048 }) : ssh2.utils.generateKeyPairSync('ed25519')
  const parsed = ssh2.utils.parseKey(pair.public)
  if (parsed instanceof Error) throw parsed
  const blob = parsed.getPublicSSH()
  return {
    type: type === 'rsa' ? 'ssh-rsa' : 'ssh-ed25519',
    privateKey: pair.private,
    publicKey: `${parsed.type} ${blob.toString('base64')}`,
    fingerprintSha256: sshFingerprint(blob),
  }
}

let shared: { ed25519: MockHostKey; rsa: MockHostKey } | undefined

/** The ed25519 and RSA host keys, made once per process and shared by every mock. */
export function mockHostKeys(): { ed25519: MockHostKey; rsa: MockHostKey } {
  shared ??= { ed25519: makeKey('ed25519'), rsa: makeKey('rsa') }
  return shared
}
