import { createHash, createPrivateKey, generateKeyPair, generateKeyPairSync, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import ssh2 from 'ssh2'

/** A host key of the mock SSH server and its OpenSSH-style fingerprint. */
export interface MockHostKey {
  type: 'ssh-ed25519' | 'ssh-rsa'
  /** The private key as ssh2 reads it: OpenSSH format (ed25519) or PKCS#1 PEM (RSA). */
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

/** An SSH wire `string`: a uint32 length, then the bytes. */
function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  return Buffer.concat([length, bytes])
}

/**
 * An ed25519 private key in OpenSSH's `openssh-key-v1` format (unencrypted), built from node:crypto's raw key
 * bytes. ssh2's own `generateKeyPairSync('ed25519')` strips every leading zero byte of the BIT STRING holding the
 * public key, not only the "unused bits" byte, so about 1 key in 256 comes out 31 bytes long and its own `parseKey`
 * rejects it ("Malformed OpenSSH public key"; mscdex/ssh2 issues 1390 and 1513). Taking the 32 raw bytes from the
 * JWK avoids that conversion altogether.
 */
function ed25519OpenSsh(seed: Buffer, publicRaw: Buffer): { privatePem: string; publicBlob: Buffer } {
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(publicRaw)])
  const check = randomBytes(4)
  const body = Buffer.concat([
    check,
    check,
    sshString('ssh-ed25519'),
    sshString(publicRaw),
    sshString(Buffer.concat([seed, publicRaw])),
    sshString('switchyard-mock'),
  ])
  const padLength = (8 - (body.length % 8)) % 8
  const padding = Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1))
  const count = Buffer.alloc(4)
  count.writeUInt32BE(1)
  const whole = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    count,
    sshString(publicBlob),
    sshString(Buffer.concat([body, padding])),
  ])
  const lines = whole.toString('base64').match(/.{1,70}/g) ?? []
  return { privatePem: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`, publicBlob }
}

function fromBase64Url(text: string | undefined): Buffer {
  if (text === undefined) throw new Error('node:crypto returned a JWK without key material')
  return Buffer.from(text, 'base64url')
}

/** node:crypto's DER prefix of a PKCS#8 ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

/**
 * The ed25519 host key with this 32-byte seed (a private key), checked as {@link generateHostKey} checks a fresh one.
 * Tests use it to build keys whose public half starts with a zero byte.
 */
export function ed25519HostKeyFromSeed(seed: Buffer): MockHostKey {
  if (seed.length !== 32) throw new Error('an ed25519 seed is 32 bytes')
  const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  const jwk = key.export({ format: 'jwk' })
  const { privatePem, publicBlob } = ed25519OpenSsh(fromBase64Url(jwk.d), fromBase64Url(jwk.x))
  return checkedHostKey('ed25519', privatePem, publicBlob)
}

/**
 * Makes a fresh host key with node:crypto (not with ssh2's converter, see {@link ed25519OpenSsh}) and checks it the
 * way the server will use it: ssh2 parses the private key, its public blob is the expected one and round-trips
 * through the `ssh-ed25519 AAAA…` text, and a signature made with it verifies. A key failing a check is a bug here,
 * so it throws rather than retrying.
 */
export function generateHostKey(type: 'ed25519' | 'rsa'): MockHostKey {
  if (type === 'ed25519') return ed25519HostKeyFromSeed(randomBytes(32))
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return checkedHostKey('rsa', pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), undefined)
}

/**
 * {@link generateHostKey} off the event loop: an RSA key (about 100–200 ms of CPU for 2048 bits) is made on libuv's
 * thread pool, so many devices make theirs in parallel.
 */
export async function generateHostKeyAsync(type: 'ed25519' | 'rsa'): Promise<MockHostKey> {
  if (type === 'ed25519') return generateHostKey('ed25519')
  const pair = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })
  return checkedHostKey('rsa', pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), undefined)
}

/**
 * The host key whose private half this is (as {@link MockHostKey.privateKey} holds it: OpenSSH ed25519 or PKCS#1 RSA
 * PEM), checked as a fresh one is. Throws when it does not parse, is not of `type`, or fails the sign/verify check.
 */
export function hostKeyFromPrivate(type: 'ed25519' | 'rsa', privateKey: string): MockHostKey {
  const parsed = ssh2.utils.parseKey(privateKey)
  if (parsed instanceof Error) throw new Error(`stored ${type} host key does not parse: ${parsed.message}`)
  const expected = type === 'rsa' ? 'ssh-rsa' : 'ssh-ed25519'
  if (parsed.type !== expected) throw new Error(`stored ${type} host key: it is a ${parsed.type} key`)
  if (!parsed.isPrivateKey()) throw new Error(`stored ${type} host key: it holds no private key`)
  return checkedHostKey(type, privateKey, undefined, 'stored')
}

function checkedHostKey(type: 'ed25519' | 'rsa', privateKey: string, expectedBlob: Buffer | undefined, origin: 'generated' | 'stored' = 'generated'): MockHostKey {
  const parsed = ssh2.utils.parseKey(privateKey)
  if (parsed instanceof Error) throw new Error(`${origin} ${type} host key does not parse: ${parsed.message}`)
  const blob = parsed.getPublicSSH()
  if (expectedBlob && !blob.equals(expectedBlob)) throw new Error(`${origin} ${type} host key: unexpected public key`)
  const publicKey = `${parsed.type} ${blob.toString('base64')}`
  const reparsed = ssh2.utils.parseKey(publicKey)
  if (reparsed instanceof Error || !reparsed.getPublicSSH().equals(blob)) throw new Error(`${origin} ${type} host key: public key does not round-trip`)
  const probe = randomBytes(32)
  const signature = parsed.sign(probe)
  if (signature instanceof Error || reparsed.verify(probe, signature) !== true) throw new Error(`${origin} ${type} host key: sign/verify round trip failed`)
  return { type: type === 'rsa' ? 'ssh-rsa' : 'ssh-ed25519', privateKey, publicKey, fingerprintSha256: sshFingerprint(blob) }
}

let shared: { ed25519: MockHostKey; rsa: MockHostKey } | undefined

/** The ed25519 and RSA host keys, made once per process and shared by every mock. */
export function mockHostKeys(): { ed25519: MockHostKey; rsa: MockHostKey } {
  shared ??= { ed25519: generateHostKey('ed25519'), rsa: generateHostKey('rsa') }
  return shared
}
