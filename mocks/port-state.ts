import { parseVlanRanges } from '../src/vlan-ranges.js'
import type { DeviceConfig, InterfaceConfig } from './device-config.js'

/** What the show commands need to know about a device's live state besides its configuration. */
export interface LiveView {
  readonly running: DeviceConfig
  /** Physical link state (cable, peer) of Ethernet and Management ports. */
  linkUp(port: string): boolean
}

/** The members of a port-channel, by configuration. */
export function membersOf(config: DeviceConfig, lagId: number): string[] {
  return Object.entries(config.interfaces)
    .filter(([, i]) => i.channelGroup?.id === lagId)
    .map(([name]) => name)
}

/** Whether an interface is operationally up now. */
export function isOperUp(view: LiveView, name: string): boolean {
  const iface = view.running.interfaces[name]
  if (!iface || iface.shutdown) return false
  if (name.startsWith('Ethernet') || name.startsWith('Management')) return view.linkUp(name)
  if (name.startsWith('Port-Channel')) {
    const id = Number(name.slice('Port-Channel'.length))
    const up = membersOf(view.running, id).filter((m) => isOperUp(view, m)).length
    return up > 0 && up >= (iface.minLinks ?? 0)
  }
  if (name.startsWith('Vlan')) {
    const vlan = view.running.vlans[Number(name.slice(4))]
    return vlan !== undefined && vlan.state === 'active'
  }
  return true
}

/** `bridged`, `routed` or, for port-channel members, `dataLink`. */
export function forwardingModel(iface: InterfaceConfig): 'bridged' | 'routed' | 'dataLink' {
  if (iface.channelGroup) return 'dataLink'
  return iface.switchport ? 'bridged' : 'routed'
}

/**
 * For every VLAN, the switchports that carry it now (up, not a LAG member; access ports in their VLAN, trunks in
 * their allowed list), as EOS's `show vlan` lists them.
 */
export function vlanMembership(view: LiveView): Map<number, string[]> {
  const members = new Map<number, string[]>()
  const config = view.running
  for (const [name, iface] of Object.entries(config.interfaces)) {
    if (!iface.switchport || iface.channelGroup || !(name.startsWith('Ethernet') || name.startsWith('Port-Channel'))) continue
    if (!isOperUp(view, name)) continue
    const vlans = iface.mode === 'access' ? [iface.accessVlan] : parseVlanRanges(iface.allowedVlans)
    for (const v of vlans) {
      if (config.vlans[v] === undefined) continue
      const list = members.get(v)
      if (list) list.push(name)
      else members.set(v, [name])
    }
  }
  return members
}
