import { createHash, createPublicKey, verify } from 'node:crypto'
import ssh2 from 'ssh2'
import { describe, expect, it } from 'vitest'
import { ed25519HostKeyFromSeed, generateHostKey } from '../../mocks/ssh/host-keys.js'

/** Deterministic seeds (SHA-256 of a counter) whose ed25519 public key starts with a zero byte. */
function seedsWithLeadingZeroPublicKey(count: number): Buffer[] {
  const seeds: Buffer[] = []
  for (let i = 0; seeds.length < count && i < 100_000; i++) {
    const seed = createHash('sha256').update(`switchyard-host-key-${i}`).digest()
    const blob = Buffer.from(ed25519HostKeyFromSeed(seed).publicKey.split(' ')[1] as string, 'base64')
    if (blob[19] === 0) seeds.push(seed)
  }
  return seeds
}

describe('mock SSH host keys', () => {
  it('generates 1,000 ed25519 keys that ssh2 parses, each signing verifiably', () => {
    const started = performance.now()
    const fingerprints = new Set<string>()
    for (let i = 0; i < 1000; i++) {
      const key = generateHostKey('ed25519')
      const priv = ssh2.utils.parseKey(key.privateKey)
      const pub = ssh2.utils.parseKey(key.publicKey)
      if (priv instanceof Error) throw new Error(`key ${i}: ${priv.message}`)
      if (pub instanceof Error) throw new Error(`key ${i}: ${pub.message}`)
      expect(pub.getPublicSSH().equals(priv.getPublicSSH())).toBe(true)
      const data = Buffer.from(`probe ${i}`)
      const signature = priv.sign(data)
      if (signature instanceof Error) throw signature
      expect(pub.verify(data, signature)).toBe(true)
      fingerprints.add(key.fingerprintSha256)
    }
    expect(fingerprints.size).toBe(1000)
    const seconds = (performance.now() - started) / 1000
    console.log(`1,000 ed25519 host keys generated, parsed and sign/verify-checked in ${seconds.toFixed(2)} s`)
  }, 120_000)

  it('keeps a public key that starts with a zero byte whole (the case ssh2 keygen truncates)', () => {
    const seeds = seedsWithLeadingZeroPublicKey(3)
    expect(seeds).toHaveLength(3)
    for (const seed of seeds) {
      const key = ed25519HostKeyFromSeed(seed)
      const blob = Buffer.from(key.publicKey.split(' ')[1] as string, 'base64')
      expect(blob.readUInt32BE(15)).toBe(32)
      expect(blob[19]).toBe(0)
      const parsed = ssh2.utils.parseKey(key.privateKey)
      if (parsed instanceof Error) throw parsed
      const data = Buffer.from('verified by node:crypto, not by ssh2')
      const signature = parsed.sign(data)
      if (signature instanceof Error) throw signature
      const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), blob.subarray(19)])
      expect(verify(null, data, createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature)).toBe(true)
    }
  })

  it('generates RSA host keys that ssh2 parses', () => {
    const key = generateHostKey('rsa')
    expect(key.publicKey).toMatch(/^ssh-rsa AAAA/)
    expect(ssh2.utils.parseKey(key.privateKey)).not.toBeInstanceOf(Error)
  })
})
