import { z } from 'zod'

/** The platform families switchyard speaks to. */
export const PlatformSchema = z.enum(['eos', 'mos'])
/** `eos` for Arista EOS switches, `mos` for Arista 7130 (MetaWatch) devices. */
export type Platform = z.infer<typeof PlatformSchema>

/** Basic facts about a device, in the shape of NAPALM's `get_facts`. */
export const FactsSchema = z.object({
  hostname: z.string(),
  fqdn: z.string(),
  model: z.string(),
  osVersion: z.string(),
  serialNumber: z.string(),
  /** The system MAC (`02:1c:73:…`); `''` where the device does not report one: MOS's `show version` has none. */
  systemMac: z.string(),
  platform: PlatformSchema,
  /** Seconds since boot; `undefined` when the device does not say (EOS before 4.20). */
  uptimeSeconds: z.number().optional(),
})
/** Basic facts about a device. */
export type Facts = z.infer<typeof FactsSchema>
