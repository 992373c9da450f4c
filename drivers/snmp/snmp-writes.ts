import snmp from 'net-snmp'
import type { Change } from '../../src/changes.js'
import { UnsupportedError } from '../../src/errors.js'
import { OIDS } from './mib-oids.js'

/** One SET varbind with a readable form for diffs and errors. */
export interface PlannedSet {
  varbind: snmp.Varbind
  /** e.g. `IF-MIB::ifAlias.1 = "rack 4"`. */
  text: string
  /** What a GET of the same instance answers once the SET is in effect: a value, or `absent` for a destroyed row. */
  readBack: string | number | 'absent'
}

/** Where the driver finds an interface's ifIndex and bridge port. */
export interface SnmpIndexes {
  ifIndex(name: string): number | undefined
  bridgePort(name: string): number | undefined
}

const VIA = "driver: 'eapi' or 'ssh'"

function unsupported(feature: string, reason: string): UnsupportedError {
  return new UnsupportedError({ driver: 'snmp', feature, reason, alternative: VIA })
}

/**
 * Turns changes into SNMP SETs where EOS allows writing over SNMP (reference/snmp.md §1.6): VLAN create and delete
 * (dot1qVlanStaticRowStatus), interface description (ifAlias), admin state (ifAdminStatus) and access VLAN
 * (dot1qPvid). Anything else throws an {@link UnsupportedError} naming the feature, before anything is sent.
 */
export function planSnmpWrites(changes: readonly Change[], indexes: SnmpIndexes): PlannedSet[] {
  const sets: PlannedSet[] = []
  const put = (oid: string, type: snmp.ObjectType, value: string | number, text: string, readBack: string | number | 'absent' = value) =>
    sets.push({ varbind: { oid, type, value } as snmp.Varbind, text, readBack })
  for (const change of changes) {
    switch (change.kind) {
      case 'vlan.create':
        if (change.name !== undefined) throw unsupported('vlans.name', 'EOS does not allow VLAN names to be written over SNMP')
        if (change.state !== undefined && change.state !== 'active') throw unsupported('vlans.state', 'VLAN state cannot be written over SNMP')
        put(`${OIDS.dot1qVlanStaticEntry}.5.${change.id}`, snmp.ObjectType.Integer, 4, `Q-BRIDGE-MIB::dot1qVlanStaticRowStatus.${change.id} = createAndGo(4)`, 1)
        break
      case 'vlan.delete':
        put(`${OIDS.dot1qVlanStaticEntry}.5.${change.id}`, snmp.ObjectType.Integer, 6, `Q-BRIDGE-MIB::dot1qVlanStaticRowStatus.${change.id} = destroy(6)`, 'absent')
        break
      case 'vlan.update':
        throw unsupported('vlans.update', 'EOS does not allow VLAN names or state to be written over SNMP')
      case 'interface.configure': {
        const s = change.settings
        if (s.mode !== undefined || s.nativeVlan !== undefined || s.allowedVlans !== undefined) {
          throw unsupported('interfaces.switchport', 'switchport mode, native and allowed VLANs cannot be written over SNMP on EOS')
        }
        const ifIndex = indexes.ifIndex(change.interface)
        if (ifIndex === undefined) throw unsupported('interfaces.configure', `${change.interface} has no ifIndex on this device`)
        if (s.description !== undefined) {
          if (s.description.length > 64) throw unsupported('interfaces.description', 'ifAlias holds at most 64 characters')
          put(`${OIDS.ifXEntry}.18.${ifIndex}`, snmp.ObjectType.OctetString, s.description, `IF-MIB::ifAlias.${ifIndex} = ${JSON.stringify(s.description)}`)
        }
        if (s.enabled !== undefined) {
          put(`${OIDS.ifEntry}.7.${ifIndex}`, snmp.ObjectType.Integer, s.enabled ? 1 : 2, `IF-MIB::ifAdminStatus.${ifIndex} = ${s.enabled ? 'up(1)' : 'down(2)'}`)
        }
        if (s.accessVlan !== undefined) {
          const port = indexes.bridgePort(change.interface)
          if (port === undefined) throw unsupported('interfaces.accessVlan', `${change.interface} is not a bridge port`)
          put(`${OIDS.dot1qPortVlanEntry}.1.${port}`, snmp.ObjectType.Gauge, s.accessVlan, `Q-BRIDGE-MIB::dot1qPvid.${port} = ${s.accessVlan}`)
        }
        break
      }
      default:
        throw unsupported(change.kind, 'not writable over SNMP')
    }
  }
  return sets
}

/** How many of the planned SETs a read-back shows in effect: all, none, or some (which an atomic SET cannot leave). */
export function setsInEffect(sets: readonly PlannedSet[], readBack: ReadonlyArray<unknown>): 'all' | 'none' | 'some' {
  let inEffect = 0
  sets.forEach((set, i) => {
    const value = readBack[i]
    const seen = value === undefined ? 'absent' : Buffer.isBuffer(value) ? value.toString('utf8') : typeof value === 'bigint' ? Number(value) : value
    if (seen === set.readBack) inEffect++
  })
  return inEffect === sets.length ? 'all' : inEffect === 0 ? 'none' : 'some'
}
