/**
 * The SNMP driver: reads over IF-MIB, Q-BRIDGE-MIB, IEEE8023-LAG-MIB and ARISTA-QUEUE-MIB; writes where EOS allows.
 * @packageDocumentation
 */
export { SnmpDriver, openSnmpDriver, SNMP_CAPABILITIES } from './snmp-driver.js'
export { SnmpSession } from './snmp-session.js'
export { OIDS } from './mib-oids.js'
export { encodePortList, decodePortList } from './port-list.js'
