import { ValidationError } from '../src/index.js'
import { globToRegExp } from './glob.js'
import type { Inventory, InventoryHost } from './inventory.js'
import { isPlainObject } from './merge-settings.js'

/** Host fields that `key=value` also reads when the host's data has no such key. */
const FIELDS = ['name', 'address', 'driver', 'platform', 'protocol'] as const

/**
 * Selects hosts like Ansible's `--limit`. The pattern is a comma-separated list of terms:
 * - `leaf1`, `leaves`, `leaf*`, `rack[12]`: host names and group names (globs allowed; a group brings every host in
 *   it or in its nested groups); `all` or `*` is every host;
 * - `key=value`: hosts whose data has that value (`site=ams`, `rack=r*`, nested keys with dots: `loc.row=3`); when
 *   the data has no such key, the host's `name`, `address`, `driver`, `platform` or `protocol`;
 * - `!term`: leave those hosts out; `&term`: keep only hosts that also match it.
 *
 * Hosts come back in inventory order. A term that matches no host at all is an error (a typo would otherwise run
 * on nothing, or on everything when negated), as is an empty pattern.
 *
 * @example
 * ```ts
 * selectHosts(inv, 'leaves,!leaf3')      // every leaf but leaf3
 * selectHosts(inv, 'site=ams,&role=spine')
 * ```
 */
export function selectHosts(inventory: Inventory, pattern: string): InventoryHost[] {
  const terms = pattern.split(',').map((t) => t.trim()).filter((t) => t.length > 0)
  if (terms.length === 0) throw new ValidationError(`invalid --limit '${pattern}': no pattern given`, [{ path: ['limit'], message: 'empty' }])
  const positive = terms.filter((t) => !t.startsWith('!') && !t.startsWith('&'))
  let chosen = new Set<string>(positive.length === 0 ? inventory.hosts.map((h) => h.name) : [])
  const problems: string[] = []
  const matching = (term: string): Set<string> => {
    const found = matchTerm(inventory, term)
    if (found.size === 0) problems.push(`'${term}' matches no host, group or data`)
    return found
  }
  for (const t of positive) for (const name of matching(t)) chosen.add(name)
  for (const t of terms.filter((x) => x.startsWith('&'))) {
    const keep = matching(t.slice(1))
    chosen = new Set([...chosen].filter((n) => keep.has(n)))
  }
  for (const t of terms.filter((x) => x.startsWith('!'))) for (const name of matching(t.slice(1))) chosen.delete(name)
  if (problems.length > 0) throw new ValidationError(`invalid --limit '${pattern}': ${problems.join('; ')}`, problems.map((message) => ({ path: ['limit'], message })))
  return inventory.hosts.filter((h) => chosen.has(h.name))
}

function matchTerm(inventory: Inventory, term: string): Set<string> {
  if (term === 'all' || term === '*') return new Set(inventory.hosts.map((h) => h.name))
  const eq = term.indexOf('=')
  if (eq > 0) {
    const key = term.slice(0, eq)
    const value = globToRegExp(term.slice(eq + 1))
    return new Set(inventory.hosts.filter((h) => valuesAt(h, key).some((v) => value.test(v))).map((h) => h.name))
  }
  const re = globToRegExp(term)
  const out = new Set<string>()
  for (const h of inventory.hosts) if (re.test(h.name)) out.add(h.name)
  for (const g of inventory.groups) if (re.test(g.name)) for (const h of g.hosts) out.add(h)
  return out
}

/** The values at a dotted key of a host's data (an array gives each element), as text. */
function valuesAt(host: InventoryHost, key: string): string[] {
  let node: unknown = host.data
  for (const part of key.split('.')) {
    if (!isPlainObject(node) || !(part in node)) {
      node = undefined
      break
    }
    node = node[part]
  }
  if (node === undefined && (FIELDS as readonly string[]).includes(key)) node = host[key as (typeof FIELDS)[number]]
  if (node === undefined || node === null) return []
  const list = Array.isArray(node) ? node : [node]
  return list.filter((v) => typeof v !== 'object').map((v) => String(v))
}
