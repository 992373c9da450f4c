/** One port of a mock 7130 in its configuration. */
export interface MosPortConfig {
  /** The port whose received traffic this port transmits (`mac`: its own MAC). */
  source?: string
  description?: string
  shutdown: boolean
}

/** MetaWatch application settings. */
export interface MetawatchConfig {
  enabled: boolean
  timesource: 'auto' | 'freerun' | 'pps' | 'ptp' | 'system'
  tsClockSource: 'auto' | 'crystal' | 'module' | 'onboard'
}

/** The 7130 part of a mock device's configuration (plain data: checkpoints are `structuredClone`s). */
export interface MosConfig {
  ports: Record<string, MosPortConfig>
  metawatch: MetawatchConfig
}

/** One aggregation core of the MetaWatch app: its 12 input app ports and its output app port. */
export interface CoreLayout {
  index: number
  inputs: string[]
  output: string
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => `ap${from + i}`)

/**
 * The core layout of a 7130-48L running MetaWatch, as a real MOS-0.30 running-config shows it (napalm-mos fixture,
 * reference/metawatch.md §4.3): ap45–56 Core 0, ap33–44 Core 1, ap1–12 Core 2, ap13–24 Core 3, ap57–60 the outputs.
 */
export const CORES_7130_48L: readonly CoreLayout[] = [
  { index: 0, inputs: range(45, 12), output: 'ap57' },
  { index: 1, inputs: range(33, 12), output: 'ap58' },
  { index: 2, inputs: range(1, 12), output: 'ap59' },
  { index: 3, inputs: range(13, 12), output: 'ap60' },
]

/** The factory configuration of a 7130-48L: et1–et48, ma1, ap1–ap60 with MetaWatch's generated descriptions. */
export function initialMosConfig(frontPorts = 48): MosConfig {
  const ports: Record<string, MosPortConfig> = {}
  for (let i = 1; i <= frontPorts; i++) ports[`et${i}`] = { shutdown: false }
  ports.ma1 = { shutdown: false }
  for (let i = 1; i <= 60; i++) ports[`ap${i}`] = { shutdown: false }
  for (const core of CORES_7130_48L) {
    core.inputs.forEach((ap, n) => {
      ;(ports[ap] as MosPortConfig).description = `Core ${core.index} Port ${n}`
    })
    ;(ports[core.output] as MosPortConfig).description = `Core ${core.index} Out`
  }
  return { ports, metawatch: { enabled: false, timesource: 'auto', tsClockSource: 'auto' } }
}

/** Orders MOS ports as the device lists them: et, then ma, then ap, each by number. */
export function compareMosPortNames(a: string, b: string): number {
  const rank = (p: string) => ['et', 'ma', 'ap'].indexOf(p.slice(0, 2))
  return rank(a) - rank(b) || Number(a.slice(2)) - Number(b.slice(2))
}
