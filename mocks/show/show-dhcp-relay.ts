import { compareInterfaceNames } from '../../src/interface-names.js'
import type { CommandResult } from '../cli/command-grammar.js'
import type { DeviceConfig } from '../device-config.js'

/**
 * `show ip dhcp relay`. The JSON holds the confirmed `activeState` and `option82` fields only; the text follows the
 * EOS manual's newer format.
 */
export function showDhcpRelay(config: DeviceConfig): CommandResult {
  const relayed = () =>
    Object.entries(config.interfaces)
      .filter(([, i]) => i.helpers.length > 0)
      .sort(([a], [b]) => compareInterfaceNames(a, b))
  const active = () => relayed().length > 0 || config.dhcpRelay.servers.length > 0
  return {
    json: () => ({ activeState: active(), option82: config.dhcpRelay.option82, smartRelay: false }),
    text: () => {
      const out = [
        `DHCP Relay is ${active() ? 'active' : 'not active'}`,
        `DHCP Relay Option 82 is ${config.dhcpRelay.option82 ? 'enabled' : 'disabled'}`,
        'DHCP Smart Relay is disabled',
      ]
      if (config.dhcpRelay.servers.length > 0) {
        out.push('Default L3 interface DHCP servers:')
        config.dhcpRelay.servers.forEach((s, i) => out.push(i === 0 ? `  DHCPv4 servers: ${s}` : `                  ${s}`))
      }
      for (const [name, i] of relayed()) {
        out.push(`Interface: ${name}`, '  DHCP Smart Relay is disabled')
        i.helpers.forEach((h, n) => {
          const text = `${h.address}${h.vrf ? ` (vrf ${h.vrf})` : ''}`
          out.push(n === 0 ? `  DHCPv4 servers: ${text}` : `                  ${text}`)
        })
      }
      return `${out.join('\n')}\n`
    },
  }
}
