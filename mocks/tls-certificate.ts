import { createPrivateKey, X509Certificate } from 'node:crypto'
import { generate } from 'selfsigned'

/** A certificate and key for the mock's HTTPS server. */
export interface MockCertificate {
  /** PEM certificate: give it to `tls.ca` to trust the mock. */
  certificatePem: string
  privateKeyPem: string
  /** SHA-256 fingerprint, `AB:CD:…`, for `tls.fingerprintSha256`. */
  fingerprintSha256: string
}

let shared: Promise<MockCertificate> | undefined

/** How long a mock's certificate is valid: 825 days, so that one kept in a lab's state file outlives most labs. */
export const MOCK_CERTIFICATE_DAYS = 825

/**
 * A new self-signed P-256 certificate (with its own key) for 127.0.0.1 and localhost, named after `hostname`, valid
 * for {@link MOCK_CERTIFICATE_DAYS} days. Making
 * one takes about 6 ms (measured: 200 in 1.3 s on a 2-core machine), so a lab of hundreds of mocks may prefer
 * {@link sharedMockCertificate}.
 */
export async function newMockCertificate(hostname: string): Promise<MockCertificate> {
  const pems = await generate([{ name: 'commonName', value: `switchyard-mock ${hostname}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + MOCK_CERTIFICATE_DAYS * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  })
  return {
    certificatePem: pems.cert,
    privateKeyPem: pems.private,
    fingerprintSha256: new X509Certificate(pems.cert).fingerprint256,
  }
}

/**
 * One certificate made once per process and shared by every mock that asks for it (`sharedCertificate: true`): a
 * client that trusts one of these mocks trusts them all.
 */
export function sharedMockCertificate(): Promise<MockCertificate> {
  shared ??= newMockCertificate('shared')
  return shared
}

/**
 * A certificate and key read back (from a lab's state file), checked: both parse, the key is the certificate's, and
 * the certificate is valid now. Throws a message without key material otherwise.
 */
export function certificateFromPem(certificatePem: string, privateKeyPem: string, now = new Date()): MockCertificate {
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(certificatePem)
  } catch (error) {
    throw new Error(`TLS certificate does not parse: ${error instanceof Error ? error.message : String(error)}`)
  }
  let key: ReturnType<typeof createPrivateKey>
  try {
    key = createPrivateKey(privateKeyPem)
  } catch {
    throw new Error('TLS private key does not parse (PEM expected)')
  }
  if (!certificate.checkPrivateKey(key)) throw new Error(`TLS private key is not the key of the certificate ${certificate.fingerprint256}`)
  if (new Date(certificate.validTo).getTime() <= now.getTime()) throw new Error(`TLS certificate ${certificate.fingerprint256} expired on ${new Date(certificate.validTo).toISOString()}`)
  if (new Date(certificate.validFrom).getTime() > now.getTime()) throw new Error(`TLS certificate ${certificate.fingerprint256} is not valid before ${new Date(certificate.validFrom).toISOString()}`)
  return { certificatePem, privateKeyPem, fingerprintSha256: certificate.fingerprint256 }
}
