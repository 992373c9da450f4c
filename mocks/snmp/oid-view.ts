import snmp from 'net-snmp'
import { compareInterfaceNames } from '../../src/interface-names.js'
import { parseVlanRanges } from '../../src/vlan-ranges.js'
import type { InterfaceConfig, VlanConfig } from '../device-config.js'
import { vlanName } from '../device-config.js'
import { isOperUp, membersOf, vlanMembership } from '../port-state.js'
import { countersOf, speedMbps, type InterfaceView } from '../show/show-interfaces.js'
import type { SystemIdentity } from '../show/show-system.js'
import { encodePortList } from '../../drivers/snmp/port-list.js'
import { ifIndexOf } from './interface-indexes.js'
import { OIDS } from '../../drivers/snmp/mib-oids.js'

export { OIDS }
import { compareOids, counter32, counter64, parseOid, type Oid } from './oid.js'

const T = snmp.ObjectType

/** One object instance the agent serves. A function `value` is computed when read (sysUpTime). */
export interface OidEntry {
  oid: Oid
  type: snmp.ObjectType
  value: unknown
}

/** What the SNMP view is built from. */
export interface SnmpView extends InterfaceView {
  readonly identity: SystemIdentity
}


/** Bridge port numbering: switchport Ethernets in order, then port-channels. */
export function bridgePorts(view: SnmpView): Map<string, number> {
  const names = Object.keys(view.running.interfaces)
    .filter((n) => (n.startsWith('Ethernet') || n.startsWith('Port-Channel')) && (view.running.interfaces[n] as InterfaceConfig).switchport)
    .sort((a, b) => (a.startsWith('Port') ? 1 : 0) - (b.startsWith('Port') ? 1 : 0) || compareInterfaceNames(a, b))
  return new Map(names.map((n, i) => [n, i + 1]))
}

function mac(text: string): Buffer {
  return Buffer.from(text.split(':').map((h) => Number.parseInt(h, 16)))
}

/** LACP state bits (BITS, one octet, bit 0 = MSB): activity, aggregation, and sync/collecting/distributing when bundled. */
function lacpState(mode: 'active' | 'passive' | 'on', bundled: boolean): Buffer {
  let bits = 0x20
  if (mode === 'active') bits |= 0x80
  if (bundled) bits |= 0x10 | 0x08 | 0x04
  return Buffer.from([bits])
}

type Row = Array<[number, snmp.ObjectType, unknown]>

/**
 * Builds every object the mock's SNMP agent serves from the device's live state, sorted by OID: system, IF-MIB
 * (ifTable, ifXTable, ifStackTable), ENTITY-MIB (chassis), BRIDGE-MIB and Q-BRIDGE-MIB (VLANs by bridge port),
 * IEEE8023-LAG-MIB (LACP members; static members show only in ifStackTable), and on egress-queue platforms the
 * ARISTA-QUEUE-MIB egress table (packets and bytes dropped per queue; no QFull/NoBuffer columns, as on 7050).
 */
export function buildOidView(view: SnmpView): OidEntry[] {
  const entries: OidEntry[] = []
  const add = (prefix: string, suffix: number[], type: snmp.ObjectType, value: unknown) => {
    entries.push({ oid: [...parseOid(prefix), ...suffix], type, value })
  }
  const addRow = (prefix: string, index: number[], row: Row) => {
    for (const [col, type, value] of row) add(prefix, [col, ...index], type, value)
  }
  const { identity, running } = view
  if (running.mos) {
    addRow(OIDS.system, [0], [
      [1, T.OctetString, `Metamako MOS - ${identity.profile.modelName}`],
      [2, T.OID, '1.3.6.1.4.1.43191.1.2.1'],
      [3, T.TimeTicks, () => Math.floor((Date.now() - identity.bootTime) / 10)],
      [5, T.OctetString, running.hostname],
    ])
    return entries.sort((a, b) => compareOids(a.oid, b.oid))
  }
  addRow(OIDS.system, [0], [
    [1, T.OctetString, `Arista Networks EOS version ${identity.profile.version} running on an Arista Networks ${identity.profile.modelName}`],
    [2, T.OID, '1.3.6.1.4.1.30065.1.3011'],
    // Uptime includes the simulated time (advanceTime), so rates over sysUpTime match the simulated traffic.
    [3, T.TimeTicks, () => Math.floor((Date.now() - identity.bootTime + view.traffic.elapsedSeconds * 1000) / 10)],
    [4, T.OctetString, ''],
    [5, T.OctetString, running.hostname],
    [6, T.OctetString, ''],
  ])

  const names = Object.keys(running.interfaces).sort(compareInterfaceNames)
  add(OIDS.ifNumber, [], T.Integer, names.length)
  for (const name of names) {
    const idx = ifIndexOf(name)
    if (idx !== undefined) addInterfaceRows(view, name, idx, addRow)
  }
  for (const name of names.filter((n) => n.startsWith('Port-Channel'))) {
    const lagId = Number(name.slice('Port-Channel'.length))
    for (const member of membersOf(running, lagId)) add(OIDS.ifStackStatus, [ifIndexOf(name) as number, ifIndexOf(member) as number], T.Integer, 1)
  }

  addRow(OIDS.entPhysicalEntry, [1], [
    [2, T.OctetString, `${identity.profile.modelName} chassis`],
    [11, T.OctetString, identity.serialNumber],
    [13, T.OctetString, identity.profile.modelName],
  ])

  const ports = bridgePorts(view)
  addBridgeRows(view, ports, addRow)
  for (const name of names.filter((n) => n.startsWith('Port-Channel'))) addLagRows(view, name, addRow)
  if (view.profile.queueCounters === 'egress-queue') {
    for (const name of names.filter((n) => n.startsWith('Ethernet'))) {
      const idx = ifIndexOf(name) as number
      for (let tc = 0; tc < 8; tc++) {
        const q = view.traffic.queue(name, tc)
        addRow(OIDS.aristaEgressQueueEntry, [idx, tc, 0], [
          [6, T.Counter64, counter64(q.droppedPackets)],
          [7, T.Counter64, counter64(q.droppedBytes)],
        ])
        addRow(OIDS.aristaEgressQueueEntry, [idx, tc, 1], [
          [6, T.Counter64, counter64(0n)],
          [7, T.Counter64, counter64(0n)],
        ])
      }
    }
  }
  return entries.sort((a, b) => compareOids(a.oid, b.oid))
}

function addInterfaceRows(view: SnmpView, name: string, idx: number, addRow: (prefix: string, index: number[], row: Row) => void): void {
  const i = view.running.interfaces[name] as InterfaceConfig
  const operUp = isOperUp(view, name)
  const mbps = speedMbps(view, name)
  const c = countersOf(view, name)
  const type = name.startsWith('Ethernet') || name.startsWith('Management') ? 6 : name.startsWith('Port-Channel') ? 161 : name.startsWith('Vlan') ? 53 : 24
  const ifRow: Row = [
    [1, T.Integer, idx],
    [2, T.OctetString, name],
    [3, T.Integer, type],
    [4, T.Integer, type === 6 || type === 161 ? 9214 : 1500],
    [5, T.Gauge, Math.min(mbps * 1_000_000, 4_294_967_295)],
    [6, T.OctetString, mac(view.systemMac)],
    [7, T.Integer, i.shutdown ? 2 : 1],
    [8, T.Integer, operUp ? 1 : name.startsWith('Port-Channel') && !i.shutdown ? 7 : 2],
    [9, T.TimeTicks, 0],
  ]
  const xRow: Row = [[1, T.OctetString, name]]
  if (c) {
    ifRow.push(
      [10, T.Counter, counter32(c.inOctets)],
      [11, T.Counter, counter32(c.inUcastPkts)],
      [12, T.Counter, counter32(c.inMulticastPkts + c.inBroadcastPkts)],
      [13, T.Counter, counter32(c.inDiscards)],
      [14, T.Counter, counter32(c.inErrors)],
      [15, T.Counter, 0],
      [16, T.Counter, counter32(c.outOctets)],
      [17, T.Counter, counter32(c.outUcastPkts)],
      [18, T.Counter, counter32(c.outMulticastPkts + c.outBroadcastPkts)],
      [19, T.Counter, counter32(c.outDiscards)],
      [20, T.Counter, counter32(c.outErrors)],
    )
    xRow.push(
      [2, T.Counter, counter32(c.inMulticastPkts)],
      [3, T.Counter, counter32(c.inBroadcastPkts)],
      [4, T.Counter, counter32(c.outMulticastPkts)],
      [5, T.Counter, counter32(c.outBroadcastPkts)],
      [6, T.Counter64, counter64(c.inOctets)],
      [7, T.Counter64, counter64(c.inUcastPkts)],
      [8, T.Counter64, counter64(c.inMulticastPkts)],
      [9, T.Counter64, counter64(c.inBroadcastPkts)],
      [10, T.Counter64, counter64(c.outOctets)],
      [11, T.Counter64, counter64(c.outUcastPkts)],
      [12, T.Counter64, counter64(c.outMulticastPkts)],
      [13, T.Counter64, counter64(c.outBroadcastPkts)],
    )
  }
  ifRow.push([21, T.Gauge, 0], [22, T.OID, '0.0'])
  xRow.push([14, T.Integer, 1], [15, T.Gauge, mbps], [16, T.Integer, 2], [17, T.Integer, type === 6 ? 1 : 2], [18, T.OctetString, i.description ?? ''], [19, T.TimeTicks, 0])
  addRow(OIDS.ifEntry, [idx], ifRow)
  addRow(OIDS.ifXEntry, [idx], xRow)
}

function addBridgeRows(view: SnmpView, ports: Map<string, number>, addRow: (prefix: string, index: number[], row: Row) => void): void {
  const { running } = view
  const maxPort = Math.max(8, ports.size)
  addRow(OIDS.dot1dBase, [0], [
    [1, T.OctetString, mac(view.systemMac)],
    [2, T.Integer, ports.size],
    [3, T.Integer, 2],
  ])
  for (const [name, port] of ports) addRow(OIDS.dot1dBasePortEntry, [port], [[1, T.Integer, port], [2, T.Integer, ifIndexOf(name) as number]])
  const vlanIds = Object.keys(running.vlans).map(Number).sort((a, b) => a - b)
  const egress = new Map<number, number[]>()
  const untagged = new Map<number, number[]>()
  const push = (map: Map<number, number[]>, vid: number, port: number) => map.set(vid, [...(map.get(vid) ?? []), port])
  for (const [name, port] of ports) {
    const i = running.interfaces[name] as InterfaceConfig
    if (i.channelGroup) continue
    const vlans = i.mode === 'access' ? [i.accessVlan] : parseVlanRanges(i.allowedVlans)
    for (const vid of vlans) {
      if (running.vlans[vid] === undefined) continue
      push(egress, vid, port)
      if (i.mode === 'access' || vid === i.nativeVlan) push(untagged, vid, port)
    }
  }
  const current = vlanMembership(view)
  addRow(OIDS.dot1qBase, [0], [
    [1, T.Integer, 1],
    [2, T.Integer, 4094],
    [3, T.Gauge, 4094],
    [4, T.Gauge, vlanIds.length],
  ])
  for (const vid of vlanIds) {
    const operPorts = (current.get(vid) ?? []).map((n) => ports.get(n)).filter((p): p is number => p !== undefined)
    const untaggedPorts = new Set(untagged.get(vid) ?? [])
    addRow(OIDS.dot1qVlanCurrentEntry, [0, vid], [
      [3, T.Gauge, vid],
      [4, T.OctetString, encodePortList(operPorts, maxPort)],
      [5, T.OctetString, encodePortList(operPorts.filter((p) => untaggedPorts.has(p)), maxPort)],
      [6, T.Integer, 2],
      [7, T.TimeTicks, 0],
    ])
    addRow(OIDS.dot1qVlanStaticEntry, [vid], [
      [1, T.OctetString, vlanName(vid, running.vlans[vid] as VlanConfig)],
      [2, T.OctetString, encodePortList(egress.get(vid) ?? [], maxPort)],
      [3, T.OctetString, encodePortList([], maxPort)],
      [4, T.OctetString, encodePortList(untagged.get(vid) ?? [], maxPort)],
      [5, T.Integer, (running.vlans[vid] as VlanConfig).state === 'suspend' ? 2 : 1],
    ])
  }
  for (const [name, port] of ports) {
    const i = running.interfaces[name] as InterfaceConfig
    addRow(OIDS.dot1qPortVlanEntry, [port], [
      [1, T.Gauge, i.mode === 'access' ? i.accessVlan : i.nativeVlan],
      [2, T.Integer, 1],
      [3, T.Integer, 1],
    ])
  }
}

function addLagRows(view: SnmpView, name: string, addRow: (prefix: string, index: number[], row: Row) => void): void {
  const { running } = view
  const lagId = Number(name.slice('Port-Channel'.length))
  const poIndex = ifIndexOf(name) as number
  const lacpMembers = membersOf(running, lagId).filter((m) => running.interfaces[m]?.channelGroup?.mode !== 'on')
  if (lacpMembers.length === 0) return
  addRow(OIDS.dot3adAggEntry, [poIndex], [
    [2, T.OctetString, mac(view.systemMac)],
    [3, T.Integer, 32768],
    [4, T.OctetString, mac(view.systemMac)],
    [5, T.Integer, 1],
    [6, T.Integer, lagId],
    [7, T.Integer, lagId],
  ])
  for (const member of lacpMembers) {
    const mode = running.interfaces[member]?.channelGroup?.mode ?? 'active'
    const bundled = isOperUp(view, member)
    const idx = ifIndexOf(member) as number
    addRow(OIDS.dot3adAggPortEntry, [idx], [
      [2, T.Integer, 32768],
      [3, T.OctetString, mac(view.systemMac)],
      [4, T.Integer, lagId],
      [5, T.Integer, lagId],
      [12, T.Integer, poIndex],
      [13, T.Integer, bundled ? poIndex : 0],
      [14, T.Integer, idx],
      [15, T.Integer, 32768],
      [20, T.OctetString, lacpState(mode, false)],
      [21, T.OctetString, lacpState(mode, bundled)],
      [23, T.OctetString, lacpState('active', bundled)],
      [24, T.Integer, 1],
    ])
  }
}
