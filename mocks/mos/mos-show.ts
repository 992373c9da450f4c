import type { CommandResult } from '../cli/command-grammar.js'
import type { DeviceConfig } from '../device-config.js'
import { compareMosPortNames, CORES_7130_48L, type MosConfig } from './mos-config.js'
import type { MosTraffic } from './mos-traffic.js'

/** What identifies a mock 7130 in `show version`. */
export interface MosIdentity {
  device: string
  sku: string
  modelCode: string
  version: string
  serialNumber: string
  applications: string
  bootTime: number
}

/** MOS prints counts as strings with thousands separators (`"68,966,711"`). */
export function mosCount(value: bigint | number): string {
  return BigInt(Math.round(Number(value))).toLocaleString('en-US')
}

function uptimeText(ms: number): string {
  const s = ms / 1000
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return `${h}:${String(m).padStart(2, '0')}:${(s % 60).toFixed(6).padStart(9, '0')}`
}

/** MOS `show version`: JSON keys as in the napalm-mos recording; text without a `Hardware version:` line. */
export function showMosVersion(id: MosIdentity): CommandResult {
  const json = () => ({
    uptime: uptimeText(Date.now() - id.bootTime),
    systemManagementControllerVersion: '927 b17550923697b5c4fe5d8120d428be09bee02571',
    softwareImageVersion: id.version,
    serialNumber: id.serialNumber,
    applications: id.applications,
    device: id.device,
    internalBuildId: `mos-${id.version.split('.').slice(0, 2).join('.')}+3`,
  })
  return {
    json,
    text: () => {
      const j = json()
      return [
        `Device: ${j.device}`,
        `SKU: ${id.sku}`,
        `Serial number: ${j.serialNumber}`,
        `Software image version: ${j.softwareImageVersion}`,
        `Internal build ID: ${j.internalBuildId}`,
        `Applications: ${j.applications}`,
        `System management controller version: ${j.systemManagementControllerVersion}`,
        `Uptime: ${j.uptime}`,
        '',
      ].join('\n')
    },
  }
}

/**
 * MOS `show interfaces status`: every port with MOS's rx/tx/source text; empty strings where nothing applies. A port
 * receives (`rx: up (link)`) only when it is not shut down and its link is up (`linkUp`, default: every link up).
 */
export function showMosInterfacesStatus(config: DeviceConfig, linkUp: (port: string) => boolean = () => true): CommandResult {
  const mos = config.mos as MosConfig
  return {
    json: () => {
      const interfaces: Record<string, Record<string, string>> = {}
      for (const name of Object.keys(mos.ports).sort(compareMosPortNames)) {
        const p = mos.ports[name] as MosConfig['ports'][string]
        const kind = name.slice(0, 2)
        const up = !p.shutdown
        const link = up && linkUp(name)
        interfaces[name] = {
          name: p.description ?? '',
          tx: up && p.source ? `up <- ${p.source}` : kind === 'ma' && link ? 'up (link)' : '',
          loopback: '',
          type: kind === 'et' ? '10GBASE-SR' : kind === 'ma' ? '100/1000' : 'FPGA',
          rx: link ? 'up (link)' : 'down',
          source: p.source ?? '',
          mode: '',
          speed: kind === 'ma' ? '1G' : '10G',
        }
      }
      return { interfaces }
    },
  }
}

function countedPorts(mos: MosConfig): string[] {
  return Object.keys(mos.ports)
    .filter((n) => n.startsWith('et'))
    .sort(compareMosPortNames)
}

/** MOS `show interfaces counters` (front ports; counts as comma-grouped strings). */
export function showMosCounters(config: DeviceConfig, traffic: MosTraffic): CommandResult {
  return {
    json: () => {
      const interfaces: Record<string, Record<string, string>> = {}
      for (const name of countedPorts(config.mos as MosConfig)) {
        const rx = traffic.rx.get(name) ?? { octets: 0n, frames: 0n }
        const tx = traffic.tx.get(name) ?? { octets: 0n, frames: 0n }
        interfaces[name] = {
          txmcastpkts: '0',
          txbcastpkts: '0',
          name: (config.mos as MosConfig).ports[name]?.description ?? '',
          rxmcastpkts: '0',
          rxbcastpkts: '0',
          txoctets: mosCount(tx.octets),
          rxoctets: mosCount(rx.octets),
          txucastpkts: mosCount(tx.frames),
          rxucastpkts: mosCount(rx.frames),
        }
      }
      return { interfaces }
    },
  }
}

/** MOS `show interfaces counters errors`. */
export function showMosCounterErrors(config: DeviceConfig): CommandResult {
  return {
    json: () => {
      const interfaces: Record<string, Record<string, string>> = {}
      for (const name of countedPorts(config.mos as MosConfig)) {
        interfaces[name] = { giants: '0', fcs: '0', name: (config.mos as MosConfig).ports[name]?.description ?? '', tx: '0', align: '0', rx: '0', runts: '0' }
      }
      return { interfaces }
    },
  }
}

/** `show metawatch status`: text only, as on MOS (JSON requests get "unconverted command"). */
export function showMetawatchStatus(config: DeviceConfig): CommandResult {
  const mw = (config.mos as MosConfig).metawatch
  return {
    text: () => {
      if (!mw.enabled) return 'metawatch in shutdown state\n'
      return [
        'Sync Error (ns)   | Samples | Min | Max | Average | Std Deviation',
        '------------------+---------+-----+-----+---------+--------------',
        'Now               |       1 |  -3 |  -3 |    -3.0 |          0.0',
        'Last 1 Minute     |      60 |  -9 |   8 |    -0.4 |          3.1',
        'Last 1 Hour       |    3600 | -12 |  11 |     0.1 |          3.4',
        '',
        'Sync Status      : Running',
        `Telemetry Status : Running (timesource ${mw.timesource})`,
        '',
      ].join('\n')
    },
  }
}

/**
 * `show metawatch aggregation counters`: per-core frames and bytes in and out, overflow drops and buffer use, in
 * MOS's JSON style. This command is the mock's own: real MOS's command for these counters is not public.
 */
export function showAggregationCounters(traffic: MosTraffic): CommandResult {
  return {
    json: () => {
      const cores: Record<string, Record<string, string>> = {}
      for (const core of CORES_7130_48L) {
        const s = traffic.cores.get(core.index)
        if (!s) continue
        cores[String(core.index)] = {
          framesIn: mosCount(s.framesIn),
          framesOut: mosCount(s.framesOut),
          bytesIn: mosCount(s.bytesIn),
          bytesOut: mosCount(s.bytesOut),
          overflowDropFrames: mosCount(s.dropFrames),
          overflowDropBytes: mosCount(s.dropBytes),
          bufferBytesUsed: mosCount(s.buffer),
          bufferHighWaterBytes: mosCount(s.highWater),
        }
      }
      return { cores }
    },
  }
}
