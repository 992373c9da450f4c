import { decode } from 'ini'
import { InventoryError, type InventoryIssue } from './inventory-error.js'
import { InventoryHostSchema } from './inventory-schema.js'
import { parseInventory, type InventorySourceOptions } from './parse-inventory.js'
import type { Inventory } from './inventory.js'

const KEYS = new Set(['host', 'transport', 'port', 'username', 'password', 'enablepwd', 'tags', 'timeout', 'ca_file'])

/**
 * Reads a pyeapi `eapi.conf`: every `[connection:NAME]` section becomes host NAME (`host` is its address, the name
 * when absent), with `transport` (`https` or `http`), `port`, `username`, `password`, `enablepwd`, `timeout` (seconds)
 * and `tags` (comma list, which become groups). `[DEFAULT]` values apply to every section, as in pyeapi. Both
 * `key: value` and `key = value` are read, values verbatim (a `#` or `;` in a password is kept). Unlike pyeapi,
 * HTTPS certificates are verified: against the system CAs, or against `ca_file` (pyeapi's key for a CA PEM file;
 * a relative path is taken from the file's directory), which for a self-signed device can be its own certificate.
 * To pin a fingerprint instead, use a YAML inventory.
 *
 * @example
 * ```ts
 * const inv = parseEapiConf(await readFile(`${homedir()}/.eapi.conf`, 'utf8'), { file: '~/.eapi.conf' })
 * ```
 */
export function parseEapiConf(text: string, options: InventorySourceOptions = {}): Inventory {
  const file = options.file ?? '<inline>'
  const lines = text.split(/\r?\n/)
  const where = new Map<string, number>()
  let section = ''
  const normalised = lines.map((line, i) => {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line)
    if (header) {
      section = (header[1] as string).trim()
      where.set(section, i + 1)
      return `[${section.replace(/\./g, '\\.')}]`
    }
    if (/^\s*([;#].*)?$/.test(line)) return line
    const m = /^\s*([^:=\s][^:=]*?)\s*[:=]\s*(.*)$/.exec(line)
    if (!m) return line
    const key = (m[1] as string).toLowerCase()
    where.set(`${section}\0${key}`, i + 1)
    return `${key} = ${JSON.stringify((m[2] as string).trimEnd())}`
  })
  const parsed = decode(normalised.join('\n')) as Record<string, Record<string, unknown>>
  const defaults = parsed.DEFAULT ?? {}
  const issues: InventoryIssue[] = []
  const issue = (sec: string, key: string | undefined, message: string) => {
    const line = where.get(key === undefined ? sec : `${sec}\0${key}`) ?? where.get(sec)
    issues.push({ path: key === undefined ? [sec] : [sec, key], message, ...(line === undefined ? {} : { line, column: 1 }) })
  }
  const hosts: Record<string, Record<string, unknown>> = {}
  for (const [name, values] of Object.entries(parsed)) {
    if (!name.startsWith('connection:')) continue
    const hostName = name.slice('connection:'.length)
    const entry: Record<string, string> = {}
    for (const [k, v] of Object.entries({ ...defaults, ...values })) if (typeof v === 'string') entry[k] = v
    for (const k of Object.keys(entry)) if (!KEYS.has(k)) issue(name, k, `unknown key '${k}' (switchyard reads ${[...KEYS].join(', ')})`)
    const host: Record<string, unknown> = { driver: 'eapi' }
    if (entry.host) host.address = entry.host
    const transport = entry.transport ?? 'https'
    if (transport === 'https' || transport === 'http') host.protocol = transport
    else issue(name, 'transport', `transport '${transport}' is not supported (use https or http)`)
    if (entry.port !== undefined) host.port = /^\d+$/.test(entry.port) ? Number(entry.port) : entry.port
    if (entry.username !== undefined) host.username = entry.username
    if (entry.password) host.password = entry.password
    if (entry.enablepwd) host.enablePassword = entry.enablepwd
    if (entry.timeout !== undefined) host.timeoutMs = /^\d+(\.\d+)?$/.test(entry.timeout) ? Math.round(Number(entry.timeout) * 1000) : entry.timeout
    if (entry.ca_file && host.protocol === 'https') host.tls = { ca: { file: entry.ca_file } }
    if (entry.tags) host.groups = entry.tags.split(',').map((t) => t.trim()).filter((t) => t.length > 0)
    const checked = InventoryHostSchema.safeParse(host)
    if (!checked.success) {
      for (const i of checked.error.issues) {
        const key = String(i.path[0] ?? '')
        const iniKey = { address: 'host', protocol: 'transport', enablePassword: 'enablepwd', timeoutMs: 'timeout', groups: 'tags', tls: 'ca_file' }[key] ?? key
        issue(name, iniKey, i.message)
      }
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(hostName)) issue(name, undefined, `connection name '${hostName}' has characters other than letters, digits, ".", "_" and "-"`)
    hosts[hostName] = host
  }
  if (issues.length > 0) throw new InventoryError(file, issues)
  const tags = [...new Set(Object.values(hosts).flatMap((h) => (h.groups as string[] | undefined) ?? []))]
  const doc = { groups: Object.fromEntries(tags.map((t) => [t, {}])), hosts }
  return parseInventory(JSON.stringify(doc), { ...options, file })
}
