import snmp from 'net-snmp'
import type { ConnectOptions } from '../../src/connect-options.js'
import { CliSession } from '../cli/cli-session.js'
import { CliError } from '../cli/cli-error.js'
import type { CliHost } from '../cli/cli-host.js'
import { udpBinding } from './udp-binding.js'
import type { CommandJournal } from '../command-journal.js'
import { buildOidView, type OidEntry, type SnmpView } from './oid-view.js'
import { compareOids, parseOid, type Oid } from './oid.js'
import { planSet, type SetVarbind } from './snmp-writes.js'

const T = snmp.ObjectType

/** Credentials the mock agent accepts. */
export interface SnmpCredentials {
  readOnlyCommunity: string
  readWriteCommunity: string
  /** One SNMPv3 user, authPriv with SHA and AES, allowed to write. */
  v3User: { name: string; authKey: string; privKey: string }
}

/** A running SNMP agent of a mock device. */
export interface SnmpEndpoint {
  port: number
  credentials: SnmpCredentials
  /** What `connect()` needs for SNMP v2c with the read-only community. */
  connectOptions: ConnectOptions & { driver: 'snmp' }
  /** The same with the read-write community. */
  connectOptionsReadWrite: ConnectOptions & { driver: 'snmp' }
  /** The same over SNMPv3 authPriv (SHA/AES). */
  connectOptionsV3: ConnectOptions & { driver: 'snmp' }
  /** Requests answered so far. */
  readonly requests: number
  close(): Promise<void>
}

/** The device side the agent needs: its live view, a revision to know when to rebuild, and the CLI for SETs. */
export interface SnmpHost extends CliHost {
  readonly identity: SnmpView['identity']
  readonly revision: number
}

/** The most varbinds one GETBULK answer carries (keeps a response well under a UDP datagram). */
const MAX_BULK_VARBINDS = 500

interface RequestMessage {
  version: number
  community?: string
  user?: { name: string }
  pdu: {
    type: number
    varbinds: Array<{ oid: string; type: snmp.ObjectType; value: unknown }>
    nonRepeaters?: number
    maxRepetitions?: number
    getResponsePduForRequest(): { varbinds: unknown[]; errorStatus: number; errorIndex: number }
  }
}

/**
 * Starts an SNMP agent (v2c and v3) for a mock device on 127.0.0.1. net-snmp's agent does the transport and
 * security (communities, USM with SHA/AES); the answers come from a sorted view of the device's live state, rebuilt
 * only when the device changes, so GET, GETNEXT and RFC-shaped GETBULK are binary searches. SETs follow EOS's write
 * semantics and apply whole or not at all. Nothing a request does can stop the agent: any failure answers genErr.
 */
export async function startSnmpAgent(options: {
  host: SnmpHost
  credentials: SnmpCredentials
  /** UDP port on 127.0.0.1 (default 0: one the OS picks). */
  port?: number
  /** Records SET requests (as the CLI lines they become) with their outcome. */
  journal?: CommandJournal
}): Promise<SnmpEndpoint> {
  const { host, credentials, journal } = options
  const binding = udpBinding(options.port ?? 0)
  let requests = 0
  let cache: { revision: number; entries: OidEntry[] } = { revision: -1, entries: [] }
  const view = (): OidEntry[] => {
    if (cache.revision !== host.revision) cache = { revision: host.revision, entries: buildOidView(host) }
    return cache.entries
  }
  const agent = snmp.createAgent(
    {
      // 161 is a placeholder: the binding's socket binds to its own port (see udpBinding).
      port: 161,
      address: '127.0.0.1',
      disableAuthorization: false,
      accessControlModelType: snmp.AccessControlModelType.None,
      dgramModule: binding.dgram,
    },
    () => {},
  )
  let port: number
  try {
    port = await binding.ready
  } catch (error) {
    binding.socket()?.close()
    throw error
  }
  const authorizer = agent.getAuthorizer()
  authorizer.addCommunity(credentials.readOnlyCommunity)
  authorizer.addCommunity(credentials.readWriteCommunity)
  authorizer.addUser({
    name: credentials.v3User.name,
    level: snmp.SecurityLevel.authPriv,
    authProtocol: snmp.AuthProtocols.sha,
    authKey: credentials.v3User.authKey,
    privProtocol: snmp.PrivProtocols.aes,
    privKey: credentials.v3User.privKey,
  })

  const respond = (socket: unknown, rinfo: unknown, message: RequestMessage, build: (entries: OidEntry[]) => { varbinds: unknown[]; errorStatus?: number; errorIndex?: number }) => {
    requests++
    const response = message.pdu.getResponsePduForRequest()
    try {
      const result = build(view())
      response.varbinds = result.varbinds
      response.errorStatus = result.errorStatus ?? 0
      response.errorIndex = result.errorIndex ?? 0
    } catch {
      response.varbinds = message.pdu.varbinds
      response.errorStatus = snmp.ErrorStatus.GeneralError
      response.errorIndex = 1
    }
    try {
      agent.sendResponse(socket, rinfo, message, response)
    } catch {
      // A response that cannot be encoded or sent is dropped; the manager retries or times out.
    }
  }

  const guard = (fn: (socket: unknown, message: RequestMessage, rinfo: unknown) => void) => (socket: unknown, message: RequestMessage, rinfo: unknown) => {
    try {
      fn(socket, message, rinfo)
    } catch {
      // Never let a request stop the agent.
    }
  }

  agent.getRequest = guard((socket, message, rinfo) =>
    respond(socket, rinfo, message, (entries) => ({ varbinds: message.pdu.varbinds.map((vb) => exact(entries, vb.oid)) })),
  )
  agent.getNextRequest = guard((socket, message, rinfo) =>
    respond(socket, rinfo, message, (entries) => ({ varbinds: message.pdu.varbinds.map((vb) => next(entries, parseOid(vb.oid), vb.oid).varbind) })),
  )
  agent.getBulkRequest = guard((socket, message, rinfo) =>
    respond(socket, rinfo, message, (entries) => {
      const requested = message.pdu.varbinds
      const nonRepeaters = Math.min(Math.max(message.pdu.nonRepeaters ?? 0, 0), requested.length)
      const out = requested.slice(0, nonRepeaters).map((vb) => next(entries, parseOid(vb.oid), vb.oid).varbind)
      const repeaters = requested.slice(nonRepeaters).map((vb): { oid: Oid; text: string } => ({ oid: parseOid(vb.oid), text: vb.oid }))
      if (repeaters.length === 0) return { varbinds: out }
      const repetitions = Math.min(Math.max(message.pdu.maxRepetitions ?? 0, 0), Math.floor(MAX_BULK_VARBINDS / repeaters.length))
      for (let r = 0; r < repetitions; r++) {
        let allEnded = true
        for (const rep of repeaters) {
          const step = next(entries, rep.oid, rep.text)
          out.push(step.varbind)
          if (step.entry) {
            rep.oid = step.entry.oid
            rep.text = step.varbind.oid
            allEnded = false
          }
        }
        if (allEnded) break
      }
      return { varbinds: out }
    }),
  )
  agent.setRequest = guard((socket, message, rinfo) =>
    respond(socket, rinfo, message, () => {
      const varbinds = message.pdu.varbinds
      const writer = message.version === snmp.Version3 ? message.user?.name === credentials.v3User.name : message.community === credentials.readWriteCommunity
      if (!writer) return { varbinds, errorStatus: snmp.ErrorStatus.NoAccess, errorIndex: 1 }
      const plan = planSet(host, varbinds as SetVarbind[])
      if ('errorStatus' in plan) return { varbinds, errorStatus: plan.errorStatus, errorIndex: plan.errorIndex }
      const before = structuredClone(host.running)
      let current = ''
      try {
        const cli = new CliSession(host, { privileged: true })
        for (const line of ['configure', ...plan.lines, 'end']) {
          current = line
          cli.execute(line)
          journal?.record('snmp', line)
        }
      } catch (error) {
        host.running = before
        journal?.record('snmp', current, error instanceof Error ? error.message : 'internal error')
        if (error instanceof CliError) return { varbinds, errorStatus: snmp.ErrorStatus.CommitFailed, errorIndex: 1 }
        throw error
      }
      return { varbinds }
    }),
  )

  const base = { host: '127.0.0.1', port, driver: 'snmp' as const }
  return {
    port,
    credentials,
    connectOptions: { ...base, snmp: { version: '2c', community: credentials.readOnlyCommunity } },
    connectOptionsReadWrite: { ...base, snmp: { version: '2c', community: credentials.readWriteCommunity } },
    connectOptionsV3: {
      ...base,
      snmp: { version: '3', user: { name: credentials.v3User.name, authProtocol: 'sha', authKey: credentials.v3User.authKey, privProtocol: 'aes', privKey: credentials.v3User.privKey } },
    },
    get requests() {
      return requests
    },
    close: () => new Promise<void>((resolve) => agent.close(() => resolve())),
  }
}

function value(entry: OidEntry): unknown {
  return typeof entry.value === 'function' ? (entry.value as () => unknown)() : entry.value
}

/** Index of the first entry whose OID is greater than `oid`. */
function upperBound(entries: OidEntry[], oid: Oid): number {
  let lo = 0
  let hi = entries.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (compareOids((entries[mid] as OidEntry).oid, oid) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

function exact(entries: OidEntry[], text: string): { oid: string; type: snmp.ObjectType; value: unknown } {
  const oid = parseOid(text)
  const i = upperBound(entries, oid) - 1
  const entry = entries[i]
  if (entry && compareOids(entry.oid, oid) === 0) return { oid: text, type: entry.type, value: value(entry) }
  const column = oid.slice(0, -1)
  const hasColumn = entries.some((e) => e.oid.length > column.length && column.every((c, k) => e.oid[k] === c))
  return { oid: text, type: hasColumn ? T.NoSuchInstance : T.NoSuchObject, value: null }
}

function next(entries: OidEntry[], oid: Oid, text: string): { entry?: OidEntry; varbind: { oid: string; type: snmp.ObjectType; value: unknown } } {
  const entry = entries[upperBound(entries, oid)]
  if (!entry) return { varbind: { oid: text, type: T.EndOfMibView, value: null } }
  return { entry, varbind: { oid: entry.oid.join('.'), type: entry.type, value: value(entry) } }
}
