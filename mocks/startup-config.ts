import type { ConfigSessionStore } from './config-sessions.js'
import type { DeviceConfig } from './device-config.js'
import { renderRunningConfig, type RunningConfigHeader } from './running-config.js'

/** What saving and reloading need from a device. */
export interface StartupHost {
  running: DeviceConfig
  startupConfig: DeviceConfig
  readonly sessions: ConfigSessionStore
  readonly profile: RunningConfigHeader
}

/** `copy running-config startup-config` / `write memory`: the startup-config becomes a copy of the running-config. */
export function saveRunningConfig(host: StartupHost): void {
  host.startupConfig = structuredClone(host.running)
}

/**
 * What a reboot does to the configuration: the running-config is loaded from the startup-config, and configure
 * sessions are gone (EOS keeps neither pending sessions nor commit timers across a reload: eapi.md §3.5).
 */
export function reloadFromStartup(host: StartupHost): void {
  host.sessions.clear()
  host.running = structuredClone(host.startupConfig)
}

/** `show startup-config`: the saved configuration in running-config form, with its own command line in the header. */
export function renderStartupConfig(host: StartupHost): string {
  return renderRunningConfig(host.startupConfig, host.profile).replace(/^! Command: show running-config\n/, '! Command: show startup-config\n')
}

/** The EOS image file name on flash, as `boot-config` names it. */
export function imageFileName(profile: RunningConfigHeader): string {
  return `EOS-${profile.version}.swi`
}

/** The files on `flash:` (`/mnt/flash` in bash): the image, `boot-config` and the startup-config. */
export function flashFiles(host: StartupHost): Array<{ name: string; size: number; content?: string }> {
  const boot = `SWI=flash:/${imageFileName(host.profile)}\n`
  return [
    { name: imageFileName(host.profile), size: 1_030_000_000 },
    { name: 'boot-config', size: boot.length, content: boot },
    { name: 'startup-config', size: Buffer.byteLength(renderStartupConfig(host)), content: renderStartupConfig(host) },
  ]
}
