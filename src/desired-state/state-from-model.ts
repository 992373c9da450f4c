import type { Vlan } from '../model/vlan.js'
import type { Interface } from '../model/interface.js'
import type { Lag } from '../model/lag.js'
import type { DhcpRelay } from '../model/dhcp-relay.js'
import type { IpInterface } from '../model/ip-interface.js'
import { compareInterfaceNames } from '../interface-names.js'
import { formatVlanRanges } from '../vlan-ranges.js'
import { ALL_VLANS, canonicalInterface, defaultInterface, defaultVlanName, emptyEosState, sortedMap, type EosDeviceState } from './device-state.js'

/** What a driver without a running-config (SNMP) could read of an EOS switch. */
export interface ModelReads {
  vlans?: Vlan[]
  interfaces?: Interface[]
  lags?: Lag[]
  dhcpRelay?: DhcpRelay
  ipInterfaces?: IpInterface[]
}

/**
 * Builds the desired-state view of an EOS switch from the typed model (the reads every driver has), for drivers that
 * cannot read the running-config. Parts not read stay at their defaults.
 */
export function stateFromModel(reads: ModelReads): EosDeviceState {
  const state = emptyEosState()
  for (const v of reads.vlans ?? []) {
    if (v.dynamic) continue
    state.vlans.set(v.id, { name: v.name === defaultVlanName(v.id) ? null : v.name, state: v.state })
  }
  const l3 = new Map((reads.ipInterfaces ?? []).map((i) => [i.interface, i]))
  for (const i of reads.interfaces ?? []) {
    const e = defaultInterface(i.name)
    e.description = i.description
    e.enabled = i.enabled
    if (e.mode !== null && i.mode !== null) e.mode = i.mode
    if (i.accessVlan !== null) e.accessVlan = i.accessVlan
    if (i.nativeVlan !== null) e.nativeVlan = i.nativeVlan
    if (i.mode === 'trunk') e.allowedVlans = i.allowedVlans.length === 4094 ? ALL_VLANS : formatVlanRanges(i.allowedVlans)
    const ip = l3.get(i.name)
    if (ip) {
      e.vrf = ip.vrf
      e.ipv4 = ip.ipv4.primary === null ? null : { primary: ip.ipv4.primary, secondary: ip.ipv4.secondary }
      e.ipv6 = ip.ipv6
    }
    state.interfaces.set(i.name, canonicalInterface(e))
  }
  for (const lag of reads.lags ?? []) {
    state.lags.set(lag.id, { members: sortedMap(new Map(lag.members.map((m) => [m.interface, m.mode])), compareInterfaceNames), minLinks: lag.minLinks ?? 0 })
  }
  if (reads.dhcpRelay) {
    const r = reads.dhcpRelay
    state.relay = {
      option82: r.option82,
      servers: [...r.globalServers],
      v4: new Map(r.interfaces.filter((i) => i.servers.length > 0).map((i) => [i.interface, i.servers.map((s) => ({ ...s }))])),
      v6: new Map(r.ipv6Interfaces.filter((i) => i.servers.length > 0).map((i) => [i.interface, i.servers.map((s) => ({ ...s }))])),
    }
  }
  state.interfaces = sortedMap(state.interfaces, compareInterfaceNames)
  return state
}
