import snmp from 'net-snmp'
import type { DeviceConfig } from '../device-config.js'
import { ifIndexOf } from './interface-indexes.js'
import { OIDS, bridgePorts, type SnmpView } from './oid-view.js'
import { isUnder, parseOid, type Oid } from './oid.js'

const T = snmp.ObjectType
const E = snmp.ErrorStatus

/** A SET varbind as received. */
export interface SetVarbind {
  oid: string
  type: snmp.ObjectType
  value: unknown
}

/** The CLI lines a SET PDU turns into, or the error of its first bad varbind (1-based index). */
export type SetPlan = { lines: string[] } | { errorStatus: snmp.ErrorStatus; errorIndex: number }

function columnAndIndex(oid: Oid, entry: string): { column: number; index: number[] } | undefined {
  const prefix = parseOid(entry)
  if (!isUnder(oid, prefix) || oid.length < prefix.length + 2) return undefined
  return { column: oid[prefix.length] as number, index: oid.slice(prefix.length + 1) }
}

function interfaceByIndex(config: DeviceConfig, ifIndex: number): string | undefined {
  return Object.keys(config.interfaces).find((n) => ifIndexOf(n) === ifIndex)
}

/**
 * Turns a SET PDU into EOS configuration lines with EOS's write semantics: ifAlias (description), ifAdminStatus
 * (shutdown), dot1qPvid (access VLAN, or native VLAN of a trunk) and dot1qVlanStaticRowStatus (create/destroy a
 * VLAN) are writable; the VLAN name and every other object answer notWritable, unknown objects noCreation. All
 * varbinds are checked before anything is applied, so a PDU applies whole or not at all.
 */
export function planSet(view: SnmpView, varbinds: readonly SetVarbind[]): SetPlan {
  const config = view.running
  const lines: string[] = []
  const ports = bridgePorts(view)
  for (const [i, vb] of varbinds.entries()) {
    const fail = (errorStatus: snmp.ErrorStatus): SetPlan => ({ errorStatus, errorIndex: i + 1 })
    const oid = parseOid(vb.oid)
    const alias = columnAndIndex(oid, OIDS.ifXEntry)
    const ifCol = columnAndIndex(oid, OIDS.ifEntry)
    const pvid = columnAndIndex(oid, OIDS.dot1qPortVlanEntry)
    const vlanStatic = columnAndIndex(oid, OIDS.dot1qVlanStaticEntry)
    if (alias?.column === 18 && alias.index.length === 1) {
      const name = interfaceByIndex(config, alias.index[0] as number)
      if (!name) return fail(E.NoCreation)
      if (vb.type !== T.OctetString) return fail(E.WrongType)
      const text = Buffer.isBuffer(vb.value) ? vb.value.toString('latin1') : String(vb.value)
      if (text.length > 64) return fail(E.WrongLength)
      if (!/^[\x20-\x7e]*$/.test(text)) return fail(E.WrongValue)
      lines.push(`interface ${name}`, text.trim() === '' ? 'no description' : `description ${text.trim()}`, 'exit')
    } else if (ifCol?.column === 7 && ifCol.index.length === 1) {
      const name = interfaceByIndex(config, ifCol.index[0] as number)
      if (!name) return fail(E.NoCreation)
      if (vb.type !== T.Integer) return fail(E.WrongType)
      if (vb.value !== 1 && vb.value !== 2) return fail(E.WrongValue)
      lines.push(`interface ${name}`, vb.value === 1 ? 'no shutdown' : 'shutdown', 'exit')
    } else if (pvid?.column === 1 && pvid.index.length === 1) {
      const name = [...ports.entries()].find(([, p]) => p === pvid.index[0])?.[0]
      if (!name) return fail(E.NoCreation)
      if (vb.type !== T.Gauge) return fail(E.WrongType)
      const vid = Number(vb.value)
      if (!Number.isInteger(vid) || vid < 1 || vid > 4094) return fail(E.WrongValue)
      const trunk = config.interfaces[name]?.mode === 'trunk'
      lines.push(`interface ${name}`, trunk ? `switchport trunk native vlan ${vid}` : `switchport access vlan ${vid}`, 'exit')
    } else if (vlanStatic?.column === 5 && vlanStatic.index.length === 1) {
      const vid = vlanStatic.index[0] as number
      if (vb.type !== T.Integer) return fail(E.WrongType)
      if (vid < 1 || vid > 4094) return fail(E.NoCreation)
      const exists = config.vlans[vid] !== undefined
      if (vb.value === 4 || vb.value === 5) {
        if (exists) return fail(E.InconsistentValue)
        lines.push(`vlan ${vid}`, 'exit')
      } else if (vb.value === 6) {
        if (vid === 1) return fail(E.InconsistentValue)
        if (exists) lines.push(`no vlan ${vid}`)
      } else if (vb.value === 1) {
        if (!exists) return fail(E.InconsistentValue)
      } else return fail(E.WrongValue)
    } else if (vlanStatic || alias || ifCol || pvid || isKnownObject(oid)) {
      return fail(E.NotWritable)
    } else {
      return fail(E.NoCreation)
    }
  }
  return { lines }
}

function isKnownObject(oid: Oid): boolean {
  return Object.values(OIDS).some((p) => isUnder(oid, parseOid(p)) || oid.join('.') === p)
}
