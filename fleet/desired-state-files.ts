import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseDesiredState, validateDesiredState, ValidationError, type DesiredState } from '../src/index.js'
import type { InventoryHost } from './inventory.js'
import { isPlainObject } from './merge-settings.js'

/** The key that identifies an item of each list section. */
const ITEM_KEY: Readonly<Record<string, string>> = { vlans: 'id', interfaces: 'name', lags: 'id', l1: 'output', taps: 'source' }

/** The desired state of each host, from a folder of files. */
export interface DesiredStateFiles {
  /** Per host name, its merged, validated document. */
  readonly documents: ReadonlyMap<string, DesiredState>
  /** Hosts that have neither a file nor a group file. */
  readonly missing: readonly string[]
}

/**
 * Reads desired-state files from `dir`: `<host>.yaml` per host and `groups/<group>.yaml` per group (`.yml` and
 * `.json` too). A host's document is its group files merged in the inventory's group order (parents first), with
 * its own file last: per section the later `state` wins; list items with the same key (`id` of vlans and lags,
 * `name` of interfaces, `output` of l1, `source` of taps) are replaced whole, others added; `dhcpRelay` and
 * `metawatch` configs merge key by key. Each file is checked on its own (errors with file:line:column), then the
 * merged document.
 */
export async function loadDesiredStateFiles(dir: string, hosts: readonly InventoryHost[]): Promise<DesiredStateFiles> {
  await requireFolder(dir)
  const cache = new Map<string, Promise<unknown>>()
  const load = (path: string) => {
    let p = cache.get(path)
    if (!p) {
      p = readFirst(path).then((found) => {
        if (!found) return undefined
        parseDesiredState(found.text, { source: found.file })
        return parse(found.text) ?? {}
      })
      cache.set(path, p)
    }
    return p
  }
  const documents = new Map<string, DesiredState>()
  const missing: string[] = []
  for (const host of hosts) {
    const layers = (await Promise.all([...host.groups.map((g) => load(join(dir, 'groups', g))), load(join(dir, host.name))])).filter((l) => l !== undefined)
    if (layers.length === 0) {
      missing.push(host.name)
      continue
    }
    try {
      documents.set(host.name, validateDesiredState(mergeDesiredLayers(layers)))
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(`desired state of ${host.name} (its files merged): ${error.message}`, error.issues, { cause: error })
      throw error
    }
  }
  return { documents, missing }
}

/** Merges desired-state documents (as plain data), later over earlier, as {@link loadDesiredStateFiles} describes. */
export function mergeDesiredLayers(layers: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const layer of layers) {
    if (!isPlainObject(layer)) continue
    for (const [section, value] of Object.entries(layer)) {
      const prev = out[section]
      if (!isPlainObject(value) || !isPlainObject(prev)) {
        out[section] = value
        continue
      }
      const merged: Record<string, unknown> = { ...prev, ...value }
      const key = ITEM_KEY[section]
      if (key && Array.isArray(prev.config) && Array.isArray(value.config)) {
        const items = [...(prev.config as unknown[])]
        for (const item of value.config as unknown[]) {
          const i = isPlainObject(item) ? items.findIndex((x) => isPlainObject(x) && String(x[key]) === String(item[key])) : -1
          if (i >= 0) items[i] = item
          else items.push(item)
        }
        merged.config = items
      } else if (!key && isPlainObject(prev.config) && isPlainObject(value.config)) {
        merged.config = { ...prev.config, ...value.config }
      }
      out[section] = merged
    }
  }
  return out
}

async function readFirst(base: string): Promise<{ file: string; text: string } | undefined> {
  for (const ext of ['.yaml', '.yml', '.json']) {
    try {
      return { file: base + ext, text: await readFile(base + ext, 'utf8') }
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error
    }
  }
  return undefined
}

/** Refuses a desired-state folder that does not exist or is not a folder (a typo must not read as "no drift"). */
async function requireFolder(dir: string): Promise<void> {
  const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (!found) throw new ValidationError(`the desired-state folder ${dir} does not exist`, [{ path: ['dir'], message: 'no such folder' }])
  if (!found.isDirectory()) throw new ValidationError(`${dir} is not a folder: give the folder that holds <host>.yaml and groups/<group>.yaml`, [{ path: ['dir'], message: 'not a folder' }])
}
