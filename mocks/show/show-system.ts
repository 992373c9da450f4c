import type { PlatformProfile } from '../platform-profiles.js'
import type { CommandResult } from '../cli/command-grammar.js'

/** Identity of a mock device, for `show version` and `show hostname`. */
export interface SystemIdentity {
  hostname: string
  profile: PlatformProfile
  serialNumber: string
  systemMac: string
  bootTime: number
}

/** `show version`, in the shape of the cEOS 4.30 recording. */
export function showVersion(id: SystemIdentity): CommandResult {
  const uptime = (Date.now() - id.bootTime) / 1000
  const json = {
    mfgName: 'Arista',
    modelName: id.profile.modelName,
    hardwareRevision: '11.00',
    serialNumber: id.serialNumber,
    systemMacAddress: id.systemMac,
    hwMacAddress: id.systemMac,
    configMacAddress: '00:00:00:00:00:00',
    version: id.profile.version,
    architecture: id.profile.architecture,
    internalVersion: `${id.profile.version}-switchyard.mock`,
    internalBuildId: '00000000-0000-4000-8000-000000000000',
    imageFormatVersion: '3.0',
    imageOptimization: 'Default',
    kernelVersion: '5.10.165',
    bootupTimestamp: id.bootTime / 1000,
    uptime,
    memTotal: 8_000_000,
    memFree: 5_000_000,
    isIntlVersion: false,
  }
  return {
    json: () => json,
    text: () =>
      [
        `Arista ${id.profile.modelName}`,
        `Hardware version: ${json.hardwareRevision}`,
        `Serial number: ${id.serialNumber}`,
        `Hardware MAC address: ${id.systemMac}`,
        `System MAC address: ${id.systemMac}`,
        '',
        `Software image version: ${id.profile.version}`,
        `Architecture: ${id.profile.architecture}`,
        `Internal build version: ${json.internalVersion}`,
        '',
        `Uptime: ${Math.floor(uptime / 60)} minutes`,
        `Total memory: ${json.memTotal} kB`,
        `Free memory: ${json.memFree} kB`,
        '',
      ].join('\n'),
  }
}

/** `show hostname`. */
export function showHostname(hostname: string): CommandResult {
  return { json: () => ({ hostname, fqdn: hostname }), text: () => `Hostname: ${hostname}\nFQDN:     ${hostname}\n` }
}
