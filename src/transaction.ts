import { validate } from './validate.js'
import { ValidationError } from './errors.js'
import type { Intent } from './intents.js'
import { InterfaceNameSchema, LagIdSchema, VlanIdSchema } from './model/primitives.js'
import { VlanCreateSchema, VlanUpdateSchema, type VlanCreate, type VlanUpdate } from './model/vlan.js'
import { InterfaceConfigureSchema, type InterfaceConfigure } from './model/interface.js'
import { LagCreateSchema, LagModeSchema, LagUpdateSchema, type LagCreate, type LagMode, type LagUpdate } from './model/lag.js'
import { DhcpRelayGlobalSchema, DhcpServerListSchema, type DhcpRelayGlobal, type DhcpServerInput } from './model/dhcp-relay.js'
import type { InterfaceSettings } from './changes.js'

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
