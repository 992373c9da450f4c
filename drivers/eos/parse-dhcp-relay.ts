import { z } from 'zod'
import type { DhcpRelay } from '../../src/model/dhcp-relay.js'
import { compareInterfaceNames } from '../../src/interface-names.js'
import { parseOutput } from './eos-json.js'
import { blockLines, matchingBlocks, type ConfigBlock } from './running-config-tree.js'

const ShowDhcpRelay = z.object({ activeState: z.boolean(), option82: z.boolean() })

const HELPER = /^ip helper-address (\S+)(?: vrf (\S+))?(?: source-(?:interface|address) (\S+))?$/

/**
 * Builds DHCP relay settings from the JSON running-config (servers per interface, global `dhcp relay` servers,
 * option 82) and `show ip dhcp relay` (active state and option 82 as the device reports them).
 */
export function parseDhcpRelay(showDhcpRelay: unknown, runningConfig: ConfigBlock): DhcpRelay {
  const status = parseOutput(ShowDhcpRelay, showDhcpRelay, 'show ip dhcp relay')
  const interfaces: DhcpRelay['interfaces'] = []
  for (const { match, lines } of matchingBlocks(runningConfig, /^interface (\S+)$/)) {
    const servers = lines
      .map((line) => HELPER.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map(([, address = '', vrf, source]) => ({ address, ...(vrf ? { vrf } : {}), ...(source ? { sourceInterface: source } : {}) }))
    if (servers.length > 0) interfaces.push({ interface: match[1] as string, servers })
  }
  const globalServers = blockLines(runningConfig, 'dhcp relay')
    .map((line) => /^server (\S+)$/.exec(line)?.[1])
    .filter((s): s is string => s !== undefined)
  return {
    active: status.activeState,
    option82: status.option82,
    globalServers,
    interfaces: interfaces.sort((a, b) => compareInterfaceNames(a.interface, b.interface)),
  }
}
