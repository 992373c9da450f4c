import { readFile } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { parseEapiConf } from './eapi-conf.js'
import type { Inventory } from './inventory.js'
import { parseInventory } from './parse-inventory.js'

/** Which reader to use: a switchyard YAML inventory, or a pyeapi eapi.conf. `auto` picks by the file name (`*.conf` is eapi.conf). */
export type InventoryFormat = 'yaml' | 'eapi-conf' | 'auto'

/**
 * Reads an inventory file: a switchyard YAML inventory or a pyeapi `eapi.conf`. Relative `{ file }` references are
 * resolved against the file's directory. Throws an `InventoryError` (with line:column) when it is invalid.
 *
 * @example
 * ```ts
 * const inv = await loadInventory('inventory.yaml')
 * const pyeapiHosts = await loadInventory(`${homedir()}/.eapi.conf`)
 * ```
 */
export async function loadInventory(path: string, format: InventoryFormat = 'auto'): Promise<Inventory> {
  const text = await readFile(path, 'utf8')
  const options = { file: path, baseDir: dirname(resolve(path)) }
  const kind = format === 'auto' ? (basename(path).endsWith('.conf') ? 'eapi-conf' : 'yaml') : format
  return kind === 'eapi-conf' ? parseEapiConf(text, options) : parseInventory(text, options)
}
