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
export function showMosInterfacesStatus(config: DeviceConfig, linkUp: (port: string) => boolean = () => true, only?: string): CommandResult {
  const json = () => ({ interfaces: mosStatusEntries(config, linkUp, only) })
  return {
    json,
    text: () => {
      // Layout: the mock's own table of the model's fields [unconfirmed]: no public capture of MOS's text was found.
      const out = ['Port   Name             Rx           Tx               Source  Speed  Type']
      for (const [name, e] of Object.entries(json().interfaces)) {
        out.push(`${name.padEnd(6)} ${(e.name ?? '').slice(0, 16).padEnd(16)} ${(e.rx ?? '').padEnd(12)} ${(e.tx ?? '').padEnd(16)} ${(e.source ?? '').padEnd(7)} ${(e.speed ?? '').padEnd(6)} ${e.type ?? ''}`.trimEnd())
      }
      return `${out.join('\n')}\n`
    },
  }
}

/** The `show interfaces status` entries of every MOS port (or one), in port order. */
export function mosStatusEntries(config: DeviceConfig, linkUp: (port: string) => boolean, only?: string): Record<string, Record<string, string>> {
  const mos = config.mos as MosConfig
  const interfaces: Record<string, Record<string, string>> = {}
  for (const name of Object.keys(mos.ports).sort(compareMosPortNames).filter((n) => only === undefined || n === only)) {
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
  return interfaces
}

function countedPorts(mos: MosConfig): string[] {
  return Object.keys(mos.ports)
    .filter((n) => n.startsWith('et'))
    .sort(compareMosPortNames)
}

/** MOS `show interfaces counters` (front ports; counts as comma-grouped strings). */
export function showMosCounters(config: DeviceConfig, traffic: MosTraffic): CommandResult {
  const result: CommandResult = {
    text: () => {
      const m = (result.json as () => { interfaces: Record<string, Record<string, string>> })().interfaces
      const keys = ['rxoctets', 'rxucastpkts', 'rxmcastpkts', 'rxbcastpkts', 'txoctets', 'txucastpkts', 'txmcastpkts', 'txbcastpkts']
      return mosTable(['Port', 'RxOctets', 'RxUcast', 'RxMcast', 'RxBcast', 'TxOctets', 'TxUcast', 'TxMcast', 'TxBcast'], Object.entries(m).map(([n, c]) => [n, ...keys.map((k) => c[k] ?? '0')]))
    },
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
  return result
}

/**
 * A MOS counter table: the port left, counts right-aligned as the model holds them (comma-grouped). The layout is the
 * mock's own [unconfirmed]: no public capture of MOS's counter text was found.
 */
function mosTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 4) : c.padStart(widths[i] ?? 0))).join('  ')
  return `${[line(header), ...rows.map(line)].join('\n')}\n`
}

/** MOS `show interfaces counters errors`. */
export function showMosCounterErrors(config: DeviceConfig): CommandResult {
  const result: CommandResult = {
    text: () => {
      const m = (result.json as () => { interfaces: Record<string, Record<string, string>> })().interfaces
      const keys = ['fcs', 'align', 'runts', 'giants', 'rx', 'tx']
      return mosTable(['Port', 'FCS', 'Align', 'Runts', 'Giants', 'Rx', 'Tx'], Object.entries(m).map(([n, c]) => [n, ...keys.map((k) => c[k] ?? '0')]))
    },
    json: () => {
      const interfaces: Record<string, Record<string, string>> = {}
      for (const name of countedPorts(config.mos as MosConfig)) {
        interfaces[name] = { giants: '0', fcs: '0', name: (config.mos as MosConfig).ports[name]?.description ?? '', tx: '0', align: '0', rx: '0', runts: '0' }
      }
      return { interfaces }
    },
  }
  return result
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
  const result: CommandResult = {
    text: () => {
      const m = (result.json as () => { cores: Record<string, Record<string, string>> })().cores
      const keys = ['framesIn', 'framesOut', 'bytesIn', 'bytesOut', 'overflowDropFrames', 'overflowDropBytes', 'bufferBytesUsed', 'bufferHighWaterBytes']
      return mosTable(['Core', 'FramesIn', 'FramesOut', 'BytesIn', 'BytesOut', 'DropFrames', 'DropBytes', 'Buffer', 'HighWater'], Object.entries(m).map(([n, c]) => [n, ...keys.map((k) => c[k] ?? '0')]))
    },
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
  return result
}
