import { z } from 'zod'

/** What a relay server list needs of its entries to tell two of them apart. */
type RelayServerShape = z.ZodType<{ address: string; vrf?: string | undefined }>

/**
 * The list of DHCP servers given to one interface's relay (v4 or v6): one to sixteen servers, none listed twice
 * (same address in the same VRF). `clearHint` names the call that removes relay instead, for the empty-list error.
 */
export function relayServerListSchema<T extends RelayServerShape>(server: T, clearHint: string): z.ZodArray<T> {
  return z
    .array(server)
    .min(1, { error: `give at least one server (use ${clearHint})` })
    .max(16, { error: 'at most 16 servers per interface' })
    .refine((list) => new Set(list.map((s) => `${s.address}|${s.vrf ?? ''}`)).size === list.length, {
      error: 'the same server is listed twice',
    })
}
