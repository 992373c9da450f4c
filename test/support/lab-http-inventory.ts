import { parseInventory, type Inventory } from '../../fleet/index.js'
import type { MockLab } from '../../mocks/index.js'

/** A switchyard inventory (as plain data) of a lab's devices over eAPI HTTP, named d0, d1, … in start order. */
export function labHttpInventoryData(lab: MockLab, password: string): Record<string, unknown> {
  return {
    defaults: { driver: 'eapi', protocol: 'http', username: 'admin', password },
    hosts: Object.fromEntries(lab.endpoints.map((e, i) => [`d${i}`, { address: '127.0.0.1', port: e.eapiHttp.port }])),
  }
}

/** {@link labHttpInventoryData}, parsed as an inventory file would be. */
export function labHttpInventory(lab: MockLab, password: string): Inventory {
  return parseInventory(JSON.stringify(labHttpInventoryData(lab, password)), { file: 'inline.yaml', baseDir: '.' })
}
