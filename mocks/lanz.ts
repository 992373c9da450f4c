import type { DeviceConfig, InterfaceConfig } from './device-config.js'
import type { EgressEnvironment } from './egress-queues.js'
import type { PlatformProfile } from './platform-profiles.js'

/** Default buffer of one egress queue when neither the options nor the profile give one. */
const DEFAULT_QUEUE_BUFFER_BYTES = 12_000_000

/**
 * The LANZ thresholds of a port in bytes: the port's own (`queue-monitor length thresholds`), else the configured
 * defaults, else the platform's; `undefined` when the platform has no LANZ or LANZ is off. Thresholds are in the
 * platform's LANZ unit, so on segment platforms they are multiplied by the segment size.
 */
export function lanzThresholdBytes(config: DeviceConfig, profile: PlatformProfile, port: string): { highBytes: number; lowBytes: number } | undefined {
  const lanz = profile.lanz
  if (!lanz || !config.queueMonitor?.enabled) return undefined
  const t = config.interfaces[port]?.queueMonitorThresholds ?? config.queueMonitor.defaultThresholds ?? lanz.defaultThresholds
  const scale = lanz.unit === 'bytes' ? 1 : lanz.segmentBytes
  return { highBytes: t.high * scale, lowBytes: t.low * scale }
}

/** What the egress queues of a mock need from it at each step. */
export function egressEnvironment(view: { readonly running: DeviceConfig; readonly profile: PlatformProfile }, queueBufferBytes: number | undefined): EgressEnvironment {
  return {
    lineBytesPerSecond: (port) => ((port.startsWith('Management') ? 1000 : view.profile.portSpeedMbps) * 1e6) / 8,
    bufferBytes: queueBufferBytes ?? view.profile.queueBufferBytes ?? DEFAULT_QUEUE_BUFFER_BYTES,
    lanzThresholds: (port) => lanzThresholdBytes(view.running, view.profile, port),
  }
}

/** The global LANZ lines of the running-config. */
export function lanzGlobalLines(config: DeviceConfig): string[] {
  const qm = config.queueMonitor
  if (!qm) return []
  const lines: string[] = []
  if (qm.enabled) lines.push('queue-monitor length')
  if (qm.defaultThresholds) lines.push(`queue-monitor length default thresholds ${qm.defaultThresholds.high} ${qm.defaultThresholds.low}`)
  return lines.length > 0 ? [...lines, '!'] : []
}

/** The LANZ line of an interface block of the running-config. */
export function lanzInterfaceLines(iface: InterfaceConfig): string[] {
  const t = iface.queueMonitorThresholds
  return t ? [`queue-monitor length thresholds ${t.high} ${t.low}`] : []
}
