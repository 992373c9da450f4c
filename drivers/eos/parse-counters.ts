import { z } from 'zod'
import type { InterfaceCounters } from '../../src/model/counters.js'
import { compareInterfaceNames } from '../../src/interface-names.js'
import { JsonCount, parseOutput, toBigInt } from './eos-json.js'

const Counters = z.object({
  inOctets: JsonCount,
  outOctets: JsonCount,
  inUcastPkts: JsonCount.optional(),
  outUcastPkts: JsonCount.optional(),
  inMulticastPkts: JsonCount.optional(),
  outMulticastPkts: JsonCount.optional(),
  inBroadcastPkts: JsonCount.optional(),
  outBroadcastPkts: JsonCount.optional(),
  inDiscards: JsonCount.optional(),
  outDiscards: JsonCount.optional(),
  totalInErrors: JsonCount.optional(),
  totalOutErrors: JsonCount.optional(),
})

const ShowCounters = z.object({ interfaces: z.record(z.string(), Counters) })
const ShowErrors = z.object({
  interfaceErrorCounters: z.record(z.string(), z.object({ inErrors: JsonCount, outErrors: JsonCount })),
})
const ShowInterfacesCounters = z.object({
  interfaces: z.record(z.string(), z.object({ hardware: z.string().optional(), interfaceCounters: Counters.optional() })),
})

function toCounters(name: string, c: z.output<typeof Counters>, errors?: { inErrors: number | bigint; outErrors: number | bigint }): InterfaceCounters {
  return {
    interface: name,
    inOctets: toBigInt(c.inOctets),
    outOctets: toBigInt(c.outOctets),
    inUcastPkts: toBigInt(c.inUcastPkts),
    outUcastPkts: toBigInt(c.outUcastPkts),
    inMulticastPkts: toBigInt(c.inMulticastPkts),
    outMulticastPkts: toBigInt(c.outMulticastPkts),
    inBroadcastPkts: toBigInt(c.inBroadcastPkts),
    outBroadcastPkts: toBigInt(c.outBroadcastPkts),
    inDiscards: toBigInt(c.inDiscards),
    outDiscards: toBigInt(c.outDiscards),
    inErrors: toBigInt(errors?.inErrors ?? c.totalInErrors),
    outErrors: toBigInt(errors?.outErrors ?? c.totalOutErrors),
  }
}

/**
 * Parses EOS `show interfaces counters` joined with `show interfaces counters errors`. Entries without packet
 * counters (SVIs report octets by cast type only) are left out.
 */
export function parseInterfaceCounters(showCounters: unknown, showErrors: unknown): InterfaceCounters[] {
  const counters = parseOutput(ShowCounters, showCounters, 'show interfaces counters').interfaces
  const errors = parseOutput(ShowErrors, showErrors, 'show interfaces counters errors').interfaceErrorCounters
  return Object.entries(counters)
    .filter(([, c]) => c.inUcastPkts !== undefined)
    .map(([name, c]) => toCounters(name, c, errors[name]))
    .sort((a, b) => compareInterfaceNames(a.interface, b.interface))
}

/** Parses the `interfaceCounters` of EOS `show interfaces` (interfaces without counters, such as subinterfaces, are left out). */
export function parseCountersFromShowInterfaces(showInterfaces: unknown): InterfaceCounters[] {
  const parsed = parseOutput(ShowInterfacesCounters, showInterfaces, 'show interfaces').interfaces
  const out: InterfaceCounters[] = []
  for (const [name, i] of Object.entries(parsed)) if (i.interfaceCounters) out.push(toCounters(name, i.interfaceCounters))
  return out.sort((a, b) => compareInterfaceNames(a.interface, b.interface))
}
