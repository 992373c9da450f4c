/**
 * Hardware profiles the mock can imitate. They differ in model strings, port speeds and, above all, in which queue
 * counter commands exist: VOQ (Sand: 7280R/7500R) platforms have `show interfaces counters queue drops`, Strata
 * platforms (7050X) have `… queue detail`, and vEOS/cEOS have neither (both answer with EOS's unsupported-platform
 * errors, as recorded by ANTA). LANZ exists on the 7280R (Sand: queue lengths in bytes) and the 7050X (Strata:
 * in segments); hardware drop counters on the 7280R only; vEOS has neither and answers EOS's unsupported-platform error.
 */
export interface PlatformProfile {
  /** Profile key. */
  id: ProfileId
  modelName: string
  version: string
  architecture: string
  /** Speed of the front-panel ports in Mb/s. */
  portSpeedMbps: number
  /** Media type shown by `show interfaces status`. */
  portType: string
  /** Which queue-drop command this platform has. */
  queueCounters: 'voq' | 'egress-queue' | 'none'
  /** LANZ, where the platform has it: how it measures queues and its default thresholds (in its unit). */
  lanz?: LanzProfile
  /** The chip that keeps hardware drop counters (`show hardware counter drop`), on Sand platforms only. */
  hardwareDropChip?: string
  /** Default buffer of one egress queue in bytes, when the mock's options give none. */
  queueBufferBytes?: number
}

/** How a platform's LANZ measures queues (Sand platforms in bytes, the others in segments). */
export interface LanzProfile {
  platformName: string
  unit: 'bytes' | 'segments'
  segmentBytes: number
  defaultThresholds: { high: number; low: number }
}

/** The EOS profiles: `veos` (lab VM, no queue counters), `7280r` (VOQ), `7050x` (egress queues). */
export type EosProfileId = 'veos' | '7280r' | '7050x'

/** Every profile: the EOS ones and the 7130-48L running MOS. */
export type ProfileId = EosProfileId | '7130-48l'

/** Every EOS profile by id. */
export const EOS_PROFILES: Readonly<Record<EosProfileId, PlatformProfile>> = {
  veos: {
    id: 'veos',
    modelName: 'vEOS-lab',
    version: '4.30.0F',
    architecture: 'x86_64',
    portSpeedMbps: 1000,
    portType: 'EbraTestPhyPort',
    queueCounters: 'none',
  },
  '7280r': {
    id: '7280r',
    modelName: 'DCS-7280SR-48C6',
    version: '4.30.0F',
    architecture: 'x86_64',
    portSpeedMbps: 10_000,
    portType: '10GBASE-SR',
    queueCounters: 'voq',
    lanz: { platformName: 'Sand', unit: 'bytes', segmentBytes: 512, defaultThresholds: { high: 2_000_000, low: 1_000_000 } },
    hardwareDropChip: 'Jericho0',
    queueBufferBytes: 50_000_000,
  },
  '7050x': {
    id: '7050x',
    modelName: 'DCS-7050SX3-48YC8',
    version: '4.30.0F',
    architecture: 'x86_64',
    portSpeedMbps: 25_000,
    portType: '25GBASE-SR',
    queueCounters: 'egress-queue',
    lanz: { platformName: 'Strata', unit: 'segments', segmentBytes: 208, defaultThresholds: { high: 5_000, low: 2_500 } },
    queueBufferBytes: 4_000_000,
  },
}

/** The 7130-48L running MOS with MetaWatch (48 front ports, 60 app ports in 4 cores). */
export const MOS_7130_48L: PlatformProfile = {
  id: '7130-48l',
  modelName: 'DCS-7130-48L',
  version: '0.39.2',
  architecture: 'x86_64',
  portSpeedMbps: 10_000,
  portType: '10GBASE-SR',
  queueCounters: 'none',
}
