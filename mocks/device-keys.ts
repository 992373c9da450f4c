import { generateHostKey, generateHostKeyAsync, hostKeyFromPrivate, mockHostKeys, type MockHostKey } from './ssh/host-keys.js'
import { certificateFromPem, newMockCertificate, sharedMockCertificate, type MockCertificate } from './tls-certificate.js'

/**
 * What a device proves itself with: its HTTPS certificate and key, and its SSH host keys. Holds private keys: keep
 * it out of logs and snapshots (a lab's state file stores it, readable by its owner only).
 */
export interface MockDeviceKeys {
  tls: MockCertificate
  ssh: { ed25519: MockHostKey; rsa: MockHostKey }
}

/** {@link MockDeviceKeys} as a lab's state file holds them: the private halves (PEM / OpenSSH text) only. */
export interface StoredDeviceKeys {
  tls: { certificatePem: string; privateKeyPem: string }
  ssh: { ed25519: string; rsa: string }
}

/**
 * New keys of a device: a certificate and key named after `hostname` and an ed25519 host key of its own (about 6 ms
 * together), and the 2048-bit RSA host key every mock of the process shares ({@link mockHostKeys}). The ed25519 key
 * is the one clients pin (`connectOptions`, a lab's inventory) and that modern clients negotiate first; a device's
 * own RSA key would cost 100–200 ms of CPU (measured: 20 lab devices 0.2 s to start with a shared one, 5.3 s with
 * their own on a loaded 2-core machine), so a device has one only with `ownRsa`.
 */
export async function newDeviceKeys(hostname: string, options: { ownRsa?: boolean } = {}): Promise<MockDeviceKeys> {
  const [tls, rsa] = await Promise.all([newMockCertificate(hostname), options.ownRsa ? generateHostKeyAsync('rsa') : mockHostKeys().rsa])
  return { tls, ssh: { ed25519: generateHostKey('ed25519'), rsa } }
}

/** The keys shared by every mock of the process that asks for them (`sharedKeys`): made once, cheap for big labs. */
export async function sharedDeviceKeys(): Promise<MockDeviceKeys> {
  return { tls: await sharedMockCertificate(), ssh: mockHostKeys() }
}

/** The private halves of a device's keys, to store. */
export function storeDeviceKeys(keys: MockDeviceKeys): StoredDeviceKeys {
  return {
    tls: { certificatePem: keys.tls.certificatePem, privateKeyPem: keys.tls.privateKeyPem },
    ssh: { ed25519: keys.ssh.ed25519.privateKey, rsa: keys.ssh.rsa.privateKey },
  }
}

/**
 * Stored keys read back and checked as fresh ones are (the certificate parses, is valid now and matches its key; each
 * host key parses, is of its type and signs). Throws an error naming the part that failed, without key material.
 */
export function deviceKeysFromStored(stored: StoredDeviceKeys): MockDeviceKeys {
  return {
    tls: certificateFromPem(stored.tls.certificatePem, stored.tls.privateKeyPem),
    ssh: { ed25519: hostKeyFromPrivate('ed25519', stored.ssh.ed25519), rsa: hostKeyFromPrivate('rsa', stored.ssh.rsa) },
  }
}
