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
 * A self-signed P-256 certificate for 127.0.0.1 and localhost, made once per process and shared by every mock (a lab
 * of hundreds of devices does not make hundreds of keys).
 */
export function mockCertificate(): Promise<MockCertificate> {
  shared ??= (async () => {
    const pems = await generate([{ name: 'commonName', value: 'switchyard-mock' }], {
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
  })()
  return shared
}
