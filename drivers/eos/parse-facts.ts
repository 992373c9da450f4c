import { z } from 'zod'
import type { Facts } from '../../src/model/facts.js'
import { parseOutput } from './eos-json.js'

const ShowVersion = z.object({
  modelName: z.string(),
  version: z.string(),
  serialNumber: z.string(),
  systemMacAddress: z.string(),
  uptime: z.number().optional(),
  bootupTimestamp: z.number().optional(),
})

const ShowHostname = z.object({ hostname: z.string(), fqdn: z.string() })

/** Builds {@link Facts} from EOS `show version` and `show hostname`. */
export function parseFacts(showVersion: unknown, showHostname: unknown): Facts {
  const v = parseOutput(ShowVersion, showVersion, 'show version')
  const h = parseOutput(ShowHostname, showHostname, 'show hostname')
  const facts: Facts = {
    hostname: h.hostname,
    fqdn: h.fqdn,
    model: v.modelName,
    osVersion: v.version,
    serialNumber: v.serialNumber,
    systemMac: v.systemMacAddress,
    platform: 'eos',
  }
  if (v.uptime !== undefined) facts.uptimeSeconds = v.uptime
  return facts
}
