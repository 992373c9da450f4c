import { compareInterfaceNames, shortInterfaceName } from '../../src/interface-names.js'
import type { CommandResult } from '../cli/command-grammar.js'
import { CliError } from '../cli/cli-error.js'
import { vlanName } from '../device-config.js'
import { vlanMembership, type LiveView } from '../port-state.js'

/** `show vlan [ids]`: JSON as in the napalm recording, text as ntc-templates parses it. */
export function showVlan(view: LiveView, only?: number[]): CommandResult {
  // EOS refuses a VLAN list none of which exists (reference/ssh.md §4.3: `show vlan 123`); 1000 "could not run" over eAPI.
  if (only && only.length > 0 && !only.some((id) => view.running.vlans[id])) {
    throw new CliError(`VLAN ${only.join(',')} not found in current VLAN database`, 1000)
  }
  const rows = () => {
    const members = vlanMembership(view)
    const filter = only ? new Set(only) : undefined
    return Object.keys(view.running.vlans)
      .map(Number)
      .filter((id) => !filter || filter.has(id))
      .sort((a, b) => a - b)
      .map((id) => {
        const vlan = view.running.vlans[id] as { name?: string; state: 'active' | 'suspend' }
        return { id, name: vlanName(id, vlan), status: vlan.state === 'active' ? 'active' : 'suspended', ports: (members.get(id) ?? []).sort(compareInterfaceNames) }
      })
  }
  return {
    json: () => {
      const vlans: Record<string, unknown> = {}
      for (const r of rows()) {
        const interfaces: Record<string, { privatePromoted: boolean }> = {}
        for (const p of r.ports) interfaces[p] = { privatePromoted: false }
        vlans[String(r.id)] = { name: r.name, dynamic: false, status: r.status, interfaces }
      }
      return { sourceDetail: '', vlans }
    },
    text: () => {
      const out = [
        'VLAN  Name                             Status    Ports',
        '----- -------------------------------- --------- -------------------------------',
      ]
      for (const r of rows()) {
        const ports = r.ports.map(shortInterfaceName)
        const chunks: string[] = []
        for (let i = 0; i < ports.length; i += 5) chunks.push(ports.slice(i, i + 5).join(', ') + (i + 5 < ports.length ? ',' : ''))
        out.push(`${String(r.id).padEnd(5)} ${r.name.padEnd(32)} ${r.status.padEnd(9)} ${chunks[0] ?? ''}`.trimEnd())
        for (const more of chunks.slice(1)) out.push(`${' '.repeat(49)}${more}`)
      }
      return `${out.join('\n')}\n`
    },
  }
}
