import tls from 'node:tls'

const contexts = new Map<string, tls.SecureContext>()
const MAX_CONTEXTS = 64

/**
 * The TLS client context for a set of trusted CAs (`undefined`: the system's), made once and shared by every eAPI
 * connection that trusts the same CAs. Making a context parses the CA certificates and sets up an OpenSSL context,
 * which was the largest client-side cost of connecting to many devices; a context holds only trust settings (no
 * session, no peer), so sharing it changes no check. At most 64 distinct CA sets are kept (oldest dropped first).
 */
export function sharedSecureContext(ca: string | Buffer | Array<string | Buffer> | undefined): tls.SecureContext {
  const key = ca === undefined ? '' : (Array.isArray(ca) ? ca : [ca]).map((c) => c.toString()).join('\n--\n')
  let context = contexts.get(key)
  if (!context) {
    context = tls.createSecureContext(ca === undefined ? {} : { ca })
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value as string)
    contexts.set(key, context)
  }
  return context
}
