/**
 * The MIB objects switchyard reads and writes over SNMP (entry OIDs; a column is `<entry>.<n>`), with their sources:
 * IF-MIB (RFC 2863), ENTITY-MIB, BRIDGE-MIB (RFC 4188), Q-BRIDGE-MIB (RFC 4363), IEEE8023-LAG-MIB and Arista's
 * ARISTA-QUEUE-MIB (1.3.6.1.4.1.30065.3.6), as collected in reference/snmp.md §1.
 */
export const OIDS = {
  system: '1.3.6.1.2.1.1',
  ifNumber: '1.3.6.1.2.1.2.1.0',
  ifEntry: '1.3.6.1.2.1.2.2.1',
  ifXEntry: '1.3.6.1.2.1.31.1.1.1',
  ifStackStatus: '1.3.6.1.2.1.31.1.2.1.3',
  entPhysicalEntry: '1.3.6.1.2.1.47.1.1.1.1',
  dot1dBase: '1.3.6.1.2.1.17.1',
  dot1dBasePortEntry: '1.3.6.1.2.1.17.1.4.1',
  dot1qBase: '1.3.6.1.2.1.17.7.1.1',
  dot1qVlanCurrentEntry: '1.3.6.1.2.1.17.7.1.4.2.1',
  dot1qVlanStaticEntry: '1.3.6.1.2.1.17.7.1.4.3.1',
  dot1qPortVlanEntry: '1.3.6.1.2.1.17.7.1.4.5.1',
  dot3adAggEntry: '1.2.840.10006.300.43.1.1.1.1',
  dot3adAggPortEntry: '1.2.840.10006.300.43.1.2.1.1',
  aristaEgressQueueEntry: '1.3.6.1.4.1.30065.3.6.1.2.1',
} as const
