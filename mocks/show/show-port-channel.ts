import { compareInterfaceNames, shortInterfaceName } from '../../src/interface-names.js'
import type { CommandResult } from '../cli/command-grammar.js'
import type { InterfaceConfig } from '../device-config.js'
import { isOperUp, membersOf, type LiveView } from '../port-state.js'

interface LagRow {
  name: string
  id: number
  up: boolean
  minLinks: number
  members: Array<{ name: string; mode: 'active' | 'passive' | 'on'; active: boolean }>
}

function lagRows(view: LiveView): LagRow[] {
  return Object.keys(view.running.interfaces)
    .filter((n) => n.startsWith('Port-Channel'))
    .sort(compareInterfaceNames)
    .map((name) => {
      const id = Number(name.slice('Port-Channel'.length))
      const members = membersOf(view.running, id)
        .sort(compareInterfaceNames)
        .map((m) => {
          const cg = (view.running.interfaces[m] as InterfaceConfig).channelGroup as { mode: 'active' | 'passive' | 'on' }
          return { name: m, mode: cg.mode, active: isOperUp(view, m) }
        })
      return { name, id, up: isOperUp(view, name), minLinks: view.running.interfaces[name]?.minLinks ?? 0, members }
    })
}

/**
 * Text of `show port-channel`: per port-channel its active ports, or `No Active Ports`, and a table of configured but
 * inactive ports with the reason. The layout is [unconfirmed] (no public EOS capture was found; it follows the JSON
 * model's fields in EOS's wording); `detailed` prints the same.
 */
function portChannelText(view: LiveView): string {
  const out: string[] = []
  for (const lag of lagRows(view)) {
    const active = lag.members.filter((m) => m.active)
    const inactive = lag.members.filter((m) => !m.active)
    out.push(`Port Channel ${lag.name}:`)
    out.push(active.length > 0 ? `  Active Ports: ${active.map((m) => m.name).join(' ')}` : '  No Active Ports')
    if (inactive.length > 0) {
      out.push('  Configured, but inactive ports:', '       Port            Reason unconfigured', '    ---------------- ------------------------')
      for (const m of inactive) out.push(`       ${m.name.padEnd(15)} link down`)
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}

/** `show port-channel [detailed]`: active and inactive ports per port-channel (ANTA's shape). */
export function showPortChannel(view: LiveView): CommandResult {
  return {
    text: () => portChannelText(view),
    json: () => {
      const portChannels: Record<string, unknown> = {}
      for (const lag of lagRows(view)) {
        const activePorts: Record<string, unknown> = {}
        const inactivePorts: Record<string, unknown> = {}
        for (const m of lag.members) {
          const protocol = m.mode === 'on' ? 'static' : 'lacp'
          if (m.active) activePorts[m.name] = { protocol, lacpMode: m.mode, weight: 1, timeBecameActive: Date.now() / 1000 }
          else inactivePorts[m.name] = { protocol, lacpMode: m.mode, reasonUnconfigured: 'link down', timeBecameInactive: Date.now() / 1000 }
        }
        portChannels[lag.name] = {
          activePorts,
          inactivePorts,
          rxPorts: {},
          recircFeature: [],
          inactiveLag: !lag.up,
          fallbackState: 'unconfigured',
          minLinks: lag.minLinks,
          minSpeed: '0 gbps',
          currWeight: Object.keys(activePorts).length,
          maxWeight: 16,
        }
      }
      return { portChannels }
    },
  }
}

/** `show port-channel summary`: JSON as openstack's mock, text with the flags legend as ntc-templates parses it. */
export function showPortChannelSummary(view: LiveView): CommandResult {
  return {
    json: () => {
      const rows = lagRows(view)
      const portChannels: Record<string, unknown> = {}
      for (const lag of rows) {
        const ports: Record<string, unknown> = {}
        for (const m of lag.members) ports[m.name] = { protocol: m.mode === 'on' ? 'static' : 'lacp', lacpMode: m.mode, inUse: m.active }
        portChannels[lag.name] = { ports }
      }
      return { numberOfChannelsInUse: rows.filter((r) => r.up).length, numberOfAggregators: rows.length, portChannels }
    },
    text: () => {
      const rows = lagRows(view)
      const out = [
        '',
        '                 Flags',
        '------------------------ ---------------------------- -------------------------',
        '  a - LACP Active          p - LACP Passive           * - static fallback',
        '  F - Fallback enabled     f - Fallback configured    ^ - individual fallback',
        '  U - In Use               D - Down',
        '  + - In-Sync              - - Out-of-Sync            i - incompatible with agg',
        '  P - bundled in Po        s - suspended              G - Aggregable',
        '  I - Individual           S - ShortTimeout           w - wait for agg',
        '  E - Inactive. The number of configured port channels exceeds the config limit',
        '  M - Exceeds maximum weight',
        '',
        `Number of channels in use: ${rows.filter((r) => r.up).length}`,
        `Number of aggregators: ${rows.length}`,
        '',
        '   Port-Channel       Protocol    Ports',
        '------------------ -------------- ------------------',
      ]
      for (const lag of rows) {
        const lacp = lag.members.some((m) => m.mode !== 'on')
        const flag = lag.members.some((m) => m.mode === 'active') ? 'a' : lag.members.some((m) => m.mode === 'passive') ? 'p' : ''
        const ports = lag.members.map((m) => `${shortInterfaceName(m.name)}(${m.active ? 'PG+' : 'D'})`).join(' ')
        out.push(`   ${`${shortInterfaceName(lag.name)}(${lag.up ? 'U' : 'D'})`.padEnd(18)} ${(lacp ? `LACP(${flag})` : 'Static').padEnd(14)} ${ports}`.trimEnd())
      }
      return `${out.join('\n')}\n`
    },
  }
}
