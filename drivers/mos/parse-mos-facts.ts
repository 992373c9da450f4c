import { z } from 'zod'
import type { Facts } from '../../src/model/facts.js'
import { parseOutput } from '../eos/eos-json.js'
import { ParseError } from '../../src/errors.js'
import { describeValue, mosUptimeSeconds } from './mos-numbers.js'

const MosVersion = z.object({
  device: z.string(),
  softwareImageVersion: z.string(),
  serialNumber: z.string(),
  uptime: z.string().optional(),
  applications: z.string().optional(),
  internalBuildId: z.string().optional(),
})

/** True when a `show version` JSON model comes from MOS (the 7130's OS) rather than EOS. */
export function isMosVersion(showVersion: unknown): boolean {
  return MosVersion.safeParse(showVersion).success && (showVersion as { modelName?: unknown }).modelName === undefined
}

/** Applications installed on a MOS device: `"metamux-0.14.7, metawatch-0.5.2"` → `[{name, version}]`. */
export function parseMosApplications(text: unknown): Array<{ name: string; version: string }> {
  if (typeof text !== 'string') throw new ParseError('show version', `applications: expected text, got ${describeValue(text)}`)
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.*?)-(\d[\w.]*)$/.exec(s)
      return m ? { name: m[1] as string, version: m[2] as string } : { name: s, version: '' }
    })
}

/** Builds facts from MOS `show version` (and `show hostname` when the device has it). */
export function parseMosFacts(showVersion: unknown, showHostname?: unknown): Facts {
  const v = parseOutput(MosVersion, showVersion, 'show version')
  const h = showHostname === undefined ? undefined : parseOutput(z.object({ hostname: z.string(), fqdn: z.string().optional() }), showHostname, 'show hostname')
  const facts: Facts = {
    hostname: h?.hostname ?? '',
    fqdn: h?.fqdn ?? h?.hostname ?? '',
    model: v.device,
    osVersion: v.softwareImageVersion,
    serialNumber: v.serialNumber,
    systemMac: '',
    platform: 'mos',
  }
  const uptime = v.uptime === undefined ? undefined : mosUptimeSeconds(v.uptime)
  if (uptime !== undefined) facts.uptimeSeconds = uptime
  return facts
}
