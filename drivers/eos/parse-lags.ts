import { z } from 'zod'
import type { Lag, LagMember, LagMode } from '../../src/model/lag.js'
import { compareInterfaceNames, portChannelId } from '../../src/interface-names.js'
import { parseOutput } from './eos-json.js'
import { matchingBlocks, type ConfigBlock } from './running-config-tree.js'

const PortStatus = z.object({ lacpMode: z.string().optional(), protocol: z.string().optional(), reasonUnconfigured: z.string().optional() })

const ShowPortChannel = z.object({
  portChannels: z.record(
    z.string(),
    z.object({
      activePorts: z.record(z.string(), PortStatus).optional(),
      inactivePorts: z.record(z.string(), PortStatus).optional(),
      minLinks: z.number().optional(),
    }),
  ),
})

function lagMode(value: string | undefined): LagMode | undefined {
  return value === 'active' || value === 'passive' || value === 'on' ? value : undefined
}

/**
 * Builds port-channels from the running-config (what is configured: members, their mode, min-links) and
 * `show port-channel detailed` (what is bundled now).
 */
export function parseLags(showPortChannel: unknown, runningConfig: ConfigBlock): Lag[] {
  const status = parseOutput(ShowPortChannel, showPortChannel, 'show port-channel detailed').portChannels
  const lags = new Map<number, { minLinks: number; members: Map<string, LagMode> }>()
  const lagOf = (id: number) => {
    let lag = lags.get(id)
    if (!lag) lags.set(id, (lag = { minLinks: 0, members: new Map() }))
    return lag
  }
  for (const { match, lines } of matchingBlocks(runningConfig, /^interface (Port-Channel\d+)$/)) {
    const id = portChannelId(match[1] as string) as number
    const minLinks = lines.map((l) => /^port-channel min-links (\d+)$/.exec(l)).find(Boolean)
    lagOf(id).minLinks = minLinks ? Number(minLinks[1]) : 0
  }
  for (const { match, lines } of matchingBlocks(runningConfig, /^interface (Ethernet\S+)$/)) {
    for (const line of lines) {
      const group = /^channel-group (\d+) mode (active|passive|on)$/.exec(line)
      if (group) lagOf(Number(group[1])).members.set(match[1] as string, group[2] as LagMode)
    }
  }
  for (const [name, s] of Object.entries(status)) {
    const id = portChannelId(name)
    if (id === undefined) continue
    const lag = lagOf(id)
    if (s.minLinks !== undefined && !lags.get(id)?.minLinks) lag.minLinks = s.minLinks
    for (const [port, p] of Object.entries({ ...s.inactivePorts, ...s.activePorts })) {
      if (!lag.members.has(port) && !port.startsWith('Peer')) lag.members.set(port, lagMode(p.lacpMode) ?? 'on')
    }
  }
  return [...lags.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, lag]) => {
      const name = `Port-Channel${id}`
      const s = status[name]
      const members: LagMember[] = [...lag.members.entries()]
        .sort(([a], [b]) => compareInterfaceNames(a, b))
        .map(([iface, mode]) => {
          if (s?.activePorts?.[iface]) return { interface: iface, mode, status: 'bundled' }
          const reason = s?.inactivePorts?.[iface]?.reasonUnconfigured
          return reason ? { interface: iface, mode, status: 'inactive', reason } : { interface: iface, mode, status: 'inactive' }
        })
      return { id, name, members, minLinks: lag.minLinks }
    })
}
