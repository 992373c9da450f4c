import { ParseError } from '../errors.js'
import { parseVlanRanges, formatVlanRanges } from '../vlan-ranges.js'
import { normaliseInterfaceName, compareInterfaceNames } from '../interface-names.js'
import { normaliseMosPort } from '../model/l1.js'
import { TimesourceSchema, TsClockSourceSchema } from '../model/metawatch.js'
import type { LagMode } from '../model/lag.js'
import type { Dhcp6Server, DhcpServer } from '../model/dhcp-relay.js'
import { formatIpv6, parseIpv6 } from '../ip-prefix.js'
import {
  ALL_VLANS,
  canonicalInterface,
  defaultInterface,
  defaultVlanName,
  emptyEosState,
  sortedMap,
  type CoreLayout,
  type DeviceState,
  type EosDeviceState,
  type InterfaceEntry,
  type MosDeviceState,
} from './device-state.js'

/** One top-level line of a running-config with the lines indented under it. */
interface Block {
  header: string
  lines: string[]
}

function blocksOf(text: string): Block[] {
  const blocks: Block[] = []
  let current: Block | undefined
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trimEnd()
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('!') || trimmed === 'end') {
      if (!line.startsWith(' ')) current = undefined
      continue
    }
    if (line.startsWith(' ')) {
      current?.lines.push(trimmed)
      continue
    }
    current = { header: trimmed, lines: [] }
    blocks.push(current)
  }
  return blocks
}

/** The platform a running-config text is from: MOS prints `! device: … MOS-…` and lower-case port names. */
export function detectPlatform(text: string): 'eos' | 'mos' {
  return /^! device: .*\bMOS-/m.test(text) || /^interface (et|ap|ma)\d+\s*$/m.test(text) ? 'mos' : 'eos'
}

/**
 * Reads a running-config text (as `show running-config` prints it) into the state desired-state documents describe.
 * The platform is detected from the text unless given. Lines it does not model are ignored.
 *
 * LANZ: `queue-monitor length` (on; `no queue-monitor length` or no line: off), `queue-monitor length default
 * thresholds <high> <low>` at the top level and `queue-monitor length thresholds <high> <low>` in Ethernet blocks, as
 * EOS prints them (Arista AVD's eos_cli_config_gen renders the same lines). The one-value form of platforms without a
 * low threshold (`… default threshold <high>`) is not modelled.
 */
export function parseRunningConfigState(text: string, platform: 'eos' | 'mos' = detectPlatform(text)): DeviceState {
  if (typeof text !== 'string') throw new ParseError('running-config', 'not a text')
  return platform === 'mos' ? parseMos(blocksOf(text)) : parseEos(blocksOf(text))
}

function parseEos(blocks: Block[]): EosDeviceState {
  const state = emptyEosState()
  const fail = (what: string): never => {
    throw new ParseError('show running-config', what)
  }
  for (const { header, lines } of blocks) {
    let m: RegExpExecArray | null
    if ((m = /^vlan (\S+)$/.exec(header))) {
      let ids: number[]
      try {
        ids = parseVlanRanges(m[1] as string)
      } catch {
        return fail(`bad VLAN range in '${header}'`)
      }
      for (const id of ids) {
        const entry = state.vlans.get(id) ?? { name: null, state: 'active' as const }
        for (const l of lines) {
          if (l.startsWith('name ')) entry.name = l.slice(5) === defaultVlanName(id) ? null : l.slice(5)
          else if (l === 'state suspend') entry.state = 'suspend'
          else if (l === 'state active') entry.state = 'active'
        }
        state.vlans.set(id, entry)
      }
    } else if ((m = /^interface (\S+)$/.exec(header))) {
      const name = normaliseInterfaceName(m[1] as string) ?? fail(`unknown interface '${m[1]}'`)
      parseInterface(state, name, lines)
    } else if (header === 'dhcp relay') {
      for (const l of lines) if ((m = /^server (\S+)$/.exec(l))) state.relay.servers.push(m[1] as string)
    } else if (header === 'ip dhcp relay information option') {
      state.relay.option82 = true
    } else if (header === 'queue-monitor length' || header === 'no queue-monitor length') {
      state.lanz.enabled = header === 'queue-monitor length'
    } else if ((m = /^queue-monitor length default thresholds (\d+) (\d+)$/.exec(header))) {
      state.lanz.defaultThresholds = { high: Number(m[1]), low: Number(m[2]) }
    }
  }
  state.lanz.thresholds = sortedMap(state.lanz.thresholds, compareInterfaceNames)
  state.vlans = sortedMap(state.vlans, (a, b) => a - b)
  state.interfaces = sortedMap(state.interfaces, compareInterfaceNames)
  state.lags = sortedMap(state.lags, (a, b) => a - b)
  return state
}

function parseInterface(state: EosDeviceState, name: string, lines: string[]): void {
  const entry: InterfaceEntry = defaultInterface(name)
  const v4: DhcpServer[] = []
  const v6: Dhcp6Server[] = []
  let m: RegExpExecArray | null
  const lagId = /^Port-Channel(\d+)$/.exec(name)
  if (lagId) {
    const id = Number(lagId[1])
    if (!state.lags.has(id)) state.lags.set(id, { members: new Map(), minLinks: 0 })
  }
  for (const l of lines) {
    if (l.startsWith('description ')) entry.description = l.slice('description '.length)
    else if (l === 'shutdown') entry.enabled = false
    else if (l === 'no shutdown') entry.enabled = true
    else if (l === 'no switchport') entry.mode = 'routed'
    else if ((m = /^switchport mode (access|trunk)$/.exec(l))) entry.mode = m[1] as 'access' | 'trunk'
    else if ((m = /^switchport access vlan (\d+)$/.exec(l))) entry.accessVlan = Number(m[1])
    else if ((m = /^switchport trunk native vlan (\d+)$/.exec(l))) entry.nativeVlan = Number(m[1])
    else if ((m = /^switchport trunk allowed vlan (\S+)$/.exec(l))) entry.allowedVlans = m[1] === 'none' ? 'none' : m[1] === 'all' ? ALL_VLANS : formatVlanRanges(parseVlanRanges(m[1] as string))
    else if ((m = /^channel-group (\d+) mode (active|passive|on)$/.exec(l))) {
      const id = Number(m[1])
      const lag = state.lags.get(id) ?? { members: new Map<string, LagMode>(), minLinks: 0 }
      lag.members.set(name, m[2] as LagMode)
      lag.members = sortedMap(lag.members, compareInterfaceNames)
      state.lags.set(id, lag)
    } else if ((m = /^port-channel min-links (\d+)$/.exec(l)) && lagId) {
      const lag = state.lags.get(Number(lagId[1]))
      if (lag) lag.minLinks = Number(m[1])
    } else if ((m = /^vrf (?:forwarding )?(\S+)$/.exec(l))) entry.vrf = m[1] as string
    else if ((m = /^ip address (\S+) secondary$/.exec(l))) entry.ipv4?.secondary.push(m[1] as string)
    else if ((m = /^ip address (\S+)$/.exec(l))) entry.ipv4 = { primary: m[1] as string, secondary: entry.ipv4?.secondary ?? [] }
    else if ((m = /^ipv6 address (\S+)$/.exec(l)) && !/link-local/.test(l)) entry.ipv6.push(m[1] as string)
    else if ((m = /^ip helper-address (\S+)(?: vrf (\S+))?(?: source-interface (\S+))?$/.exec(l))) {
      v4.push({ address: m[1] as string, ...(m[2] ? { vrf: m[2] } : {}), ...(m[3] ? { sourceInterface: normaliseInterfaceName(m[3]) ?? m[3] } : {}) })
    } else if ((m = /^queue-monitor length thresholds (\d+) (\d+)$/.exec(l)) && name.startsWith('Ethernet')) {
      state.lanz.thresholds.set(name, { high: Number(m[1]), low: Number(m[2]) })
    } else if ((m = /^ipv6 dhcp relay destination (\S+)(?: vrf (\S+))?(?: local-interface (\S+))?$/.exec(l))) {
      const parsed = parseIpv6(m[1] as string)
      v6.push({ address: parsed ? formatIpv6(parsed) : (m[1] as string), ...(m[2] ? { vrf: m[2] } : {}), ...(m[3] ? { localInterface: normaliseInterfaceName(m[3]) ?? m[3] } : {}) })
    }
  }
  if (name.startsWith('Management') || name.startsWith('Vlan') || name.startsWith('Loopback')) entry.mode = null
  state.interfaces.set(name, canonicalInterface(entry))
  if (v4.length > 0) state.relay.v4.set(name, v4)
  if (v6.length > 0) state.relay.v6.set(name, v6)
}

function parseMos(blocks: Block[]): MosDeviceState {
  const sources = new Map<string, string | null>()
  const cores = new Map<number, { inputs: Array<{ n: number; port: string }>; output?: string }>()
  const core = (i: number) => {
    let c = cores.get(i)
    if (!c) cores.set(i, (c = { inputs: [] }))
    return c
  }
  const metawatch: MosDeviceState['metawatch'] = { enabled: false, timesource: 'auto', tsClockSource: 'auto' }
  let m: RegExpExecArray | null
  for (const { header, lines } of blocks) {
    if ((m = /^interface (\S+)$/.exec(header))) {
      const port = normaliseMosPort(m[1] as string)
      if (port === undefined) continue
      const source = lines.find((l) => l.startsWith('source '))?.slice('source '.length) ?? null
      sources.set(port, source === null || source === 'mac' ? source : (normaliseMosPort(source) ?? source))
      const description = lines.find((l) => l.startsWith('description '))?.slice('description '.length) ?? ''
      const input = /^Core (\d+) Port (\d+)$/.exec(description)
      const out = /^Core (\d+) Out$/.exec(description)
      if (input) core(Number(input[1])).inputs.push({ n: Number(input[2]), port })
      else if (out) core(Number(out[1])).output = port
    } else if (header === 'app metawatch') {
      for (const l of lines) {
        if (l === 'no shutdown') metawatch.enabled = true
        else if (l === 'shutdown') metawatch.enabled = false
        else if ((m = /^timesource (\S+)$/.exec(l))) metawatch.timesource = TimesourceSchema.catch('auto').parse(m[1])
        else if ((m = /^ts-clock source (\S+)$/.exec(l))) metawatch.tsClockSource = TsClockSourceSchema.catch('auto').parse(m[1])
      }
      if (!lines.includes('shutdown') && !lines.includes('no shutdown') && lines.length > 0) metawatch.enabled = true
    }
  }
  const layout: CoreLayout[] = [...cores.entries()]
    .filter(([, c]) => c.output !== undefined)
    .sort(([a], [b]) => a - b)
    .map(([index, c]) => ({ index, inputs: c.inputs.sort((a, b) => a.n - b.n).map((i) => i.port), output: c.output as string }))
  return { platform: 'mos', sources, metawatch, cores: layout }
}
