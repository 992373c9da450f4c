import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { SwitchyardError } from '../../src/errors.js'
import {
  isUnsupportedPlatformError,
  parseCountersFromShowInterfaces,
  parseDhcpRelay,
  parseDiscards,
  parseEgressQueueDrops,
  parseFacts,
  parseInterfaceCounters,
  parseInterfaces,
  parseLags,
  parseOutput,
  parseRunningConfigTree,
  parseVlans,
  parseVoqDrops,
  toBigInt,
} from '../../drivers/eos/index.js'
import {
  isMosVersion,
  mosCount,
  mosUptimeSeconds,
  parseCoreCounters,
  parseMetawatch,
  parseMosApplications,
  parseMosCounters,
  parseMosFacts,
  parseMosPorts,
  parseSyncStatus,
} from '../../drivers/mos/index.js'
import { parseJsonKeepingBigInts } from '../../drivers/eapi/index.js'
import { MockSwitch } from '../../mocks/index.js'
import { derivedFrom, textFrom, type JsonLike } from '../support/json-mutations.js'

/**
 * Every exported parser of drivers/eos and drivers/mos, and parseJsonKeepingBigInts, fed random JSON, truncated and
 * mutated real outputs: each returns a value or throws a switchyard error, never a TypeError or a RangeError.
 * Seeded (SWITCHYARD_PARSER_SEED replays another run); fast-check prints the seed and path of a failure.
 */
const SEED = Number(process.env.SWITCHYARD_PARSER_SEED ?? 20_250_808)
const RUNS = 1500

function recorded(path: string): JsonLike {
  return parseJsonKeepingBigInts(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as JsonLike
}

const eos = new MockSwitch({ hostname: 'seed1', ports: 6, profile: '7280r' })
eos.cli(['configure', 'vlan 10', 'interface Ethernet1', 'channel-group 5 mode active', 'interface Ethernet2', 'channel-group 5 mode active', 'interface Port-Channel5', 'port-channel min-links 1', 'interface Vlan10', 'ip helper-address 10.0.0.5 vrf mgmt source-interface Loopback0', 'dhcp relay', 'server 10.0.0.9', 'end'])
const egress = new MockSwitch({ hostname: 'seed2', ports: 4, profile: '7050x' })
const mos = new MockSwitch({ hostname: 'seed3', platform: 'mos' })
mos.cli(['configure', 'interface et2', 'source et1', 'end'])

/** The mock's JSON answer to a command, as a device would send it. */
function mockJson(device: MockSwitch, command: string): JsonLike {
  return parseJsonKeepingBigInts(device.cli(`${command} | json`)) as JsonLike
}

const SEEDS = {
  version: [recorded('eos/show_version.json'), mockJson(eos, 'show version')],
  hostname: [recorded('eos/show_hostname.json'), mockJson(eos, 'show hostname')],
  vlans: [recorded('eos/show_vlan.json'), mockJson(eos, 'show vlan')],
  interfaces: [recorded('eos/show_interfaces.json'), mockJson(eos, 'show interfaces')],
  switchport: [mockJson(eos, 'show interfaces switchport')],
  portChannel: [mockJson(eos, 'show port-channel detailed')],
  runningConfig: [mockJson(eos, 'show running-config')],
  counters: [mockJson(eos, 'show interfaces counters')],
  counterErrors: [mockJson(eos, 'show interfaces counters errors')],
  discards: [mockJson(eos, 'show interfaces counters discards')],
  voqDrops: [mockJson(eos, 'show interfaces counters queue drops')],
  queueDetail: [mockJson(egress, 'show interfaces counters queue detail')],
  dhcpRelay: [mockJson(eos, 'show ip dhcp relay')],
  mosVersion: [recorded('mos/show_version.json'), mockJson(mos, 'show version')],
  mosStatus: [recorded('mos/show_interfaces_status.json'), mockJson(mos, 'show interfaces status')],
  mosCounters: [recorded('mos/show_interfaces_counters.json'), mockJson(mos, 'show interfaces counters')],
  mosErrors: [recorded('mos/show_interfaces_counters_errors.json'), mockJson(mos, 'show interfaces counters errors')],
  mosConfig: [mockJson(mos, 'show running-config')],
  mosCores: [mockJson(mos, 'show metawatch aggregation counters')],
}

const TEXT_SEEDS = {
  sync: [mos.cli('show metawatch status'), 'metawatch in shutdown state\n'],
  applications: ['metamux-0.14.7, metawatch-0.5.2', 'metawatch-3.2.0'],
  uptime: ['8:49:16.860000', '2 days, 8:49:16.86'],
  eosErrors: ["Invalid input (at token 3: 'drops')", 'Unavailable command (not supported on this hardware platform)'],
  json: Object.values(SEEDS).flat().map((v) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x))),
}

/** Input for a parameter typed `unknown`: derived from its real outputs. */
const from = (seeds: readonly JsonLike[]) => derivedFrom(seeds)
/** Input for a parameter typed `string` that a channel fills from a device: mostly text, sometimes not a string. */
const text = (seeds: readonly string[]) => fc.oneof({ weight: 4, arbitrary: textFrom(seeds) }, { weight: 1, arbitrary: fc.jsonValue() })

interface ParserCase {
  name: string
  inputs: fc.Arbitrary<unknown[]>
  run: (...args: never[]) => unknown
}

function parserCase<A extends unknown[]>(name: string, inputs: { [K in keyof A]: fc.Arbitrary<A[K]> }, run: (...args: A) => unknown): ParserCase {
  return { name, inputs: fc.tuple(...(inputs as fc.Arbitrary<unknown>[])) as fc.Arbitrary<unknown[]>, run: run as (...args: never[]) => unknown }
}

const RecursiveSchema: z.ZodType<{ cmds: Record<string, unknown> }> = z.lazy(() => z.object({ cmds: z.record(z.string(), z.union([z.null(), RecursiveSchema])) }))

const CASES: ParserCase[] = [
  parserCase('parseFacts', [from(SEEDS.version), from(SEEDS.hostname)], (v, h) => parseFacts(v, h)),
  parseCase1('parseVlans', SEEDS.vlans, parseVlans),
  parserCase('parseInterfaces', [from(SEEDS.interfaces), fc.option(from(SEEDS.switchport), { nil: undefined })], (i, s) => parseInterfaces(i, s)),
  parserCase('parseLags (with parseRunningConfigTree)', [from(SEEDS.portChannel), from(SEEDS.runningConfig)], (p, c) => parseLags(p, parseRunningConfigTree(c))),
  parserCase('parseDhcpRelay (with parseRunningConfigTree)', [from(SEEDS.dhcpRelay), from(SEEDS.runningConfig)], (d, c) => parseDhcpRelay(d, parseRunningConfigTree(c))),
  parseCase1('parseRunningConfigTree', SEEDS.runningConfig, parseRunningConfigTree),
  parserCase('parseInterfaceCounters', [from(SEEDS.counters), from(SEEDS.counterErrors)], (c, e) => parseInterfaceCounters(c, e)),
  parseCase1('parseCountersFromShowInterfaces', SEEDS.interfaces, parseCountersFromShowInterfaces),
  parseCase1('parseDiscards', SEEDS.discards, parseDiscards),
  parseCase1('parseVoqDrops', SEEDS.voqDrops, parseVoqDrops),
  parseCase1('parseEgressQueueDrops', SEEDS.queueDetail, parseEgressQueueDrops),
  parserCase('isUnsupportedPlatformError', [text(TEXT_SEEDS.eosErrors)], (m) => isUnsupportedPlatformError(m as string)),
  parserCase('parseOutput (recursive schema)', [from(SEEDS.runningConfig)], (o) => parseOutput(RecursiveSchema, o, 'show running-config')),
  parserCase('toBigInt', [fc.oneof(fc.double(), fc.bigInt(), fc.constant(undefined))], (n) => toBigInt(n)),
  parseCase1('isMosVersion', [...SEEDS.mosVersion, ...SEEDS.version], isMosVersion),
  parserCase('parseMosFacts', [from(SEEDS.mosVersion), fc.option(from(SEEDS.hostname), { nil: undefined })], (v, h) => parseMosFacts(v, h)),
  parserCase('parseMosApplications', [text(TEXT_SEEDS.applications)], (t) => parseMosApplications(t as string)),
  parseCase1('parseMosPorts', SEEDS.mosStatus, parseMosPorts),
  parserCase('parseMosCounters', [from(SEEDS.mosCounters), from(SEEDS.mosErrors)], (c, e) => parseMosCounters(c, e)),
  parseCase1('parseCoreCounters', SEEDS.mosCores, parseCoreCounters),
  parserCase('parseMetawatch (with parseMosPorts)', [from(SEEDS.mosConfig), from(SEEDS.mosStatus)], (c, s) => parseMetawatch(c, parseMosPorts(s))),
  parserCase('parseSyncStatus', [text(TEXT_SEEDS.sync)], (t) => parseSyncStatus(t as string)),
  parserCase('mosCount', [from(SEEDS.mosCounters)], (v) => mosCount(v, 'show interfaces counters', 'et1.rxoctets')),
  parserCase('mosUptimeSeconds', [text(TEXT_SEEDS.uptime)], (t) => mosUptimeSeconds(t as string)),
  parserCase('parseJsonKeepingBigInts', [text(TEXT_SEEDS.json)], (t) => parseJsonKeepingBigInts(t as string)),
]

function parseCase1(name: string, seeds: readonly JsonLike[], parse: (value: unknown) => unknown): ParserCase {
  return parserCase(name, [from(seeds)], (v) => parse(v))
}

describe('the SDK parsers never throw untyped on random, truncated or mutated device output', () => {
  it('the seeds themselves parse (the property starts from real, valid outputs)', () => {
    expect(parseFacts(SEEDS.version[0], SEEDS.hostname[0]).model).toBe('vEOS')
    expect(parseLags(SEEDS.portChannel[0], parseRunningConfigTree(SEEDS.runningConfig[0])).map((l) => l.id)).toEqual([5])
    expect(parseDhcpRelay(SEEDS.dhcpRelay[0], parseRunningConfigTree(SEEDS.runningConfig[0])).globalServers).toEqual(['10.0.0.9'])
    expect(parseVoqDrops(SEEDS.voqDrops[0]).length).toBeGreaterThan(0)
    expect(parseEgressQueueDrops(SEEDS.queueDetail[0]).length).toBeGreaterThan(0)
    expect(parseMetawatch(SEEDS.mosConfig[0], parseMosPorts(SEEDS.mosStatus[1])).cores.length).toBeGreaterThan(0)
    expect(parseSyncStatus(TEXT_SEEDS.sync[0] as string).syncStatus).not.toBe('')
    expect(parseMosCounters(SEEDS.mosCounters[0], SEEDS.mosErrors[0]).length).toBeGreaterThan(0)
  })

  it.each(CASES.map((c) => [c.name, c] as const))('%s: returns a value or throws a switchyard error', (_name, c) => {
    let typedErrors = 0
    fc.assert(
      fc.property(c.inputs, (args) => {
        try {
          c.run(...(args as never[]))
        } catch (error) {
          if (!SwitchyardError.isSwitchyardError(error)) {
            throw new Error(`untyped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message} (replay with SWITCHYARD_PARSER_SEED=${SEED})`)
          }
          typedErrors++
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    )
    expect(typedErrors).toBeLessThan(RUNS)
  })
})
