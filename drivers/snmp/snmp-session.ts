import snmp from 'net-snmp'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import { AbortedError, AuthenticationError, ConnectionError, ParseError, TimeoutError } from '../../src/errors.js'

/** A varbind as read: OID text, type and value (Counter64 already a bigint, OCTET STRING a Buffer). */
export interface ReadVarbind {
  oid: string
  type: snmp.ObjectType
  value: unknown
}

/** A column's rows by index suffix (`"5"`, `"0.10"`, `"49.3.0"`). */
export type Column = Map<string, unknown>

/** Per-call limits. */
export interface ReadLimits {
  signal?: AbortSignal | undefined
  timeoutMs?: number | undefined
}

/** Failure of one SET, with the agent's error status and the 1-based index of the varbind it blames. */
export class SetRejected extends Error {
  constructor(
    readonly status: number,
    readonly index: number,
  ) {
    super(`SET rejected: ${snmp.ErrorStatus[status] ?? status}`)
  }
}

const AUTH: Record<string, snmp.AuthProtocols> = {
  md5: snmp.AuthProtocols.md5,
  sha: snmp.AuthProtocols.sha,
  sha256: snmp.AuthProtocols.sha256,
  sha512: snmp.AuthProtocols.sha512,
}
const PRIV: Record<string, snmp.PrivProtocols> = {
  aes: snmp.PrivProtocols.aes,
  aes256b: snmp.PrivProtocols.aes256b,
  aes256r: snmp.PrivProtocols.aes256r,
  des: snmp.PrivProtocols.des,
}

function decode(vb: snmp.Varbind): ReadVarbind {
  let value: unknown = vb.value
  if (vb.type === snmp.ObjectType.Counter64) {
    const buf = vb.value as unknown as Buffer
    value = Buffer.isBuffer(buf) && buf.length > 0 ? BigInt(`0x${buf.toString('hex')}`) : typeof buf === 'bigint' ? buf : 0n
  }
  return { oid: vb.oid, type: vb.type as snmp.ObjectType, value }
}

function oidParts(oid: string): number[] {
  return oid.split('.').map(Number)
}

function after(a: string, b: string): boolean {
  const x = oidParts(a)
  const y = oidParts(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) > (y[i] as number)
  return x.length > y.length
}

/**
 * One SNMP session (v2c set explicitly, or v3 authPriv) with the discipline reference/snmp.md asks for: table reads
 * are GETBULK walks bounded by their column, a varbind cap and a deadline, that refuse an agent going backwards;
 * reads are retried on timeout, writes never; Counter64 arrives as bigint.
 */
export class SnmpSession {
  readonly host: string
  readonly #session: snmp.Session
  readonly #retries: number
  readonly #maxRepetitions: number
  readonly #maxVarbinds: number
  readonly #timeoutMs: number

  constructor(options: ResolvedConnectOptions) {
    const s = options.snmp ?? {}
    const port = options.port ?? 161
    this.host = `${options.host}:${port}`
    this.#retries = s.retries ?? 2
    this.#maxRepetitions = s.maxRepetitions ?? 40
    this.#maxVarbinds = s.maxVarbinds ?? 200_000
    this.#timeoutMs = options.timeoutMs ?? 30_000
    const common = { port, retries: 0, timeout: s.requestTimeoutMs ?? 2000, backwardsGetNexts: false }
    if ((s.version ?? '2c') === '3') {
      const user = s.user
      if (!user) throw new AuthenticationError('SNMPv3 needs snmp.user', { host: this.host })
      this.#session = snmp.createV3Session(
        options.host,
        {
          name: user.name,
          level: snmp.SecurityLevel.authPriv,
          authProtocol: AUTH[user.authProtocol ?? 'sha'] as snmp.AuthProtocols,
          authKey: user.authKey,
          privProtocol: PRIV[user.privProtocol ?? 'aes'] as snmp.PrivProtocols,
          privKey: user.privKey,
        },
        { ...common, version: snmp.Version3 },
      )
    } else {
      this.#session = snmp.createSession(options.host, s.community ?? 'public', { ...common, version: snmp.Version2c })
    }
    this.#session.on('error', () => {})
  }

  /** GET of scalars or instances; missing ones come back as `undefined`. */
  async get(oids: string[], limits: ReadLimits = {}): Promise<Array<unknown | undefined>> {
    const varbinds = await this.#retry(limits, () => new Promise<snmp.Varbind[]>((resolve, reject) => this.#session.get(oids, (e, vbs) => (e ? reject(e) : resolve(vbs ?? [])))))
    return varbinds.map((vb) => (snmp.isVarbindError(vb) ? undefined : decode(vb).value))
  }

  /**
   * Reads table columns with GETBULK, all columns in each request, each followed until it leaves its column.
   * Returns each column's rows by index suffix. Missing columns come back empty.
   */
  async walkColumns(columns: readonly string[], limits: ReadLimits = {}): Promise<Column[]> {
    const deadline = Date.now() + (limits.timeoutMs ?? this.#timeoutMs)
    const results = columns.map(() => new Map<string, unknown>())
    let cursors = columns.map((c, i) => ({ column: c, at: c, index: i }))
    let total = 0
    while (cursors.length > 0) {
      if (Date.now() > deadline) {
        throw new TimeoutError(`SNMP table read from ${this.host} did not finish within ${limits.timeoutMs ?? this.#timeoutMs} ms`, limits.timeoutMs ?? this.#timeoutMs, { host: this.host })
      }
      const reps = Math.max(1, Math.floor(this.#maxRepetitions / cursors.length))
      const rows = await this.#retry(limits, () =>
        new Promise<Array<snmp.Varbind[] | snmp.Varbind>>((resolve, reject) =>
          this.#session.getBulk(
            cursors.map((c) => c.at),
            0,
            reps,
            (e, vbs) => (e ? reject(e) : resolve(vbs as Array<snmp.Varbind[] | snmp.Varbind>)),
          ),
        ),
      )
      const next: typeof cursors = []
      cursors.forEach((cursor, i) => {
        const list = (Array.isArray(rows[i]) ? rows[i] : [rows[i]]) as snmp.Varbind[]
        let done = list.length === 0
        for (const vb of list) {
          if (!vb || snmp.isVarbindError(vb) || !vb.oid.startsWith(`${cursor.column}.`)) {
            done = true
            break
          }
          if (!after(vb.oid, cursor.at)) throw new ParseError(`walk ${cursor.column}`, `agent ${this.host} returned ${vb.oid} out of order`, { host: this.host })
          const row = decode(vb)
          ;(results[cursor.index] as Column).set(vb.oid.slice(cursor.column.length + 1), row.value)
          cursor.at = vb.oid
          if (++total > this.#maxVarbinds) {
            throw new ParseError(`walk ${cursor.column}`, `more than ${this.#maxVarbinds} varbinds (snmp.maxVarbinds)`, { host: this.host })
          }
        }
        if (!done) next.push(cursor)
      })
      cursors = next
    }
    return results
  }

  /** One SET PDU (the agent applies it whole or not at all). Never retried. */
  set(varbinds: snmp.Varbind[], limits: ReadLimits = {}): Promise<void> {
    this.#checkAbort(limits)
    return new Promise<void>((resolve, reject) =>
      this.#session.set(varbinds, (error) => {
        if (!error) return resolve()
        const e = error as Error & { status?: number }
        if (e.name === 'RequestFailedError' && typeof e.status === 'number') {
          const blamed = /: ([\d.]+)$/.exec(e.message)?.[1]
          const index = blamed === undefined ? 1 : varbinds.findIndex((vb) => vb.oid === blamed) + 1
          return reject(new SetRejected(e.status, Math.max(index, 1)))
        }
        reject(this.#mapError(error))
      }),
    )
  }

  close(): void {
    try {
      this.#session.close()
    } catch {
      // Already closed.
    }
  }

  #checkAbort(limits: ReadLimits): void {
    if (limits.signal?.aborted) throw new AbortedError(`call to ${this.host} was aborted`, { host: this.host })
  }

  async #retry<T>(limits: ReadLimits, attempt: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      this.#checkAbort(limits)
      try {
        return await attempt()
      } catch (error) {
        const e = error as Error
        if (e.name !== 'RequestTimedOutError' || i >= this.#retries) throw this.#mapError(error)
      }
    }
  }

  #mapError(error: unknown): Error {
    const e = error as Error & { status?: number }
    if (e.name === 'RequestTimedOutError') {
      return new TimeoutError(
        `no SNMP answer from ${this.host} after ${this.#retries + 1} tries (unreachable, or a wrong community, which agents ignore)`,
        this.#timeoutMs,
        { host: this.host },
      )
    }
    if (e.name === 'ResponseInvalidError' || /Unknown User|Wrong Digest|authentication/i.test(e.message)) {
      return new AuthenticationError(`SNMPv3 authentication with ${this.host} failed: ${e.message}`, { host: this.host })
    }
    return new ConnectionError(`SNMP request to ${this.host} failed: ${e.message}`, { host: this.host })
  }
}
