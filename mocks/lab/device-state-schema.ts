import { z } from 'zod'
import type { MockSwitchState } from '../mock-switch.js'

const IfName = z.string().regex(/^[A-Za-z][A-Za-z0-9/.-]{0,63}$/)
const Helper = z.strictObject({ address: z.string().max(64), vrf: z.string().max(64).optional(), sourceInterface: IfName.optional() })
const Helper6 = z.strictObject({ address: z.string().max(64), vrf: z.string().max(64).optional(), localInterface: IfName.optional() })
const Thresholds = z.strictObject({ high: z.int().nonnegative(), low: z.int().nonnegative() })

const InterfaceSchema = z.looseObject({
  description: z.string().max(512).optional(),
  shutdown: z.boolean(),
  switchport: z.boolean(),
  mode: z.enum(['access', 'trunk']),
  accessVlan: z.int().min(1).max(4094),
  nativeVlan: z.int().min(1).max(4094),
  allowedVlans: z.string().max(4096),
  channelGroup: z.strictObject({ id: z.int().min(1), mode: z.enum(['active', 'passive', 'on']) }).optional(),
  minLinks: z.int().nonnegative().optional(),
  ipAddress: z.string().max(64).optional(),
  helpers: z.array(Helper),
  secondaryAddresses: z.array(z.string().max(64)).optional(),
  ipv6Addresses: z.array(z.string().max(64)).optional(),
  vrf: z.string().max(64).optional(),
  helpers6: z.array(Helper6).optional(),
  queueMonitorThresholds: Thresholds.optional(),
})

const MosSchema = z.looseObject({
  ports: z.record(z.string().regex(/^(et|ma|ap)\d+$/), z.looseObject({ source: z.string().max(32).optional(), description: z.string().max(512).optional(), shutdown: z.boolean() })),
  metawatch: z.looseObject({ enabled: z.boolean(), timesource: z.string(), tsClockSource: z.string() }),
})

/**
 * A device's configuration as the mock holds it, checked before a restore puts it in place. Objects are loose (keys
 * added by newer mock versions pass through); the fields the mock reads are typed.
 */
export const DeviceConfigSchema = z.looseObject({
  hostname: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/),
  mos: MosSchema.optional(),
  vlans: z.record(z.string().regex(/^\d{1,4}$/), z.looseObject({ name: z.string().max(32).optional(), state: z.enum(['active', 'suspend']) })),
  interfaces: z.record(IfName, InterfaceSchema),
  dhcpRelay: z.looseObject({ servers: z.array(z.string().max(64)), option82: z.boolean() }),
  queueMonitor: z.looseObject({ enabled: z.boolean(), defaultThresholds: Thresholds.optional() }).optional(),
})

/** A {@link MockSwitchState} (a snapshot, or one device of a state file). */
export const MockSwitchStateSchema = z.strictObject({
  version: z.literal(1),
  hostname: z.string().min(1).max(64),
  profile: z.string().min(1).max(32).optional(),
  running: DeviceConfigSchema,
  startup: DeviceConfigSchema.optional(),
  linksDown: z.array(IfName),
})

/** Checks a state read from JSON and returns it typed. */
export function parseDeviceState(value: unknown): MockSwitchState {
  return MockSwitchStateSchema.parse(value) as unknown as MockSwitchState
}
