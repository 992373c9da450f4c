import { validate } from './validate.js'
import { ValidationError } from './errors.js'
import type { Intent } from './intents.js'
import { InterfaceNameSchema, LagIdSchema, VlanIdSchema } from './model/primitives.js'
import { VlanCreateSchema, VlanUpdateSchema, type VlanCreate, type VlanUpdate } from './model/vlan.js'
import { InterfaceConfigureSchema, type InterfaceConfigure } from './model/interface.js'
import { LagCreateSchema, LagModeSchema, LagUpdateSchema, type LagCreate, type LagMode, type LagUpdate } from './model/lag.js'
import { DhcpRelayGlobalSchema, DhcpServerListSchema, type DhcpRelayGlobal, type DhcpServerInput } from './model/dhcp-relay.js'
import type { InterfaceSettings } from './changes.js'
import { MosPortSchema, TapCreateSchema, type TapCreate } from './model/l1.js'
import { AggregateSchema, TimesourceChangeSchema, type Aggregate, type TimesourceChange } from './model/metawatch.js'
import type { L1Api } from './intents.js'
import { LanzConfigureSchema, type LanzConfigure } from './model/buffers.js'
import { z } from 'zod'
import { configTextToLines, validateRawLines } from './raw-config.js'
import { L3ConfigureSchema, type L3Configure } from './model/ip-interface.js'
import { Dhcp6ServerListSchema, type Dhcp6ServerInput } from './model/dhcp-relay.js'
import type { L3Settings } from './changes.js'

const SourceSchema = z.union([z.literal('mac'), MosPortSchema])

/**
 * Collects changes for one atomic `configure()`. Every method validates its input at once and throws a
 * `ValidationError` on bad input; nothing is sent until the callback returns.
 */
export class Transaction {
  /** The validated intents, in call order. */
  readonly intents: Intent[] = []

  /** VLAN changes. */
  readonly vlans = {
    create: (input: VlanCreate): void => {
      const v = validate(VlanCreateSchema, input, 'vlans.create')
      this.intents.push({ kind: 'vlan.create', id: v.id, ...defined({ name: v.name, state: v.state }) })
    },
    update: (id: number, input: VlanUpdate): void => {
      const vid = validate(VlanIdSchema, id, 'vlans.update id')
      const v = validate(VlanUpdateSchema, input, 'vlans.update')
      this.intents.push({ kind: 'vlan.update', id: vid, ...defined({ name: v.name, state: v.state }) })
    },
    delete: (id: number): void => {
      const vid = validate(VlanIdSchema, id, 'vlans.delete id')
      if (vid === 1) throw validationOf('vlans.delete', 'VLAN 1 is the default VLAN and cannot be deleted')
      this.intents.push({ kind: 'vlan.delete', id: vid })
    },
  }

  /** Interface changes. */
  readonly interfaces = {
    configure: (name: string, input: InterfaceConfigure): void => {
      const iface = validate(InterfaceNameSchema, name, 'interfaces.configure name')
      const v = validate(InterfaceConfigureSchema, input, 'interfaces.configure')
      const allowed = v.allowedVlans
      const settings: InterfaceSettings = defined({
        description: v.description,
        enabled: v.enabled,
        mode: v.mode,
        accessVlan: v.accessVlan,
        nativeVlan: v.nativeVlan,
        allowedVlans: allowed === undefined ? undefined : Array.isArray(allowed) ? { replace: allowed } : allowed,
      })
      this.intents.push({ kind: 'interface.configure', interface: iface, settings })
    },
  }

  /** Port-channel changes. */
  readonly lags = {
    create: (input: LagCreate): void => {
      const v = validate(LagCreateSchema, input, 'lags.create')
      if (new Set(v.members).size !== v.members.length) throw validationOf('lags.create', 'a member is listed twice')
      this.intents.push({ kind: 'lag.create', id: v.id, members: v.members, mode: v.mode, ...defined({ minLinks: v.minLinks }) })
    },
    update: (id: number, input: LagUpdate): void => {
      const lagId = validate(LagIdSchema, id, 'lags.update id')
      const v = validate(LagUpdateSchema, input, 'lags.update')
      this.intents.push({ kind: 'lag.update', id: lagId, minLinks: v.minLinks })
    },
    addMember: (id: number, member: string, mode?: LagMode): void => {
      const lagId = validate(LagIdSchema, id, 'lags.addMember id')
      const iface = validate(InterfaceNameSchema, member, 'lags.addMember interface')
      const m = mode === undefined ? undefined : validate(LagModeSchema, mode, 'lags.addMember mode')
      this.intents.push({ kind: 'lag.addMember', id: lagId, interface: iface, ...defined({ mode: m }) })
    },
    removeMember: (id: number, member: string): void => {
      const lagId = validate(LagIdSchema, id, 'lags.removeMember id')
      const iface = validate(InterfaceNameSchema, member, 'lags.removeMember interface')
      this.intents.push({ kind: 'lag.removeMember', id: lagId, interface: iface })
    },
    delete: (id: number): void => {
      this.intents.push({ kind: 'lag.delete', id: validate(LagIdSchema, id, 'lags.delete id') })
    },
  }

  /** DHCP relay changes. */
  readonly dhcpRelay = {
    set: (name: string, servers: DhcpServerInput[]): void => {
      const iface = validate(InterfaceNameSchema, name, 'dhcpRelay.set interface')
      const list = validate(DhcpServerListSchema, servers, 'dhcpRelay.set servers')
      this.intents.push({ kind: 'dhcpRelay.set', interface: iface, servers: list })
    },
    clear: (name: string): void => {
      this.intents.push({ kind: 'dhcpRelay.clear', interface: validate(InterfaceNameSchema, name, 'dhcpRelay.clear interface') })
    },
    setGlobal: (input: DhcpRelayGlobal): void => {
      const v = validate(DhcpRelayGlobalSchema, input, 'dhcpRelay.setGlobal')
      this.intents.push({ kind: 'dhcpRelay.setGlobal', ...defined({ servers: v.servers, option82: v.option82 }) })
    },
    /** Replaces the DHCPv6 servers an interface relays to (`ipv6 dhcp relay destination`). */
    setV6: (name: string, servers: Dhcp6ServerInput[]): void => {
      const iface = validate(InterfaceNameSchema, name, 'dhcpRelay.setV6 interface')
      const list = validate(Dhcp6ServerListSchema, servers, 'dhcpRelay.setV6 servers')
      this.intents.push({ kind: 'dhcpRelay.setV6', interface: iface, servers: list })
    },
    /** Removes DHCPv6 relay from an interface. */
    clearV6: (name: string): void => {
      this.intents.push({ kind: 'dhcpRelay.clearV6', interface: validate(InterfaceNameSchema, name, 'dhcpRelay.clearV6 interface') })
    },
  }

  /** LANZ (queue-length monitoring) changes. */
  readonly lanz = {
    /** Turns LANZ on or off, sets thresholds per port and returns ports to the default thresholds. */
    configure: (input: LanzConfigure): void => {
      const v = validate(LanzConfigureSchema, input, 'lanz.configure')
      this.intents.push({ kind: 'lanz.configure', ...defined({ enabled: v.enabled }), ...(v.defaultThresholds === undefined ? {} : { defaultThresholds: v.defaultThresholds }), thresholds: v.thresholds ?? [], clearThresholds: v.clearThresholds ?? [] })
    },
  }

  /** Layer-3 changes: addresses and VRF of SVIs (`interface VlanN`, created if absent), routed ports and loopbacks. */
  readonly l3 = {
    /**
     * Sets the VRF and/or replaces the IPv4 (primary and secondaries) or IPv6 addresses of a routed interface. An
     * Ethernet or port-channel must be routed (`interfaces.configure(name, { mode: 'routed' })`, possibly earlier in
     * the same transaction); /32 and /128 are for Loopback interfaces only.
     */
    configure: (name: string, input: L3Configure): void => {
      const iface = validate(InterfaceNameSchema, name, 'l3.configure name')
      const v = validate(L3ConfigureSchema, input, 'l3.configure')
      if (!iface.startsWith('Loopback')) {
        const host = [...(v.ipv4 ? [v.ipv4.primary, ...(v.ipv4.secondary ?? [])] : []), ...(v.ipv6 ?? [])].find((a) => a.endsWith(a.includes(':') ? '/128' : '/32'))
        if (host) throw validationOf('l3.configure', `${host}: a host prefix (/32, /128) is for Loopback interfaces only`)
      }
      const settings: L3Settings = {}
      if (v.vrf !== undefined) settings.vrf = v.vrf === 'default' ? null : v.vrf
      if (v.ipv4 !== undefined) settings.ipv4 = v.ipv4 === null ? null : { primary: v.ipv4.primary, secondary: v.ipv4.secondary ?? [] }
      if (v.ipv6 !== undefined) settings.ipv6 = v.ipv6 === null || v.ipv6.length === 0 ? null : v.ipv6
      this.intents.push({ kind: 'l3.configure', interface: iface, settings })
    },
  }

  /**
   * Raw configuration lines, for what the typed API lacks. They run inside the same configure session as the other
   * changes (diff, commit-confirm, all or nothing). Write them as `show running-config` prints them: a block's
   * lines indented under its header; switchyard closes every block itself. Refused before sending: control
   * characters, `|`, `?`, comments, and lines that would leave or end the session or run exec commands (`end`,
   * `exit`, `commit`, `abort`, `configure`, `rollback`, `do`, `copy`, `write`, `bash`, … and their abbreviations).
   */
  lines(lines: string[]): void {
    this.intents.push({ kind: 'raw.lines', lines: validateRawLines(lines, 'lines') })
  }

  /**
   * Replaces the whole configuration with `text` (as `show running-config` prints it; `!` comments and `end` are
   * ignored). On EOS the session starts from `rollback clean-config`, so the diff is the device's own; on MOS a
   * checkpoint protects it. It must be the only change of its transaction, and the text must hold everything the
   * device needs, its management access included.
   */
  replaceConfig(text: string): void {
    if (this.intents.length > 0) throw validationOf('replaceConfig', 'a replace must be the only change of its transaction')
    this.intents.push({ kind: 'config.replace', lines: configTextToLines(text, 'replaceConfig') })
  }

  /** 7130 L1 crosspoint changes. */
  readonly l1 = {
    /** Makes `output` transmit what `source` receives (`mac`: the port's own MAC); replaces its current source. */
    setSource: (output: string, source: string): void => this.#setSource(output, source, 'l1', false, 'l1.setSource'),
    /** Makes `output` transmit nothing. */
    clearSource: (output: string): void => {
      this.intents.push({ kind: 'l1.clearSource', output: validate(MosPortSchema, output, 'l1.clearSource output') })
    },
    /** A bidirectional patch: each port transmits what the other receives. */
    patch: (a: string, b: string): void => {
      this.#setSource(a, b, 'l1', false, 'l1.patch')
      this.#setSource(b, a, 'l1', false, 'l1.patch')
    },
  }

  /** 7130 taps: one port's received traffic copied to several outputs. */
  readonly taps = {
    /** Copies `source`'s received traffic to every output; an output already carrying another source is refused. */
    create: (input: TapCreate): void => {
      const v = validate(TapCreateSchema, input, 'taps.create')
      if (new Set(v.outputs).size !== v.outputs.length) throw validationOf('taps.create', 'an output is listed twice')
      for (const output of v.outputs) this.#setSource(output, v.source, 'taps', true, 'taps.create')
    },
    /** Stops copying `source` to the given outputs (all of them when none are given). */
    remove: (source: string, outputs?: string[]): void => {
      const s = validate(MosPortSchema, source, 'taps.remove source')
      const o = outputs === undefined ? undefined : validate(z.array(MosPortSchema).min(1), outputs, 'taps.remove outputs')
      this.intents.push({ kind: 'taps.remove', source: s, ...(o ? { outputs: o } : {}) })
    },
  }

  /** 7130 MetaWatch changes. */
  readonly metawatch = {
    /** Starts the MetaWatch application (`no shutdown`). */
    enable: (): void => {
      this.intents.push({ kind: 'metawatch.enabled', enabled: true })
    },
    /** Stops it (`shutdown`). */
    disable: (): void => {
      this.intents.push({ kind: 'metawatch.enabled', enabled: false })
    },
    /** Changes the timesource and/or timestamp clock; a running app is shut down around the change and restarted. */
    setTimesource: (input: TimesourceChange): void => {
      const v = validate(TimesourceChangeSchema, input, 'metawatch.setTimesource')
      this.intents.push({ kind: 'metawatch.timesource', ...defined({ timesource: v.timesource, tsClockSource: v.tsClockSource }) })
    },
    /** Feeds a core's inputs from the given ports (in order; its other inputs are cleared) and delivers its output. */
    aggregate: (input: Aggregate): void => {
      const v = validate(AggregateSchema, input, 'metawatch.aggregate')
      if (new Set(v.inputs).size !== v.inputs.length) throw validationOf('metawatch.aggregate', 'an input is listed twice')
      this.intents.push({ kind: 'metawatch.aggregate', core: v.core, inputs: v.inputs, deliverTo: v.deliverTo ?? [] })
    },
  }

  #setSource(output: string, source: string, api: L1Api, exclusive: boolean, what: string): void {
    const o = validate(MosPortSchema, output, `${what} output`)
    const src = validate(SourceSchema, source, `${what} source`)
    if (o === src) throw validationOf(what, `${o} cannot transmit its own received traffic`)
    this.intents.push({ kind: 'l1.setSource', output: o, source: src, api, exclusive })
  }
}

function validationOf(what: string, message: string): ValidationError {
  return new ValidationError(`invalid input to ${what}: ${message}`, [{ path: [], message }])
}

/** Drops keys whose value is undefined, so optional fields stay absent (exactOptionalPropertyTypes). */
export function defined<T extends Record<string, unknown>>(obj: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v
  return out as { [K in keyof T]?: Exclude<T[K], undefined> }
}
