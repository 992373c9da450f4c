import { z } from 'zod'
import type { Interface, OperStatus, SwitchportMode } from '../../src/model/interface.js'
import { compareInterfaceNames } from '../../src/interface-names.js'
import { parseVlanRanges } from '../../src/vlan-ranges.js'
import { ParseError } from '../../src/errors.js'
import { parseOutput } from './eos-json.js'

const ShowInterfaces = z.object({
  interfaces: z.record(
    z.string(),
    z.object({
      name: z.string(),
      description: z.string().optional(),
      interfaceStatus: z.string(),
      lineProtocolStatus: z.string(),
      hardware: z.string().optional(),
      forwardingModel: z.string().optional(),
      bandwidth: z.number().optional(),
      interfaceMembership: z.string().optional(),
    }),
  ),
})

const ShowSwitchport = z.object({
  switchports: z.record(
    z.string(),
    z.object({
      enabled: z.boolean(),
      switchportInfo: z
        .object({
          mode: z.string(),
          accessVlanId: z.number().optional(),
          trunkingNativeVlanId: z.number().optional(),
          trunkAllowedVlans: z.string().optional(),
        })
        .optional(),
    }),
  ),
})

const OPER: Record<string, OperStatus> = {
  up: 'up',
  down: 'down',
  notPresent: 'notPresent',
  lowerLayerDown: 'lowerLayerDown',
  dormant: 'dormant',
  testing: 'testing',
}

/**
 * Parses EOS `show interfaces`, joined with `show interfaces switchport` when given, into interfaces sorted the EOS
 * way. Subinterfaces (`Port-Channel1.20`) are included with mode `null`.
 */
export function parseInterfaces(showInterfaces: unknown, showSwitchport?: unknown): Interface[] {
  const parsed = parseOutput(ShowInterfaces, showInterfaces, 'show interfaces')
  const switchports = showSwitchport === undefined ? undefined : parseOutput(ShowSwitchport, showSwitchport, 'show interfaces switchport').switchports
  const out: Interface[] = []
  for (const [name, i] of Object.entries(parsed.interfaces)) {
    const sp = switchports?.[name]
    const canSwitch = (i.hardware === 'ethernet' || i.hardware === 'portChannel') && !name.startsWith('Management')
    let mode: SwitchportMode | null = null
    let accessVlan: number | null = null
    let nativeVlan: number | null = null
    let allowedVlans: number[] = []
    if (canSwitch && !name.includes('.')) {
      if (i.forwardingModel === 'routed' || (sp && !sp.enabled)) mode = 'routed'
      else if (sp?.switchportInfo) {
        const info = sp.switchportInfo
        mode = info.mode === 'trunk' ? 'trunk' : 'access'
        accessVlan = info.accessVlanId ?? null
        nativeVlan = info.trunkingNativeVlanId ?? null
        if (mode === 'trunk') {
          try {
            allowedVlans = parseVlanRanges(info.trunkAllowedVlans ?? 'ALL')
          } catch (cause) {
            throw new ParseError('show interfaces switchport', `${name}: ${(cause as Error).message}`)
          }
        }
      } else if (i.forwardingModel === 'bridged' || i.forwardingModel === 'dataLink') mode = 'access'
    }
    const membership = /Member of (Port-Channel\d+)/.exec(i.interfaceMembership ?? '')
    out.push({
      name,
      description: i.description ?? '',
      enabled: i.interfaceStatus !== 'disabled',
      operStatus: Object.hasOwn(OPER, i.lineProtocolStatus) ? (OPER[i.lineProtocolStatus] as OperStatus) : 'unknown',
      speedMbps: Math.round((i.bandwidth ?? 0) / 1_000_000),
      mode,
      accessVlan,
      nativeVlan,
      allowedVlans,
      lag: membership?.[1] ?? null,
    })
  }
  return out.sort((a, b) => compareInterfaceNames(a.name, b.name))
}
