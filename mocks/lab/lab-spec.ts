import type { EosProfileId } from '../platform-profiles.js'
import type { MockListenPorts } from '../mock-switch.js'

/** A secret as resolved: its value, and the environment variable it came from (inventories refer to it, not copy it). */
export interface ResolvedSecret {
  value: string
  env?: string
}

/** One device of a lab, with defaults applied and secrets resolved. */
export interface LabDeviceSpec {
  hostname: string
  platform: 'eos' | 'mos'
  /** EOS profile; absent on a 7130. */
  profile?: EosProfileId
  ports: number
  username: string
  password: ResolvedSecret
  enablePassword?: ResolvedSecret
  listen: MockListenPorts
  unlinkedPorts: 'down' | 'up'
}

/** One end of a link. */
export interface LabPort {
  device: string
  port: string
}

/** A lab ready to start: devices in file order and the links between them. */
export interface LabSpec {
  devices: LabDeviceSpec[]
  links: Array<[LabPort, LabPort]>
}
