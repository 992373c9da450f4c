import type { MockLab } from '../mock-lab.js'
import type { MockEndpoints, MockSwitch } from '../mock-switch.js'

/** A device's endpoints as the CLI and the control API print them (no secrets). */
export interface EndpointView {
  eapiHttps: { port: number; url: string; fingerprintSha256: string | null }
  eapiHttp: { port: number; url: string }
  ssh: { port: number; hostKeySha256: string; hostKeys: { ed25519: string; rsa: string } }
  snmp: { port: number }
}

/** One row of a lab's device table. */
export interface LabDeviceRow {
  name: string
  platform: 'eos' | 'mos'
  profile: string
  /** The model name the device reports (`show version`). */
  model: string
  /** Front-panel ports, when the lab was built from a topology or a count. */
  ports: number | null
  username: string
  endpoints: EndpointView
}

/** The endpoints of a device, without credentials. */
export function endpointView(e: MockEndpoints): EndpointView {
  return {
    eapiHttps: { port: e.eapi.port, url: e.eapi.url, fingerprintSha256: e.eapi.fingerprintSha256 ?? null },
    eapiHttp: { port: e.eapiHttp.port, url: e.eapiHttp.url },
    ssh: { port: e.ssh.port, hostKeySha256: e.ssh.hostKeys.ed25519, hostKeys: { ...e.ssh.hostKeys } },
    snmp: { port: e.snmp.port },
  }
}

/** Every device of a running lab with its endpoints, in lab order. */
export function describeLab(lab: MockLab): LabDeviceRow[] {
  return lab.devices.map((device, i) => describeDevice(lab, device, lab.endpoints[i] as MockEndpoints))
}

/** One device of a lab as the ready line, the device table and the control API's device list show it. */
export function describeDevice(lab: MockLab, device: MockSwitch, endpoints: MockEndpoints): LabDeviceRow {
  const spec = lab.spec.devices.find((d) => d.hostname === device.identity.hostname)
  return {
    name: device.identity.hostname,
    platform: device.platform,
    profile: device.profile.id,
    model: device.profile.modelName,
    ports: spec?.ports ?? null,
    username: spec?.username ?? 'admin',
    endpoints: endpointView(endpoints),
  }
}
