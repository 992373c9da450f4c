import { z } from 'zod'
import { DescriptionSchema, InterfaceNameSchema, Ipv4AddressSchema, LagIdSchema, VlanIdSchema, VlanNameSchema, VrfNameSchema } from '../model/primitives.js'
import { VlanStateSchema } from '../model/vlan.js'
import { LagModeSchema } from '../model/lag.js'
import { DhcpServerSchema, Dhcp6ServerSchema, Ipv6AddressSchema } from '../model/dhcp-relay.js'
import { Ipv4InterfaceAddressSchema, Ipv6InterfaceAddressSchema } from '../model/ip-interface.js'
import { MosPortSchema } from '../model/l1.js'
import { TimesourceSchema, TsClockSourceSchema } from '../model/metawatch.js'
import { LanzPortSchema, LanzThresholdPairSchema } from '../model/buffers.js'
import { parseVlanRanges } from '../vlan-ranges.js'

/**
 * How a section of a desired-state document is applied (Ansible's resource-module states):
 * - `merged` (default): listed items are created or changed in the fields given; nothing is removed;
 * - `replaced`: each listed item becomes exactly as given (fields not given return to their defaults); unlisted
 *   items are untouched;
 * - `overridden`: the section becomes exactly the list: unlisted VLANs, port-channels, SVIs and relays are removed,
 *   unlisted ports return to their defaults (protected interfaces excepted);
 * - `deleted`: listed items are removed or reset to defaults; every item when `config` is left out.
 */
export const SectionStateSchema = z.enum(['merged', 'replaced', 'overridden', 'deleted'])
/** How a section of a desired-state document is applied. */
export type SectionState = z.infer<typeof SectionStateSchema>

/** A VLAN of the `vlans` section (Ansible `eos_vlans`: `vlan_id`, `name`, `state`). */
export const DesiredVlanSchema = z.strictObject({
  id: VlanIdSchema.meta({ description: 'VLAN id, 1-4094' }),
  name: VlanNameSchema.optional().meta({ description: 'VLAN name; left out: the default name (VLAN0010)' }),
  state: VlanStateSchema.optional().meta({ description: 'active (default) or suspend' }),
})
/** A VLAN of the `vlans` section. */
export type DesiredVlan = z.output<typeof DesiredVlanSchema>

const AllowedVlansSchema = z
  .union([z.literal('all'), z.literal('none'), z.array(VlanIdSchema).min(1), z.string().regex(/^\d+(-\d+)?(,\d+(-\d+)?)*$/)])
  .refine(
    (v) => {
      if (typeof v !== 'string' || v === 'all' || v === 'none') return true
      try {
        parseVlanRanges(v)
        return true
      } catch {
        return false
      }
    },
    { error: 'VLAN ranges must lie in 1-4094, e.g. 10,20-30' },
  )
  .meta({ description: "VLANs a trunk carries: 'all', 'none', a list of ids or range text such as '10,20-30'" })

const Ipv4SettingSchema = z.union([
  Ipv4InterfaceAddressSchema,
  z.strictObject({ primary: Ipv4InterfaceAddressSchema, secondary: z.array(Ipv4InterfaceAddressSchema).max(64).optional() }),
])

/** An interface of the `interfaces` section: description, admin state, layer-2 mode and VLANs, layer-3 addresses and VRF. */
export const DesiredInterfaceSchema = z
  .strictObject({
    name: InterfaceNameSchema.meta({ description: 'Interface name, e.g. Ethernet1, Port-Channel10, Vlan20, Loopback0' }),
    description: DescriptionSchema.optional().meta({ description: "Description; '' removes it" }),
    enabled: z.boolean().optional().meta({ description: 'Administratively up (no shutdown); default true' }),
    mode: z.enum(['access', 'trunk', 'routed']).optional().meta({ description: 'Ethernet and Port-Channel: access (default), trunk, or routed (no switchport)' }),
    accessVlan: VlanIdSchema.optional(),
    nativeVlan: VlanIdSchema.optional(),
    allowedVlans: AllowedVlansSchema.optional().meta({ description: "Trunk VLANs: 'all', 'none', a list or ranges ('10,20-30'); merged adds a list to a trunk's VLANs, other states set exactly these" }),
    vrf: VrfNameSchema.optional().meta({ description: "VRF of a routed interface; 'default' by default" }),
    ipv4: Ipv4SettingSchema.nullable().optional().meta({ description: "Primary address ('10.0.20.1/24') or { primary, secondary }; null removes IPv4" }),
    ipv6: z.array(Ipv6InterfaceAddressSchema).max(64).optional(),
  })
  .superRefine((v, ctx) => {
    const l2 = v.accessVlan !== undefined || v.nativeVlan !== undefined || v.allowedVlans !== undefined
    const l3 = v.vrf !== undefined || (v.ipv4 !== undefined && v.ipv4 !== null) || (v.ipv6 !== undefined && v.ipv6.length > 0)
    const switchable = /^(Ethernet|Port-Channel)/.test(v.name)
    if (!switchable && (l2 || v.mode !== undefined)) ctx.addIssue({ code: 'custom', message: `${v.name} cannot be a switchport: no mode or VLANs`, path: [v.mode !== undefined ? 'mode' : 'accessVlan'] })
    if (v.mode === 'routed' && l2) ctx.addIssue({ code: 'custom', message: 'a routed port has no access, native or allowed VLANs', path: ['mode'] })
    if ((v.mode === 'access' || v.mode === 'trunk') && l3) ctx.addIssue({ code: 'custom', message: 'a switchport has no addresses or VRF (use mode: routed)', path: ['mode'] })
    if (l2 && l3) ctx.addIssue({ code: 'custom', message: 'VLAN settings and addresses exclude each other', path: [] })
  })
/** An interface of the `interfaces` section. */
export type DesiredInterface = z.output<typeof DesiredInterfaceSchema>

const LagMemberSchema = z.union([InterfaceNameSchema, z.strictObject({ interface: InterfaceNameSchema, mode: LagModeSchema })])

/** A port-channel of the `lags` section (Ansible `eos_lag_interfaces` plus min-links). */
export const DesiredLagSchema = z.strictObject({
  id: LagIdSchema.meta({ description: 'Port-channel number: 10 for Port-Channel10' }),
  members: z.array(LagMemberSchema).max(64).optional().meta({ description: 'Member ports, as names or { interface, mode }' }),
  mode: LagModeSchema.optional().meta({ description: 'LACP mode of the members given by name: active (default), passive or on' }),
  minLinks: z.number().int().min(0).max(32).optional().meta({ description: 'port-channel min-links; default 0' }),
})
/** A port-channel of the `lags` section. */
export type DesiredLag = z.output<typeof DesiredLagSchema>

const DhcpServerItemSchema = z.union([Ipv4AddressSchema, DhcpServerSchema])
const Dhcp6ServerItemSchema = z.union([Ipv6AddressSchema, Dhcp6ServerSchema])

/** DHCP relay of one routed interface: IPv4 helpers and DHCPv6 destinations. */
export const DesiredRelayInterfaceSchema = z.strictObject({
  name: InterfaceNameSchema,
  servers: z.array(DhcpServerItemSchema).max(16).optional().meta({ description: 'IPv4 servers (ip helper-address): addresses or { address, vrf?, sourceInterface? }' }),
  servers6: z.array(Dhcp6ServerItemSchema).max(16).optional().meta({ description: 'DHCPv6 servers (ipv6 dhcp relay destination): addresses or { address, vrf?, localInterface? }' }),
})
/** DHCP relay of one routed interface. */
export type DesiredRelayInterface = z.output<typeof DesiredRelayInterfaceSchema>

/** The `dhcpRelay` section's configuration: global servers and option 82, and relays per interface. */
export const DesiredDhcpRelaySchema = z.strictObject({
  option82: z.boolean().optional().meta({ description: 'Insert relay agent information (option 82); default false' }),
  servers: z.array(Ipv4AddressSchema).max(16).optional().meta({ description: 'Global default servers (dhcp relay / server)' }),
  interfaces: z.array(DesiredRelayInterfaceSchema).optional(),
})
/** The `dhcpRelay` section's configuration. */
export type DesiredDhcpRelay = z.output<typeof DesiredDhcpRelaySchema>

/** LANZ thresholds of one Ethernet port. */
export const DesiredLanzInterfaceSchema = z.strictObject({
  name: LanzPortSchema.meta({ description: 'Ethernet port, e.g. Ethernet1 (Et1 is read as Ethernet1)' }),
  thresholds: LanzThresholdPairSchema.optional().meta({
    description: 'queue-monitor length thresholds of the port; needed by merged; left out under replaced or overridden: the port uses the default thresholds',
  }),
})
/** LANZ thresholds of one Ethernet port. */
export type DesiredLanzInterface = z.output<typeof DesiredLanzInterfaceSchema>

/**
 * The `lanz` section's configuration (EOS switches with LANZ): LANZ on or off, the default thresholds of every
 * Ethernet port, and thresholds per port. Thresholds are in the platform's LANZ unit (bytes on Sand platforms such as
 * the 7280R, buffer segments on Strata platforms such as the 7050X).
 */
export const DesiredLanzSchema = z.strictObject({
  enabled: z.boolean().optional().meta({ description: 'LANZ runs (queue-monitor length); default false: under overridden, left out means off' }),
  defaultThresholds: LanzThresholdPairSchema.nullable().optional().meta({
    description: "Thresholds of ports without their own (queue-monitor length default thresholds); null: the platform's own",
  }),
  interfaces: z.array(DesiredLanzInterfaceSchema).max(1024).optional().meta({ description: 'Ethernet ports with their own thresholds' }),
})
/** The `lanz` section's configuration. */
export type DesiredLanz = z.output<typeof DesiredLanzSchema>

const SourceSchema = z.union([z.literal('mac'), MosPortSchema])

/** 7130: one output of the L1 crosspoint and the port whose received traffic it transmits (`mac`: its own MAC). */
export const DesiredL1Schema = z.strictObject({ output: MosPortSchema, source: SourceSchema })
/** 7130: one L1 output and its source. */
export type DesiredL1 = z.output<typeof DesiredL1Schema>

/** 7130: a tap, one port's received traffic copied to several outputs. */
export const DesiredTapSchema = z.strictObject({ source: MosPortSchema, outputs: z.array(MosPortSchema).min(1).max(64) })
/** 7130: a tap. */
export type DesiredTap = z.output<typeof DesiredTapSchema>

/** 7130: one MetaWatch aggregation core: the front-panel ports feeding its inputs, in order, and where its output goes. */
export const DesiredCoreSchema = z.strictObject({
  index: z.number().int().min(0).max(3),
  inputs: z.array(MosPortSchema).max(12).optional(),
  deliverTo: z.array(MosPortSchema).max(8).optional(),
})
/** 7130: one MetaWatch aggregation core. */
export type DesiredCore = z.output<typeof DesiredCoreSchema>

/** 7130: the `metawatch` section's configuration: app state, timesource and the aggregation cores. */
export const DesiredMetawatchSchema = z.strictObject({
  enabled: z.boolean().optional().meta({ description: 'The MetaWatch app runs (no shutdown); default false' }),
  timesource: TimesourceSchema.optional(),
  tsClockSource: TsClockSourceSchema.optional(),
  cores: z.array(DesiredCoreSchema).max(4).optional(),
})
/** 7130: the `metawatch` section's configuration. */
export type DesiredMetawatch = z.output<typeof DesiredMetawatchSchema>

function listSection<T extends z.ZodType>(item: T, what: string) {
  return z
    .strictObject({
      state: SectionStateSchema.default('merged').meta({ description: 'merged (default), replaced, overridden or deleted' }),
      config: z.array(item).optional().meta({ description: `The ${what}` }),
    })
    .superRefine((v, ctx) => {
      if ((v.state === 'merged' || v.state === 'replaced') && v.config === undefined) {
        ctx.addIssue({ code: 'custom', message: `state ${v.state} needs config (the ${what} to apply)`, path: ['config'] })
      }
    })
}

function objectSection<T extends z.ZodType>(item: T, what: string) {
  return z
    .strictObject({
      state: SectionStateSchema.default('merged').meta({ description: 'merged (default), replaced, overridden or deleted' }),
      config: item.optional().meta({ description: what }),
    })
    .superRefine((v, ctx) => {
      if ((v.state === 'merged' || v.state === 'replaced') && v.config === undefined) {
        ctx.addIssue({ code: 'custom', message: `state ${v.state} needs config`, path: ['config'] })
      }
    })
}

/**
 * The state one device should have, as one typed document (YAML or JSON), planned and applied whole in one
 * configure session. Every section is optional and has its own `state`; sections left out are not touched.
 * EOS switches have `vlans`, `interfaces`, `lags`, `dhcpRelay` and, where the platform has LANZ, `lanz`; a 7130 has
 * `l1`, `taps` and `metawatch`.
 *
 * @example
 * ```yaml
 * vlans:
 *   state: overridden
 *   config: [{ id: 10, name: users }, { id: 20, name: pxe }]
 * interfaces:
 *   state: merged
 *   config:
 *     - { name: Ethernet1, mode: access, accessVlan: 10 }
 *     - { name: Vlan20, ipv4: 10.0.20.1/24 }
 * dhcpRelay:
 *   config: { interfaces: [{ name: Vlan20, servers: [10.0.0.5] }] }
 * ```
 */
export const DesiredStateSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path or URL of this JSON Schema, for editors' }),
    platform: z.enum(['eos', 'mos']).optional().meta({ description: 'The platform the document is for; checked against the device when given' }),
    vlans: listSection(DesiredVlanSchema, 'VLANs').optional(),
    interfaces: listSection(DesiredInterfaceSchema, 'interfaces').optional(),
    lags: listSection(DesiredLagSchema, 'port-channels').optional(),
    dhcpRelay: objectSection(DesiredDhcpRelaySchema, 'Global DHCP relay settings and relays per interface').optional(),
    lanz: objectSection(DesiredLanzSchema, 'LANZ (queue-monitor length): on or off, default thresholds and thresholds per Ethernet port (EOS switches with LANZ)').optional(),
    l1: listSection(DesiredL1Schema, 'L1 outputs with their sources (7130)').optional(),
    taps: listSection(DesiredTapSchema, 'taps (7130)').optional(),
    metawatch: objectSection(DesiredMetawatchSchema, 'MetaWatch app settings and aggregation cores (7130)').optional(),
  })
  .meta({ title: 'switchyard desired state', description: 'The state one switch (EOS) or 7130 (MOS) should have: see switchyard sw.plan() / sw.apply()' })

/** A desired-state document as written (input form: defaults and name normalisation not applied yet). */
export type DesiredStateInput = z.input<typeof DesiredStateSchema>
/** A validated desired-state document: names canonical (`Et1` → `Ethernet1`), each section's `state` filled in. */
export type DesiredState = z.output<typeof DesiredStateSchema>

/** The sections of a desired-state document. */
export type SectionName = 'vlans' | 'interfaces' | 'lags' | 'dhcpRelay' | 'lanz' | 'l1' | 'taps' | 'metawatch'

/** Every section, in the order a plan reports them. */
export const SECTION_NAMES: readonly SectionName[] = ['vlans', 'interfaces', 'lags', 'dhcpRelay', 'lanz', 'l1', 'taps', 'metawatch']

/** The sections each platform has (`lanz` only on EOS switches whose platform has LANZ: not vEOS or cEOS). */
export const SECTIONS_OF: Readonly<Record<'eos' | 'mos', readonly SectionName[]>> = {
  eos: ['vlans', 'interfaces', 'lags', 'dhcpRelay', 'lanz'],
  mos: ['l1', 'taps', 'metawatch'],
}
