import type { Facts } from '../../src/model/facts.js'
import type { Interface, OperStatus, SwitchportMode } from '../../src/model/interface.js'
import type { InterfaceCounters, DropCounters, QueueDrops } from '../../src/model/counters.js'
import type { Vlan } from '../../src/model/vlan.js'
import type { Lag, LagMember } from '../../src/model/lag.js'
import { compareInterfaceNames, portChannelId } from '../../src/interface-names.js'
import { ParseError } from '../../src/errors.js'
import { OIDS } from './mib-oids.js'
import { decodePortList } from './port-list.js'
import type { Column, ReadLimits, SnmpSession } from './snmp-session.js'

const col = (entry: string, n: number) => `${entry}.${n}`

function text(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : value === undefined || value === null ? '' : String(value)
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number(value ?? 0)
}

function big(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(Math.trunc(num(value)))
}

function macText(value: unknown): string {
  return Buffer.isBuffer(value) ? [...value].map((b) => b.toString(16).padStart(2, '0')).join(':') : ''
}

const OPER: Record<number, OperStatus> = { 1: 'up', 2: 'down', 3: 'testing', 4: 'unknown', 5: 'dormant', 6: 'notPresent', 7: 'lowerLayerDown' }

/** ifIndex → ifName (falling back to ifDescr). */
export async function readInterfaceNames(session: SnmpSession, limits: ReadLimits): Promise<Map<number, string>> {
  const [names, descr] = await session.walkColumns([col(OIDS.ifXEntry, 1), col(OIDS.ifEntry, 2)], limits)
  const out = new Map<number, string>()
  for (const [index, value] of descr as Column) out.set(Number(index), text(value))
  for (const [index, value] of names as Column) if (text(value)) out.set(Number(index), text(value))
  return out
}

/** Facts from the system group, ENTITY-MIB's chassis row and BRIDGE-MIB's bridge address. */
export async function readFacts(session: SnmpSession, limits: ReadLimits): Promise<Facts> {
  const [descr, name, uptime, serial, model, mac] = await session.get(
    [`${OIDS.system}.1.0`, `${OIDS.system}.5.0`, `${OIDS.system}.3.0`, `${OIDS.entPhysicalEntry}.11.1`, `${OIDS.entPhysicalEntry}.13.1`, `${OIDS.dot1dBase}.1.0`],
    limits,
  )
  const description = text(descr)
  const version = /EOS version (\S+)/.exec(description)?.[1]
  if (version === undefined) throw new ParseError('sysDescr', `not an Arista EOS description: ${JSON.stringify(description.slice(0, 80))}`, { host: session.host })
  const facts: Facts = {
    hostname: text(name),
    fqdn: text(name),
    model: text(model) || (/running on an Arista Networks (\S+)/.exec(description)?.[1] ?? ''),
    osVersion: version,
    serialNumber: text(serial),
    systemMac: macText(mac),
    platform: 'eos',
  }
  if (uptime !== undefined) facts.uptimeSeconds = num(uptime) / 100
  return facts
}

/** The bridge view: base port → ifIndex, PVID per base port, static egress/untagged per VLAN. */
interface BridgeView {
  portToIfIndex: Map<number, number>
  pvid: Map<number, number>
  egress: Map<number, number[]>
  untagged: Map<number, number[]>
}

async function readBridge(session: SnmpSession, limits: ReadLimits): Promise<BridgeView> {
  const [portIf, pvid, egress, untagged] = await session.walkColumns(
    [col(OIDS.dot1dBasePortEntry, 2), col(OIDS.dot1qPortVlanEntry, 1), col(OIDS.dot1qVlanStaticEntry, 2), col(OIDS.dot1qVlanStaticEntry, 4)],
    limits,
  )
  const ports = (c: Column) => new Map([...c].map(([k, v]) => [Number(k), Buffer.isBuffer(v) ? decodePortList(v) : []]))
  return {
    portToIfIndex: new Map([...(portIf as Column)].map(([k, v]) => [Number(k), num(v)])),
    pvid: new Map([...(pvid as Column)].map(([k, v]) => [Number(k), num(v)])),
    egress: ports(egress as Column),
    untagged: ports(untagged as Column),
  }
}

/** Port-channel membership from ifStackTable: member ifIndex → port-channel ifIndex. */
async function readStack(session: SnmpSession, limits: ReadLimits, names: Map<number, string>): Promise<Map<number, number>> {
  const [stack] = await session.walkColumns([OIDS.ifStackStatus], limits)
  const members = new Map<number, number>()
  for (const [index, status] of stack as Column) {
    const [higher, lower] = index.split('.').map(Number)
    if (num(status) !== 1 || !higher || !lower) continue
    if ((names.get(higher) ?? '').startsWith('Port-Channel')) members.set(lower, higher)
  }
  return members
}

/**
 * Interfaces from IF-MIB (name, alias, admin/oper status, speed), Q-BRIDGE (mode, VLANs by bridge port) and
 * ifStackTable (LAG membership). Over SNMP: a trunk's allowed VLANs are the existing VLANs it carries; a trunk's
 * access VLAN and an access port's native VLAN are not visible (`null`).
 */
export async function readInterfaces(session: SnmpSession, limits: ReadLimits): Promise<Interface[]> {
  const names = await readInterfaceNames(session, limits)
  const [cols, bridge, stack] = await Promise.all([
    session.walkColumns([col(OIDS.ifEntry, 7), col(OIDS.ifEntry, 8), col(OIDS.ifXEntry, 15), col(OIDS.ifXEntry, 18)], limits),
    readBridge(session, limits),
    readStack(session, limits, names),
  ])
  const [admin, oper, speed, alias] = cols as [Column, Column, Column, Column]
  const baseByIf = new Map([...bridge.portToIfIndex].map(([port, ifIndex]) => [ifIndex, port]))
  const out: Interface[] = []
  for (const [ifIndex, name] of names) {
    const key = String(ifIndex)
    const port = baseByIf.get(ifIndex)
    let mode: SwitchportMode | null = null
    let accessVlan: number | null = null
    let nativeVlan: number | null = null
    let allowedVlans: number[] = []
    if (name.startsWith('Ethernet') || name.startsWith('Port-Channel')) {
      if (port === undefined) mode = 'routed'
      else {
        const carried = [...bridge.egress].filter(([, ps]) => ps.includes(port)).map(([vid]) => vid).sort((a, b) => a - b)
        const untaggedIn = [...bridge.untagged].filter(([, ps]) => ps.includes(port)).map(([vid]) => vid)
        const tagged = carried.filter((vid) => !untaggedIn.includes(vid))
        const pvid = bridge.pvid.get(port) ?? null
        if (tagged.length > 0) {
          mode = 'trunk'
          nativeVlan = pvid
          allowedVlans = carried
        } else {
          mode = 'access'
          accessVlan = pvid
        }
      }
    }
    const lagIndex = stack.get(ifIndex)
    out.push({
      name,
      description: text(alias.get(key)),
      enabled: num(admin.get(key)) === 1,
      operStatus: OPER[num(oper.get(key))] ?? 'unknown',
      speedMbps: num(speed.get(key)),
      mode,
      accessVlan,
      nativeVlan,
      allowedVlans,
      lag: lagIndex === undefined ? null : (names.get(lagIndex) ?? null),
    })
  }
  return out.sort((a, b) => compareInterfaceNames(a.name, b.name))
}

const HC = [6, 10, 7, 11, 8, 12, 9, 13] as const

/** 64-bit octet and packet counters (ifXTable) with 32-bit discards and errors (ifTable), for ports and port-channels. */
export async function readCounters(session: SnmpSession, limits: ReadLimits): Promise<InterfaceCounters[]> {
  const names = await readInterfaceNames(session, limits)
  const cols = await session.walkColumns([...HC.map((n) => col(OIDS.ifXEntry, n)), ...[13, 19, 14, 20].map((n) => col(OIDS.ifEntry, n))], limits)
  const [inOct, outOct, inU, outU, inM, outM, inB, outB, inDisc, outDisc, inErr, outErr] = cols as Column[] as [Column, Column, Column, Column, Column, Column, Column, Column, Column, Column, Column, Column]
  const out: InterfaceCounters[] = []
  for (const [key] of inOct) {
    const name = names.get(Number(key))
    if (!name) continue
    out.push({
      interface: name,
      inOctets: big(inOct.get(key)),
      outOctets: big(outOct.get(key)),
      inUcastPkts: big(inU.get(key)),
      outUcastPkts: big(outU.get(key)),
      inMulticastPkts: big(inM.get(key)),
      outMulticastPkts: big(outM.get(key)),
      inBroadcastPkts: big(inB.get(key)),
      outBroadcastPkts: big(outB.get(key)),
      inDiscards: big(inDisc.get(key)),
      outDiscards: big(outDisc.get(key)),
      inErrors: big(inErr.get(key)),
      outErrors: big(outErr.get(key)),
    })
  }
  return out.sort((a, b) => compareInterfaceNames(a.interface, b.interface))
}

/**
 * Discards (IF-MIB, 32-bit) and egress-queue drops from ARISTA-QUEUE-MIB, summed over packet types per traffic
 * class; a platform without the table (or without its bytes column) gives no queues or no `droppedBytes`.
 */
export async function readDrops(session: SnmpSession, limits: ReadLimits): Promise<DropCounters> {
  const names = await readInterfaceNames(session, limits)
  const [hc, inDisc, outDisc, pkts, bytes] = (await session.walkColumns(
    [col(OIDS.ifXEntry, 6), col(OIDS.ifEntry, 13), col(OIDS.ifEntry, 19), col(OIDS.aristaEgressQueueEntry, 6), col(OIDS.aristaEgressQueueEntry, 7)],
    limits,
  )) as [Column, Column, Column, Column, Column]
  const interfaces = [...hc.keys()]
    .map((key) => ({ key, name: names.get(Number(key)) }))
    .filter((x): x is { key: string; name: string } => x.name !== undefined)
    .map(({ key, name }) => ({ interface: name, inDiscards: big(inDisc.get(key)), outDiscards: big(outDisc.get(key)) }))
    .sort((a, b) => compareInterfaceNames(a.interface, b.interface))
  const byQueue = new Map<string, QueueDrops>()
  for (const [index, value] of pkts) {
    const [ifIndex, queue] = index.split('.').map(Number)
    const name = names.get(ifIndex as number)
    if (!name || queue === undefined) continue
    const key = `${name}|${queue}`
    const q = byQueue.get(key) ?? { interface: name, direction: 'egress' as const, trafficClass: queue, droppedPackets: 0n }
    q.droppedPackets += big(value)
    const b = bytes.get(index)
    if (b !== undefined) q.droppedBytes = (q.droppedBytes ?? 0n) + big(b)
    byQueue.set(key, q)
  }
  const queues = [...byQueue.values()].sort((a, b) => compareInterfaceNames(a.interface, b.interface) || a.trafficClass - b.trafficClass)
  return { interfaces, queues, queueSource: queues.length > 0 ? 'egress-queue' : 'none' }
}

/** VLANs from Q-BRIDGE: names and state from the static table, operational members from the current table. */
export async function readVlans(session: SnmpSession, limits: ReadLimits): Promise<Vlan[]> {
  const names = await readInterfaceNames(session, limits)
  const [vlanName, rowStatus, currentEgress, currentStatus, portIf] = (await session.walkColumns(
    [col(OIDS.dot1qVlanStaticEntry, 1), col(OIDS.dot1qVlanStaticEntry, 5), col(OIDS.dot1qVlanCurrentEntry, 4), col(OIDS.dot1qVlanCurrentEntry, 6), col(OIDS.dot1dBasePortEntry, 2)],
    limits,
  )) as [Column, Column, Column, Column, Column]
  const portName = (port: number) => names.get(num(portIf.get(String(port))))
  const current = new Map<number, { ports: string[]; dynamic: boolean }>()
  for (const [index, value] of currentEgress) {
    const vid = Number(index.split('.').at(-1))
    const ports = Buffer.isBuffer(value) ? decodePortList(value).map(portName).filter((n): n is string => n !== undefined) : []
    current.set(vid, { ports, dynamic: num(currentStatus.get(index)) === 3 })
  }
  return [...vlanName.keys()]
    .map(Number)
    .sort((a, b) => a - b)
    .map((id) => ({
      id,
      name: text(vlanName.get(String(id))),
      state: num(rowStatus.get(String(id))) === 2 ? ('suspend' as const) : ('active' as const),
      interfaces: (current.get(id)?.ports ?? []).sort(compareInterfaceNames),
      dynamic: current.get(id)?.dynamic ?? false,
    }))
}

/**
 * Port-channels: members from IEEE8023-LAG-MIB (attached aggregator, LACP activity bit for the mode), cross-checked
 * with ifStackTable, which also lists static (`on`) members that run no LACP. min-links has no SNMP object: `null`.
 */
export async function readLags(session: SnmpSession, limits: ReadLimits): Promise<Lag[]> {
  const names = await readInterfaceNames(session, limits)
  const [stack, lacp] = await Promise.all([
    readStack(session, limits, names),
    session.walkColumns([col(OIDS.dot3adAggPortEntry, 13), col(OIDS.dot3adAggPortEntry, 20), col(OIDS.dot3adAggPortEntry, 12), col(OIDS.ifEntry, 8)], limits),
  ])
  const [attached, adminState, selected, oper] = lacp as [Column, Column, Column, Column]
  const lags = new Map<number, LagMember[]>()
  for (const [ifIndex, name] of names) if (name.startsWith('Port-Channel')) lags.set(ifIndex, [])
  const members = new Map<number, number>(stack)
  for (const [key, agg] of selected) if (num(agg) > 0 && !members.has(Number(key))) members.set(Number(key), num(agg))
  for (const [member, lagIndex] of members) {
    const name = names.get(member)
    const list = lags.get(lagIndex)
    if (!name || !list) continue
    const state = adminState.get(String(member))
    const inLacp = Buffer.isBuffer(state) && state.length > 0
    const mode = !inLacp ? 'on' : ((state as Buffer)[0] as number) & 0x80 ? 'active' : 'passive'
    const bundled = inLacp ? num(attached.get(String(member))) === lagIndex : num(oper.get(String(member))) === 1
    list.push(bundled ? { interface: name, mode, status: 'bundled' } : { interface: name, mode, status: 'inactive' })
  }
  return [...lags.entries()]
    .map(([ifIndex, list]) => {
      const name = names.get(ifIndex) as string
      return { id: portChannelId(name) ?? ifIndex, name, members: list.sort((a, b) => compareInterfaceNames(a.interface, b.interface)), minLinks: null }
    })
    .sort((a, b) => a.id - b.id)
}
