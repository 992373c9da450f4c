import { z } from 'zod'
import type { DhcpRelay } from '../../src/model/dhcp-relay.js'
import { compareInterfaceNames } from '../../src/interface-names.js'
import { parseOutput } from './eos-json.js'
import { blockLines, matchingBlocks, type ConfigBlock } from './running-config-tree.js'

const ShowDhcpRelay = z.object({ activeState: z.boolean(), option82: z.boolean() })

const HELPER = /^ip helper-address (\S+)(?: vrf (\S+))?(?: source-(?:interface|address) (\S+))?$/
const DESTINATION6 = /^ipv6 dhcp relay destination (\S+)(?: vrf (\S+))?(?: local-interface (\S+))?/

/**
 * Builds DHCP relay settings from the JSON running-config (servers per interface, global `dhcp relay` servers,
 * option 82, DHCPv6 destinations per interface) and `show ip dhcp relay` (active state and option 82 as the device
 * reports them).
 */
export function parseDhcpRelay(showDhcpRelay: unknown, runningConfig: ConfigBlock): DhcpRelay {
  const status = parseOutput(ShowDhcpRelay, showDhcpRelay, 'show ip dhcp relay')
  const interfaces: DhcpRelay['interfaces'] = []
  const ipv6Interfaces: DhcpRelay['ipv6Interfaces'] = []
  for (const { match, lines } of matchingBlocks(runningConfig, /^interface (\S+)$/)) {
    const servers6 = lines
      .map((line) => DESTINATION6.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map(([, address = '', vrf, local]) => ({ address, ...(vrf ? { vrf } : {}), ...(local ? { localInterface: local } : {}) }))
    if (servers6.length > 0) ipv6Interfaces.push({ interface: match[1] as string, servers: servers6 })
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
    ipv6Interfaces: ipv6Interfaces.sort((a, b) => compareInterfaceNames(a.interface, b.interface)),
  }
}
