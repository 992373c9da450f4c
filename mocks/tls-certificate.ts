import { X509Certificate } from 'node:crypto'
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

/**
 * A new self-signed P-256 certificate (with its own key) for 127.0.0.1 and localhost, named after `hostname`. Making
 * one takes about 6 ms (measured: 200 in 1.3 s on a 2-core machine), so a lab of hundreds of mocks may prefer
 * {@link sharedMockCertificate}.
 */
export async function newMockCertificate(hostname: string): Promise<MockCertificate> {
  const pems = await generate([{ name: 'commonName', value: `switchyard-mock ${hostname}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600 * 1000),
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
