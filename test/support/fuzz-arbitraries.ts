import fc from 'fast-check'
import { integer, nullValue, octets, oid, sequence, tlv } from './ber.js'

/**
 * fast-check arbitraries of malformed input for each face of the mock: eAPI HTTP requests, SSH terminal lines and
 * SNMP datagrams. They mix pure noise with input that is well-formed up to one point (a valid envelope with a bad
 * field, a decodable PDU with odd values), which is where parsers and interpreters break.
 */

/** CLI words the mock knows (plus troublemakers), so that random lines reach deep into the interpreter. */
const CLI_WORDS = [
  'show', 'vlan', 'vlans', 'interfaces', 'interface', 'Ethernet1', 'Et2', 'ethernet 3', 'Port-Channel10', 'Vlan10', 'Management1',
  'status', 'counters', 'errors', 'discards', 'queue', 'drops', 'detail', 'switchport', 'mode', 'access', 'trunk', 'allowed',
  'native', 'add', 'remove', 'except', 'no', 'default', 'name', 'description', 'shutdown', 'channel-group', 'active',
  'passive', 'on', 'min-links', 'ip', 'helper-address', 'address', 'dhcp', 'relay', 'information', 'option', 'vrf',
  'source-interface', 'running-config', 'all', 'version', 'configuration', 'sessions', 'enable', 'disable',
  'configure', 'terminal', 'length', 'width', 'end', '|', 'json', 'include', 'section', 'begin', '?', '10', '4094', '4095', '0',
  '-1', '99999999999999999999', '1-4094', '2,4-6', '10.0.0.1', '10.0.0.1/24', '300.1.1.1', '00:00:05', 'metawatch', 'app',
  'source', 'copy', 'flash:x', 'show hostname', 'show vlan', 'show interfaces status',
]

/**
 * A random CLI line: known words, random text and numbers. `configure session` is left out (a fuzzer opening
 * sessions would hit EOS's limit of 5 pending sessions, a real refusal that would then also refuse the checks run
 * afterwards), and so are `hostname` changes (the checks compare the hostname) and `exit` in exec mode over SSH,
 * which ends the shell (abrupt ends are fuzzed on their own).
 */
export const cliLine: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...CLI_WORDS) }, { weight: 2, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.integer().map(String) }), { maxLength: 8 })
  .map((words) => words.join(' '))

const odd = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>(null, true, -1, 1e308, '', [], {}))

/** One entry of `params.cmds`: usually a line or `{cmd, input}`, sometimes anything at all. */
const eapiCommand = fc.oneof(
  { weight: 5, arbitrary: cliLine },
  { weight: 2, arbitrary: fc.record({ cmd: cliLine, input: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }, { requiredKeys: ['cmd'] }) },
  { weight: 1, arbitrary: fc.record({ cmd: odd, revision: odd }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: odd },
)

const cmds = fc
  .tuple(fc.boolean(), fc.boolean(), fc.array(eapiCommand, { maxLength: 6 }))
  .map(([en, conf, rest]) => [...(en ? ['enable'] : []), ...(conf ? ['configure'] : []), ...rest])

/** A well-formed `runCmds` request with random commands: it gets past validation into the CLI interpreter. */
const validEnvelope = fc.record({
  jsonrpc: fc.constant('2.0'),
  method: fc.constant('runCmds'),
  id: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)),
  params: fc.record(
    { version: fc.constantFrom<unknown>(1, 'latest'), cmds, format: fc.constantFrom('json', 'text'), autoComplete: fc.boolean(), expandAliases: fc.boolean() },
    { requiredKeys: ['cmds'] },
  ),
})

const ENVELOPE_FIELDS = ['jsonrpc', 'method', 'id', 'params'] as const
const PARAM_FIELDS = ['version', 'cmds', 'format', 'autoComplete', 'expandAliases', 'bogus'] as const

/** The same with one or two fields (of the envelope or of its params) removed or replaced by something odd. */
const brokenEnvelope = fc
  .tuple(validEnvelope, fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...ENVELOPE_FIELDS, ...PARAM_FIELDS), fc.option(odd)), { minLength: 1, maxLength: 2 }))
  .map(([envelope, breaks]) => {
    const copy: Record<string, unknown> = { ...envelope, params: { ...envelope.params } }
    for (const [, field, value] of breaks) {
      const params = copy.params
      const target = (ENVELOPE_FIELDS as readonly string[]).includes(field) ? copy : typeof params === 'object' && params !== null && !Array.isArray(params) ? (params as Record<string, unknown>) : undefined
      if (target === undefined) continue
      if (value === null) delete target[field]
      else target[field] = structuredClone(value)
    }
    return copy
  })

/** A JSON-RPC envelope: mostly well-formed, often with a field or two broken. */
const envelope = fc
  .oneof({ weight: 3, arbitrary: validEnvelope }, { weight: 2, arbitrary: brokenEnvelope })
  .map((value) => JSON.stringify(value))

/** An eAPI request as bytes on the wire or as an HTTP request. */
export type EapiFuzzRequest =
  | { kind: 'http'; method: string; path: string; headers: Record<string, string>; body: Buffer }
  | { kind: 'raw'; bytes: Buffer }

const printable = fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''))

const headers = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Record<string, string>>({ authorization: 'VALID' }) },
  { weight: 1, arbitrary: printable.map((v) => ({ authorization: v })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((b) => ({ authorization: `Basic ${Buffer.from(b).toString('base64')}` })) },
  { weight: 1, arbitrary: printable.map((v) => ({ cookie: `Session=${v}` })) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
)

const body = fc.oneof(
  { weight: 10, arbitrary: envelope.map((t) => Buffer.from(t)) },
  { weight: 3, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  { weight: 2, arbitrary: fc.tuple(envelope, fc.nat()).map(([t, n]) => Buffer.from(t.slice(0, n % (t.length + 1)))) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((t) => Buffer.from(t)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`)) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 10_000, max: 400_000 }).map((n) =>
      Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', id: 'x'.repeat(n % 1000), params: { cmds: ['enable', `show ${'y'.repeat(n)}`] } })),
    ),
  },
)

const rawBytes = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
  fc.tuple(envelope, fc.nat({ max: 5000 })).map(([t, extra]) =>
    Buffer.from(`POST /command-api HTTP/1.1\r\nHost: x\r\nContent-Length: ${t.length + extra}\r\n\r\n${t}`),
  ),
  fc.tuple(printable, fc.uint8Array({ maxLength: 200 })).map(([line, tail]) => Buffer.concat([Buffer.from(`POST /command-api HTTP/1.1\r\n${line}: \x00\x01\r\n`), Buffer.from(tail)])),
  fc.constant(Buffer.from(`POST /command-api HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffff\r\nabc`)),
)

/** A malformed eAPI request: mostly HTTP POSTs to /command-api with broken bodies or auth, some raw TCP noise. */
export const eapiRequest: fc.Arbitrary<EapiFuzzRequest> = fc.oneof(
  {
    weight: 19,
    arbitrary: fc.record({
      kind: fc.constant('http' as const),
      method: fc.oneof({ weight: 12, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'OPTIONS') }),
      path: fc.oneof({ weight: 12, arbitrary: fc.constant('/command-api') }, { weight: 2, arbitrary: fc.constant('/login') }, { weight: 1, arbitrary: fc.constantFrom('/logout', '/', '/command-api/../x', '/%00') }),
      headers,
      body,
    }),
  },
  { weight: 1, arbitrary: rawBytes.map((bytes) => ({ kind: 'raw' as const, bytes })) },
)

const CONTROL = ['\x00', '\x03', '\x04', '\x08', '\x09', '\x15', '\x17', '\x1a', '\x1b', '\x1b[A', '\x1b[3~', '\x7f', '?', '|', 'a', ' ', '\xff']

/** One line typed into an SSH shell (without its Enter): CLI-like, random bytes, control characters, or huge. */
export const sshLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 120, arbitrary: fc.tuple(cliLine, fc.boolean()).map(([l, json]) => (json ? `${l} | json` : l)).filter((l) => !/^\s*(exit|quit|logout)\s*$/i.test(l)) },
  { weight: 40, arbitrary: fc.uint8Array({ maxLength: 120 }).map((b) => Buffer.from(b).toString('latin1').replace(/\r|\n/g, ' ')) },
  { weight: 40, arbitrary: fc.array(fc.constantFrom(...CONTROL), { maxLength: 30 }).map((c) => c.join('')) },
  { weight: 1, arbitrary: fc.integer({ min: 70_000, max: 400_000 }).map((n) => 'Z'.repeat(n)) },
)

const arc = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 100 }).map(BigInt) },
  { weight: 1, arbitrary: fc.constantFrom(2n ** 31n - 1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 70n }) },
)
const KNOWN_PREFIXES = [
  [1, 3, 6, 1, 2, 1, 1],
  [1, 3, 6, 1, 2, 1, 2, 2, 1],
  [1, 3, 6, 1, 2, 1, 31, 1, 1, 1],
  [1, 3, 6, 1, 2, 1, 17, 7, 1, 4, 3, 1],
  [1, 3, 6, 1, 2, 1, 17, 7, 1, 4, 5, 1],
  [1, 3, 6, 1, 2, 1, 17, 1, 4, 1],
  [1, 3, 6, 1, 4, 1, 30065],
]
const oidArcs = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...KNOWN_PREFIXES), fc.array(arc, { maxLength: 4 })).map(([p, s]) => [...p.map(BigInt), ...s]) },
  { weight: 1, arbitrary: fc.array(arc, { minLength: 2, maxLength: 24 }) },
)
const oidBytes = fc.oneof(
  { weight: 8, arbitrary: oidArcs.map(oid) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12 }).map((b) => tlv(0x06, Buffer.from(b))) },
)
const snmpValue = fc.oneof(
  fc.constant(nullValue()),
  fc.integer().map((n) => integer(n)),
  fc.tuple(fc.constantFrom(0x41, 0x42, 0x43, 0x46), fc.bigInt({ min: -(2n ** 64n), max: 2n ** 65n })).map(([tag, n]) => integer(n, tag)),
  fc.uint8Array({ maxLength: 80 }).map((b) => octets(Buffer.from(b))),
  oidArcs.map(oid),
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 12 })).map(([tag, b]) => tlv(tag, Buffer.from(b))),
  fc.constantFrom(0x80, 0x81, 0x82).map((tag) => tlv(tag, Buffer.alloc(0))),
)
const varbinds = fc.oneof(
  { weight: 20, arbitrary: fc.array(fc.tuple(oidBytes, snmpValue), { maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(fc.tuple(oidBytes, fc.constant(nullValue())), { minLength: 200, maxLength: 1200 }) },
)
const smallOrAny = fc.oneof(fc.integer({ min: -3, max: 30 }), fc.integer(), fc.constantFrom(2 ** 31 - 1, -(2 ** 31)))
const pdu = fc
  .record({
    tag: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(0xa0, 0xa1, 0xa3, 0xa5) }, { weight: 1, arbitrary: fc.constantFrom(0xa2, 0xa4, 0xa6, 0xa7, 0xa8) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) }),
    requestId: smallOrAny,
    a: smallOrAny,
    b: fc.oneof(smallOrAny, fc.constantFrom(10_000, 1_000_000)),
    varbinds,
  })
  .map((p) => sequence([integer(p.requestId), integer(p.a), integer(p.b), sequence(p.varbinds.map(([o, v]) => sequence([o, v])))], p.tag))

const v2cMessage = fc
  .record({
    version: fc.oneof({ weight: 10, arbitrary: fc.constantFrom(0, 1) }, { weight: 1, arbitrary: fc.integer() }),
    community: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('public', 'private') }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) }),
    pdu,
  })
  .map((m) => sequence([integer(m.version), octets(Buffer.from(m.community)), m.pdu]))

const v3Message = fc
  .record({
    msgId: smallOrAny,
    maxSize: fc.oneof(fc.constant(65507), smallOrAny),
    flags: fc.uint8Array({ maxLength: 2 }),
    securityModel: fc.oneof(fc.constant(3), smallOrAny),
    engineId: fc.uint8Array({ maxLength: 32 }),
    boots: smallOrAny,
    time: smallOrAny,
    user: fc.oneof(fc.constant('switchyard'), fc.string({ maxLength: 16 })),
    auth: fc.uint8Array({ maxLength: 16 }),
    priv: fc.uint8Array({ maxLength: 8 }),
    scoped: fc.oneof(
      fc.tuple(fc.uint8Array({ maxLength: 16 }), fc.string({ maxLength: 8 }), pdu).map(([engine, context, p]) => sequence([octets(Buffer.from(engine)), octets(context), p])),
      fc.uint8Array({ maxLength: 200 }).map((b) => octets(Buffer.from(b))),
    ),
  })
  .map((m) =>
    sequence([
      integer(3),
      sequence([integer(m.msgId), integer(m.maxSize), octets(Buffer.from(m.flags)), integer(m.securityModel)]),
      octets(sequence([octets(Buffer.from(m.engineId)), integer(m.boots), integer(m.time), octets(m.user), octets(Buffer.from(m.auth)), octets(Buffer.from(m.priv))])),
      m.scoped,
    ]),
  )

/** One SNMP datagram: a decodable but odd v1/v2c/v3 message, the same garbled (bytes flipped, cut), or noise. */
export const snmpPacket: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 8, arbitrary: v2cMessage },
  { weight: 2, arbitrary: v3Message },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.oneof(v2cMessage, v3Message), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.option(fc.nat())).map(([message, flips, cut]) => {
      const bytes = Buffer.from(message)
      for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value
      return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1))
    }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 1500 }).map((b) => Buffer.from(b)) },
)
