import { formatVlanRanges } from '../src/vlan-ranges.js'
import { orderedInterfaceNames, vlanName, type DeviceConfig, type InterfaceConfig } from './device-config.js'
import { l3ExtraLines } from './l3-running-config.js'
import { lanzGlobalLines, lanzInterfaceLines } from './lanz.js'

/** Context printed in the header of `show running-config`. */
export interface RunningConfigHeader {
  modelName: string
  version: string
}

/**
 * Renders the configuration as EOS prints `show running-config` (or `show running-config all` with `all`): `!`
 * separators, 3-space indentation, default-only VLANs collapsed into one range line (each its own block with `all`,
 * which pyeapi relies on), and `end`. This text is the source of truth of the mock: the JSON form and the session
 * diffs are derived from it.
 */
export function renderRunningConfig(config: DeviceConfig, header: RunningConfigHeader, all = false): string {
  const out: string[] = [
    `! Command: show running-config${all ? ' all' : ''}`,
    `! device: ${config.hostname} (${header.modelName}, EOS-${header.version})`,
    '!',
    `! boot system flash:/EOS-${header.version}.swi`,
    '!',
  ]
  out.push(`hostname ${config.hostname}`, '!')
  if (config.dhcpRelay.option82) out.push('ip dhcp relay information option', '!')
  else if (all) out.push('no ip dhcp relay information option', '!')
  if (config.dhcpRelay.servers.length > 0) {
    out.push('dhcp relay', ...config.dhcpRelay.servers.map((s) => `   server ${s}`), '!')
  }
  out.push(...lanzGlobalLines(config))
  const ids = Object.keys(config.vlans).map(Number).sort((a, b) => a - b)
  const isPlain = (id: number) => id !== 1 && config.vlans[id]?.name === undefined && config.vlans[id]?.state === 'active'
  const plain = ids.filter(isPlain)
  if (!all && plain.length > 0) out.push(`vlan ${formatVlanRanges(plain)}`, '!')
  for (const id of all ? ids : ids.filter((v) => !isPlain(v) && !(v === 1 && config.vlans[1]?.name === undefined && config.vlans[1]?.state === 'active'))) {
    const vlan = config.vlans[id]
    if (!vlan) continue
    out.push(`vlan ${id}`)
    if (all) out.push(`   name ${vlanName(id, vlan)}`, `   state ${vlan.state}`, '   no private-vlan')
    else {
      if (vlan.name !== undefined) out.push(`   name ${vlan.name}`)
      if (vlan.state !== 'active') out.push(`   state ${vlan.state}`)
    }
    out.push('!')
  }
  for (const name of orderedInterfaceNames(config)) {
    const iface = config.interfaces[name] as InterfaceConfig
    out.push(`interface ${name}`, ...interfaceLines(name, iface, all).map((l) => `   ${l}`), '!')
  }
  out.push('end')
  return `${out.join('\n')}\n`
}

function interfaceLines(name: string, i: InterfaceConfig, all: boolean): string[] {
  const lines: string[] = []
  const physical = name.startsWith('Ethernet') || name.startsWith('Port-Channel')
  if (i.description !== undefined) lines.push(`description ${i.description}`)
  else if (all) lines.push('no description')
  if (i.shutdown) lines.push('shutdown')
  else if (all) lines.push('no shutdown')
  if (physical && i.switchport) {
    if (all || i.accessVlan !== 1) lines.push(`switchport access vlan ${i.accessVlan}`)
    if (all || i.nativeVlan !== 1) lines.push(`switchport trunk native vlan ${i.nativeVlan}`)
    if (all || i.allowedVlans !== '1-4094') lines.push(`switchport trunk allowed vlan ${i.allowedVlans}`)
    if (all || i.mode !== 'access') lines.push(`switchport mode ${i.mode}`)
    if (all) lines.push('switchport')
  } else if (physical) {
    lines.push('no switchport')
  }
  if (i.channelGroup) lines.push(`channel-group ${i.channelGroup.id} mode ${i.channelGroup.mode}`)
  if (i.minLinks !== undefined && i.minLinks > 0) lines.push(`port-channel min-links ${i.minLinks}`)
  else if (all && name.startsWith('Port-Channel')) lines.push('no port-channel min-links')
  if (i.vrf !== undefined) lines.push(`vrf ${i.vrf}`)
  if (i.ipAddress) lines.push(`ip address ${i.ipAddress}`, ...(i.secondaryAddresses ?? []).map((a) => `ip address ${a} secondary`))
  else if (all && !i.switchport) lines.push('no ip address')
  lines.push(...lanzInterfaceLines(i))
  for (const h of i.helpers) {
    lines.push(`ip helper-address ${h.address}${h.vrf ? ` vrf ${h.vrf}` : ''}${h.sourceInterface ? ` source-interface ${h.sourceInterface}` : ''}`)
  }
  lines.push(...l3ExtraLines(i))
  return lines
}

/** A node of the JSON running-config: child lines map to `null` (leaf) or a nested block. */
export interface JsonConfigBlock {
  comments: string[]
  cmds: Record<string, JsonConfigBlock | null>
}

/**
 * Converts running-config text into EOS's JSON form (`{header, comments, cmds}`), nesting by indentation; `!` lines
 * and `end` are dropped, as EOS does.
 */
export function runningConfigToJson(text: string): { header: string[]; comments: string[]; cmds: Record<string, JsonConfigBlock | null> } {
  const header: string[] = []
  const root: JsonConfigBlock = { comments: [], cmds: {} }
  const stack: Array<{ indent: number; block: JsonConfigBlock }> = [{ indent: -1, block: root }]
  let last: { indent: number; line: string; parent: JsonConfigBlock } | undefined
  for (const raw of text.split('\n')) {
    if (raw.startsWith('! ') && stack.length === 1 && header.length < 2) {
      if (raw.startsWith('! device:')) header.push(raw)
      continue
    }
    const line = raw.trimEnd()
    const trimmed = line.trim()
    if (trimmed === '' || trimmed === '!' || trimmed === 'end' || trimmed.startsWith('!')) continue
    const indent = line.length - line.trimStart().length
    if (last && indent > last.indent) {
      const block: JsonConfigBlock = { comments: [], cmds: {} }
      last.parent.cmds[last.line] = block
      stack.push({ indent: last.indent, block })
    }
    while (stack.length > 1 && (stack.at(-1) as { indent: number }).indent >= indent) stack.pop()
    const parent = (stack.at(-1) as { block: JsonConfigBlock }).block
    parent.cmds[trimmed] = null
    last = { indent, line: trimmed, parent }
  }
  return { header, comments: [], cmds: root.cmds }
}
