import type { ConfigSessionStore } from '../config-sessions.js'
import type { DeviceConfig } from '../device-config.js'
import type { InterfaceView } from '../show/show-interfaces.js'
import type { SystemIdentity } from '../show/show-system.js'
import type { MosIdentity } from '../mos/mos-show.js'
import type { MosTraffic } from '../mos/mos-traffic.js'
import type { LldpNeighbor } from '../show/show-lldp.js'

/** The 7130 side of a mock device. */
export interface MosHost {
  readonly identity: MosIdentity
  readonly traffic: MosTraffic
  /** Files on `flash:` (configuration checkpoints). */
  readonly flash: Map<string, DeviceConfig>
}

/** A command the mock refuses on purpose (fault injection), with the device message it answers. */
export interface CommandRejection {
  match: RegExp
  message: string
}

/** What the CLI interpreter needs from its device. The MockSwitch implements it. */
export interface CliHost extends InterfaceView {
  /** Which CLI the device speaks. */
  readonly platform: 'eos' | 'mos'
  /** Present on a 7130 (platform `mos`). */
  readonly mos: MosHost | undefined
  running: DeviceConfig
  /** What `copy running-config startup-config` saved, and what a reload loads. */
  startupConfig: DeviceConfig
  /** The LLDP neighbours the device sees (a lab fills them from its topology links). */
  readonly lldpNeighbors: readonly LldpNeighbor[]
  readonly sessions: ConfigSessionStore
  readonly identity: SystemIdentity
  readonly enablePassword: string | undefined
  /** Lines to reject with a given message, checked before any command runs. */
  readonly rejections: readonly CommandRejection[]
  /** Every line run on the device, oldest first (bounded), for tests that check what was sent. */
  readonly commandLog: string[]
  /** Marks the device state as changed (faces that cache views of it, such as the SNMP agent, rebuild them). */
  touch(): void
}
