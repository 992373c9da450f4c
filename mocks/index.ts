/**
 * switchyard's mock devices: a stateful EOS switch with an EOS CLI interpreter, its eAPI, SSH and SNMP servers, and a
 * lab of many devices. The msw handlers live in `switchyard/mocks/msw` (the only part that needs msw).
 * @packageDocumentation
 */
export { MockSwitch, type MockSwitchOptions, type MockEndpoints, type MockFaults, type MockListenPorts, type MockSwitchState } from './mock-switch.js'
export { MockLab, type MockLabOptions } from './mock-lab.js'
export { EOS_PROFILES, type EosProfileId, type PlatformProfile } from './platform-profiles.js'
export type { EapiEndpoint } from './eapi/eapi-server.js'
export type { SshEndpoint } from './ssh/ssh-server.js'
export type { SshFaults } from './ssh/shell-session.js'
export { sshFingerprint } from './ssh/host-keys.js'
export type { SnmpEndpoint, SnmpCredentials } from './snmp/snmp-agent.js'
export type { TrafficProfile } from './traffic-model.js'
export { CliError } from './cli/cli-error.js'
export type { DeviceConfig } from './device-config.js'
export type { LldpNeighbor } from './show/show-lldp.js'
export { simulatedClock, type SimulatedDevice } from './simulated-clock.js'
export { CommandJournal, type JournalEntry, type JournalFace } from './command-journal.js'
export { TopologySchema, type Topology } from './lab/topology-schema.js'
export { TopologyError, type TopologyProblem } from './lab/topology-error.js'
export { parseTopologyText, readTopologyFile } from './lab/topology-file.js'
export { resolveTopology } from './lab/resolve-topology.js'
export type { LabSpec, LabDeviceSpec, LabPort, ResolvedSecret } from './lab/lab-spec.js'
export type { LabNeighbour } from './lab/lab-neighbours.js'
export { startControlApi, type ControlApi } from './lab/control-api.js'
export { LabStateKeeper, labState, readLabStateFile, writeLabStateFile } from './lab/lab-state-file.js'
export { ansibleInventory, switchyardInventory, eapiConf } from './lab/lab-exports.js'
export { describeLab, type LabDeviceRow, type EndpointView } from './lab/lab-description.js'
