import fc from 'fast-check'
import type { DesiredStateInput, SectionState } from '../../src/index.js'

/**
 * Random valid desired-state documents for an 8-port EOS mock: VLANs from a small pool, Ethernet1-6 as access,
 * trunk or routed ports, SVIs with addresses and DHCP relays, port-channels over Ethernet7-8, and (on request) LANZ. Subnets never
 * overlap (each interface has its own /24), access VLANs always exist, relays sit on SVIs with an address: the
 * documents are valid for any starting state the same generator produces.
 */
const VLAN_POOL = [2, 3, 10, 20, 30, 100, 4094]
const NAMES = ['users', 'pxe', 'voice', 'mgmt-x']
const STATES: SectionState[] = ['merged', 'replaced', 'overridden', 'deleted']

function section<T>(state: SectionState, config: T[]): { state: SectionState; config?: T[] } {
  return state === 'deleted' && config.length === 0 ? { state } : { state, config }
}

const PAIRS = [
  { high: 20_000, low: 10_000 },
  { high: 500, low: 500 },
  { high: 2_000_000, low: 1_000_000 },
]

/** A random `lanz` section over Ethernet1-8 (or none): valid for any state, as every listed port exists. */
function lanzSection(state: fc.Arbitrary<SectionState>): fc.Arbitrary<DesiredStateInput['lanz']> {
  return fc
    .record({
      include: fc.boolean(),
      state,
      enabled: fc.option(fc.boolean(), { nil: undefined }),
      defaults: fc.constantFrom(undefined, null, ...PAIRS),
      ports: fc.uniqueArray(fc.record({ port: fc.integer({ min: 1, max: 8 }), pair: fc.option(fc.constantFrom(...PAIRS), { nil: undefined }) }), { selector: (p) => p.port, maxLength: 4 }),
    })
    .map((r) => {
      if (!r.include) return undefined
      const interfaces = r.ports.map((p) => {
        const name = `Ethernet${p.port}`
        if (r.state === 'deleted') return { name }
        const thresholds = r.state === 'merged' ? (p.pair ?? (PAIRS[0] as (typeof PAIRS)[number])) : p.pair
        return thresholds ? { name, thresholds } : { name }
      })
      const config = {
        ...(r.enabled === undefined ? {} : { enabled: r.enabled }),
        ...(r.defaults === undefined ? {} : { defaultThresholds: r.defaults }),
        ...(interfaces.length > 0 ? { interfaces } : {}),
      }
      return r.state === 'deleted' && Object.keys(config).length === 0 ? { state: r.state } : { state: r.state, config }
    })
}

/**
 * A random document; with `allOverridden`, every section is `overridden` (property 2); with `lanz`, sometimes a
 * `lanz` section too (for a mock whose platform has LANZ; without it the documents are as before).
 */
export function desiredDocument(options: { allOverridden?: boolean; lanz?: boolean } = {}): fc.Arbitrary<DesiredStateInput> {
  const state = options.allOverridden ? fc.constant<SectionState>('overridden') : fc.constantFrom(...STATES)
  const base = documentWithoutLanz(state)
  if (!options.lanz) return base
  return fc.tuple(base, lanzSection(state)).map(([doc, lanz]) => (lanz ? { ...doc, lanz } : doc))
}

function documentWithoutLanz(state: fc.Arbitrary<SectionState>): fc.Arbitrary<DesiredStateInput> {
  return fc
    .record({
      vlanState: state,
      vlans: fc.uniqueArray(fc.record({ id: fc.constantFrom(...VLAN_POOL), name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }), suspend: fc.boolean() }), { selector: (v) => v.id, maxLength: 5 }),
      ifState: state,
      ports: fc.uniqueArray(
        fc.record({
          port: fc.integer({ min: 1, max: 6 }),
          kind: fc.constantFrom('access', 'trunk', 'routed', 'plain'),
          description: fc.option(fc.constantFrom('host a', 'uplink', 'rack-4'), { nil: undefined }),
          enabled: fc.option(fc.boolean(), { nil: undefined }),
          pick: fc.nat(10),
          vrf: fc.constantFrom(undefined, 'blue'),
        }),
        { selector: (p) => p.port, maxLength: 5 },
      ),
      svis: fc.uniqueArray(fc.nat(10), { maxLength: 3 }),
      lagState: state,
      lags: fc.subarray([1, 2]),
      lagSplit: fc.boolean(),
      lagMode: fc.constantFrom('active', 'passive', 'on'),
      minLinks: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      relayState: state,
      relay: fc.boolean(),
      option82: fc.option(fc.boolean(), { nil: undefined }),
      globalServers: fc.subarray(['10.9.9.1', '10.9.9.2']),
      relayV6: fc.boolean(),
      sections: fc.record({ vlans: fc.boolean(), interfaces: fc.boolean(), lags: fc.boolean(), dhcpRelay: fc.boolean() }),
    })
    .map((r) => {
      const doc: DesiredStateInput = { platform: 'eos' }
      const ids = r.vlanState === 'deleted' ? [] : r.vlans.map((v) => v.id)
      const vlanIds = r.sections.vlans ? ids : []
      if (r.sections.vlans) {
        doc.vlans = section(
          r.vlanState,
          r.vlans.map((v) => (r.vlanState === 'deleted' ? { id: v.id } : { id: v.id, ...(v.name ? { name: v.name } : {}), ...(v.suspend ? { state: 'suspend' as const } : {}) })),
        )
      }
      const pickVlan = (n: number) => (vlanIds.length === 0 ? 1 : (vlanIds[n % vlanIds.length] as number))
      const svis = r.sections.vlans && r.sections.interfaces && r.ifState !== 'deleted' ? [...new Set(r.svis.map((n) => pickVlan(n)))].filter((id) => id !== 1) : []
      if (r.sections.interfaces) {
        const items: NonNullable<NonNullable<DesiredStateInput['interfaces']>['config']> = []
        for (const p of r.ports) {
          const name = `Ethernet${p.port}`
          if (r.ifState === 'deleted') {
            items.push({ name })
            continue
          }
          const common = { name, ...(p.description ? { description: p.description } : {}), ...(p.enabled === undefined ? {} : { enabled: p.enabled }) }
          if (p.kind === 'access') items.push({ ...common, mode: 'access', accessVlan: pickVlan(p.pick) })
          else if (p.kind === 'trunk') items.push({ ...common, mode: 'trunk', nativeVlan: pickVlan(p.pick), allowedVlans: vlanIds.length === 0 ? 'none' : vlanIds.slice(0, 1 + (p.pick % vlanIds.length)) })
          else if (p.kind === 'routed') items.push({ ...common, mode: 'routed', ipv4: `10.1.${p.port}.1/24`, ...(p.vrf ? { vrf: p.vrf } : {}) })
          else items.push({ ...common, mode: 'access' })
        }
        svis.forEach((id, i) => items.push({ name: `Vlan${id}`, ipv4: `10.2.${id % 250}.1/24`, ...(i === 0 && r.relayV6 ? { ipv6: [`2001:db8:${id}::1/64`] } : {}) }))
        doc.interfaces = section(r.ifState, items)
      }
      if (r.sections.lags) {
        const lags = r.lags.map((id, i) => ({
          id,
          ...(r.lagState === 'deleted' ? {} : { members: r.lagSplit ? [`Ethernet${7 + i}`] : i === 0 ? ['Ethernet7', 'Ethernet8'] : [], mode: r.lagMode as 'active' | 'passive' | 'on' }),
          ...(r.lagState !== 'deleted' && r.minLinks !== undefined ? { minLinks: r.minLinks } : {}),
        }))
        doc.lags = section(r.lagState, lags.filter((l) => r.lagState === 'deleted' || (l.members ?? []).length > 0))
      }
      if (r.sections.dhcpRelay) {
        const interfaces = r.relay && r.relayState !== 'deleted' ? svis.map((id, i) => ({ name: `Vlan${id}`, servers: ['10.0.0.5'], ...(i === 0 && r.relayV6 ? { servers6: ['2001:db8::5'] } : {}) })) : []
        const config = {
          ...(r.option82 === undefined ? {} : { option82: r.option82 }),
          ...(r.globalServers.length > 0 ? { servers: r.globalServers } : {}),
          ...(interfaces.length > 0 ? { interfaces } : {}),
        }
        doc.dhcpRelay = r.relayState === 'deleted' && Object.keys(config).length === 0 ? { state: 'deleted' } : { state: r.relayState, config }
      }
      return doc
    })
}
