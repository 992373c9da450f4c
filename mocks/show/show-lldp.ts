import { shortInterfaceName } from '../../src/interface-names.js'
import type { CommandResult } from '../cli/command-grammar.js'
import type { LiveView } from '../port-state.js'

/** An LLDP neighbour seen on a local port (a lab fills these from its topology links). */
export interface LldpNeighbor {
  /** Local port, e.g. `Ethernet1`. */
  port: string
  /** The neighbour's system name (its hostname). */
  neighborDevice: string
  /** The neighbour's port id, e.g. `Ethernet2`. */
  neighborPort: string
  /** Seconds the neighbour's advertisement stays valid (default 120, EOS's default). */
  ttl?: number
}

/** What `show lldp neighbors` needs from the device. */
export interface LldpView extends LiveView {
  readonly lldpNeighbors: readonly LldpNeighbor[]
  readonly bootTime: number
}

/**
 * `show lldp neighbors`. JSON in the shape public recordings show (sonic-mgmt's `show lldp neighbors | json` sample,
 * ANTA's docs): `{tablesLastChangeTime, tablesAgeOuts, tablesInserts, lldpNeighbors: [{port, neighborDevice,
 * neighborPort, ttl}], tablesDeletes, tablesDrops}`; text in the column layout of ntc-templates'
 * `arista_eos_show_lldp_neighbors2.raw`. A neighbour on a port whose link is down or that is shut down is not shown (it has aged out).
 */
export function showLldpNeighbors(view: LldpView, only?: string): CommandResult {
  const neighbors = view.lldpNeighbors
    .filter((n) => view.linkUp(n.port) && !view.running.interfaces[n.port]?.shutdown && (only === undefined || n.port === only))
    .map((n) => ({ port: n.port, neighborDevice: n.neighborDevice, neighborPort: n.neighborPort, ttl: n.ttl ?? 120 }))
  const json = {
    tablesLastChangeTime: view.bootTime / 1000,
    tablesAgeOuts: 0,
    tablesInserts: view.lldpNeighbors.length,
    lldpNeighbors: neighbors,
    tablesDeletes: 0,
    tablesDrops: 0,
  }
  return {
    json: () => json,
    text: () => {
      const ago = Math.max(0, Math.floor((Date.now() - view.bootTime) / 1000))
      const clock = `${Math.floor(ago / 3600)}:${String(Math.floor(ago / 60) % 60).padStart(2, '0')}:${String(ago % 60).padStart(2, '0')}`
      return [
        `Last table change time   : ${clock} ago`,
        `Number of table inserts  : ${json.tablesInserts}`,
        `Number of table deletes  : 0`,
        `Number of table drops    : 0`,
        `Number of table age-outs : 0`,
        '',
        'Port          Neighbor Device ID       Neighbor Port ID    TTL',
        '---------- ------------------------ ---------------------- ---',
        ...neighbors.map((n) => `${shortInterfaceName(n.port).padEnd(14)}${n.neighborDevice.padEnd(25)}${n.neighborPort.padEnd(20)}${n.ttl}`),
        '',
      ].join('\n')
    },
  }
}
