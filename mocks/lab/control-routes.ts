import { z } from 'zod'
import type { MockLab } from '../mock-lab.js'
import type { MockSwitch, MockSwitchState } from '../mock-switch.js'
import { describeDevice } from './lab-description.js'
import type { CommandRejection } from '../cli/cli-host.js'
import { ControlError } from './control-error.js'
import { AdvanceClockSchema, CliBodySchema, FaultsPatchSchema, LinkBodySchema, LogQuerySchema, MosTrafficBodySchema, TrafficBodySchema } from './control-schemas.js'
import { MockSwitchStateSchema } from './device-state-schema.js'
import { devicePortName } from './resolve-topology.js'

/** What a route handler gets. */
export interface RouteRequest {
  params: string[]
  query: URLSearchParams
  /** The parsed JSON body (undefined when there was none). */
  body: unknown
}

/** One route of the control API. */
export interface Route {
  method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE'
  /** Matched against the path; groups become `params`. */
  pattern: RegExp
  handle(request: RouteRequest): unknown
}

/** The EOS message a rejected command answers unless one is given. */
export const DEFAULT_REJECT_MESSAGE = 'Unavailable command (not supported on this hardware platform)'

interface LabRejection {
  pattern: string
  ignoreCase: boolean
  message: string
  rejection: CommandRejection
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (!result.success) {
    throw new ControlError(400, 'invalid_body', 'the request does not match the schema', result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })))
  }
  return result.data
}


/**
 * The control API's routes over one lab: device list and details, faults, traffic, the simulated clock, state
 * snapshots, the command journal, console commands and link state. Paths and bodies are documented in
 * docs/control-api.md.
 */
export class LabControl {
  readonly #rejections = new Map<MockSwitch, LabRejection[]>()

  constructor(readonly lab: MockLab) {}

  /** Every route, in match order. */
  routes(): Route[] {
    const D = '/v1/devices/([A-Za-z][A-Za-z0-9-]*)'
    return [
      { method: 'GET', pattern: /^\/v1\/devices$/, handle: () => ({ devices: this.lab.devices.map((d) => this.#summary(d)) }) },
      { method: 'GET', pattern: new RegExp(`^${D}$`), handle: ({ params }) => this.#details(this.#device(params[0])) },
      { method: 'GET', pattern: new RegExp(`^${D}/faults$`), handle: ({ params }) => this.#faults(this.#device(params[0])) },
      { method: 'PATCH', pattern: new RegExp(`^${D}/faults$`), handle: ({ params, body }) => this.#patchFaults(this.#device(params[0]), parse(FaultsPatchSchema, body)) },
      { method: 'DELETE', pattern: new RegExp(`^${D}/faults$`), handle: ({ params }) => this.#resetFaults(this.#device(params[0])) },
      { method: 'GET', pattern: new RegExp(`^${D}/traffic$`), handle: ({ params }) => this.#traffic(this.#device(params[0])) },
      {
        method: 'PUT',
        pattern: new RegExp(`^${D}/traffic$`),
        handle: ({ params, body }) => {
          const device = this.#device(params[0])
          return device.platform === 'mos' ? this.#offerTraffic(params[0] as string, device, parse(MosTrafficBodySchema, body)) : this.#setTraffic(device, parse(TrafficBodySchema, body))
        },
      },
      {
        method: 'POST',
        pattern: /^\/v1\/clock\/advance$/,
        handle: ({ body }) => {
          const { seconds } = parse(AdvanceClockSchema, body)
          this.lab.advanceTime(seconds)
          return { devices: Object.fromEntries(this.lab.devices.map((d) => [d.identity.hostname, { elapsedSeconds: d.traffic.elapsedSeconds }])) }
        },
      },
      {
        method: 'POST',
        pattern: new RegExp(`^${D}/clock/advance$`),
        handle: ({ params, body }) => {
          const device = this.#device(params[0])
          device.advanceTime(parse(AdvanceClockSchema, body).seconds)
          return { elapsedSeconds: device.traffic.elapsedSeconds }
        },
      },
      { method: 'GET', pattern: new RegExp(`^${D}/state$`), handle: ({ params }) => this.#device(params[0]).snapshot() },
      {
        method: 'PUT',
        pattern: new RegExp(`^${D}/state$`),
        handle: ({ params, body }) => {
          const device = this.#device(params[0])
          this.#restore(device, parse(MockSwitchStateSchema, body) as unknown as MockSwitchState)
          return { revision: device.revision }
        },
      },
      { method: 'GET', pattern: /^\/v1\/state$/, handle: () => ({ devices: Object.fromEntries(this.lab.devices.map((d) => [d.identity.hostname, d.snapshot()])) }) },
      { method: 'PUT', pattern: /^\/v1\/state$/, handle: ({ body }) => this.#restoreAll(parse(z.strictObject({ devices: z.record(z.string(), MockSwitchStateSchema) }), body).devices as unknown as Record<string, MockSwitchState>) },
      {
        method: 'GET',
        pattern: new RegExp(`^${D}/log$`),
        handle: ({ params, query }) => {
          const device = this.#device(params[0])
          const q = parse(LogQuerySchema, Object.fromEntries(query))
          const lastSeq = device.journal.lastSeq
          // A cursor past the newest entry comes from an earlier run (numbering starts again at a restart): read from the start.
          const reset = q.after > lastSeq
          const after = reset ? 0 : q.after
          const entries = device.journal.entries(after, q.limit)
          const nextAfter = entries.at(-1)?.seq ?? Math.max(after, 0)
          return { entries, nextAfter, more: entries.length > 0 && nextAfter < lastSeq, lastSeq, ...(reset ? { reset: true } : {}) }
        },
      },
      {
        method: 'DELETE',
        pattern: new RegExp(`^${D}/log$`),
        handle: ({ params }) => {
          const device = this.#device(params[0])
          device.journal.clear()
          return { lastSeq: device.journal.lastSeq }
        },
      },
      {
        method: 'POST',
        pattern: new RegExp(`^${D}/cli$`),
        handle: ({ params, body }) => {
          const device = this.#device(params[0])
          const commands = parse(CliBodySchema, body).commands
          const outputs = device.cliOnce(Array.isArray(commands) ? commands : [commands])
          return { output: outputs.join(''), outputs }
        },
      },
      {
        method: 'PUT',
        pattern: new RegExp(`^${D}/links/([A-Za-z][A-Za-z0-9/-]*)$`),
        handle: ({ params, body }) => {
          const name = params[0] as string
          const device = this.#device(name)
          const port = this.#portName(name, device, params[1] as string)
          const { up } = parse(LinkBodySchema, body)
          return { device: name, port, up, ...this.lab.setLink(name, port, up) }
        },
      },
    ]
  }

  /** The port as the device names it: as given when it exists, else an abbreviation (`Et1`, `eth1`) of a front-panel port. */
  #portName(name: string, device: MockSwitch, written: string): string {
    if (device.running.interfaces[written] || device.running.mos?.ports[written]) return written
    const ports = device.platform === 'mos' ? Object.keys(device.running.mos?.ports ?? {}).length : Object.keys(device.running.interfaces).filter((p) => /^Ethernet\d+$/.test(p)).length
    const port = devicePortName({ platform: device.platform, ports } as Parameters<typeof devicePortName>[0], written)
    if (port === undefined || (!device.running.interfaces[port] && !device.running.mos?.ports[port])) throw new ControlError(422, 'rejected', `${name} has no port ${written}`)
    return port
  }

  #device(name: string | undefined): MockSwitch {
    const device = name === undefined ? undefined : this.lab.device(name)
    if (!device) throw new ControlError(404, 'device_not_found', `no device named ${name ?? ''} in this lab`)
    return device
  }

  #summary(device: MockSwitch) {
    const endpoints = this.lab.endpointsOf(device.identity.hostname)
    if (!endpoints) throw new ControlError(500, 'internal', `${device.identity.hostname} is not listening`)
    return describeDevice(this.lab, device, endpoints)
  }

  #details(device: MockSwitch) {
    const name = device.identity.hostname
    const neighbours = new Map(this.lab.neighbours(name).map((n) => [n.port, n]))
    const ports = device.platform === 'mos' ? Object.keys(device.running.mos?.ports ?? {}).filter((p) => p.startsWith('et')) : Object.keys(device.running.interfaces).filter((p) => /^Ethernet\d+$/.test(p))
    return {
      ...this.#summary(device),
      revision: device.revision,
      elapsedSeconds: device.traffic.elapsedSeconds,
      faults: this.#faults(device),
      links: ports.map((port) => {
        const n = neighbours.get(port)
        return { port, up: device.linkUp(port), neighbour: n ? { device: n.neighborDevice, port: n.neighborPort } : null }
      }),
    }
  }

  #faults(device: MockSwitch) {
    return {
      ...device.faults,
      rejectCommands: (this.#rejections.get(device) ?? []).map(({ pattern, ignoreCase, message }) => ({ pattern, ignoreCase, message })),
    }
  }

  #patchFaults(device: MockSwitch, patch: z.output<typeof FaultsPatchSchema>) {
    const { rejectCommands, ...knobs } = patch
    for (const [key, value] of Object.entries(knobs)) {
      if (value !== undefined) (device.faults as unknown as Record<string, unknown>)[key] = value
    }
    if (rejectCommands) {
      this.#clearRejections(device)
      this.#rejections.set(
        device,
        rejectCommands.map((r) => {
          const rejection: CommandRejection = { match: new RegExp(r.pattern, r.ignoreCase ? 'i' : ''), message: r.message ?? DEFAULT_REJECT_MESSAGE }
          device.rejections.push(rejection)
          return { pattern: r.pattern, ignoreCase: r.ignoreCase ?? false, message: rejection.message, rejection }
        }),
      )
    }
    return this.#faults(device)
  }

  #resetFaults(device: MockSwitch) {
    Object.assign(device.faults, { latencyMs: 0, dropConnections: false, rejectAuth: false, splitWrites: false, doubledEcho: false, forcePaging: false, maxSessions: 0 })
    this.#clearRejections(device)
    return this.#faults(device)
  }

  #clearRejections(device: MockSwitch): void {
    for (const { rejection } of this.#rejections.get(device) ?? []) {
      const i = device.rejections.indexOf(rejection)
      if (i >= 0) device.rejections.splice(i, 1)
    }
    this.#rejections.delete(device)
  }

  #trafficPorts(device: MockSwitch): string[] {
    return [...device.traffic.counters.keys()]
  }

  #traffic(device: MockSwitch) {
    if (device.mos) return { interfaces: Object.fromEntries(device.mos.traffic.offers()), elapsedSeconds: device.traffic.elapsedSeconds }
    const interfaces: Record<string, unknown> = {}
    for (const port of this.#trafficPorts(device)) {
      const profile = device.traffic.profile(port)
      if (profile) interfaces[port] = profile
    }
    return { interfaces, elapsedSeconds: device.traffic.elapsedSeconds }
  }

  /** 7130: the traffic each front port receives from the wire; every port is checked before any offer changes. */
  #offerTraffic(name: string, device: MockSwitch, body: z.output<typeof MosTrafficBodySchema>) {
    const offers = Object.entries(body.interfaces).map(([written, offer]) => {
      const port = this.#portName(name, device, written)
      if (!/^et\d+$/.test(port)) throw new ControlError(422, 'rejected', `${name}: traffic is offered on front ports (et1…), not on ${port}`)
      return [port, offer] as const
    })
    for (const [port, offer] of offers) device.offerTraffic(port, offer === null ? undefined : { gbps: offer.gbps, ...(offer.frameBytes === undefined ? {} : { frameBytes: offer.frameBytes }) })
    return this.#traffic(device)
  }

  #setTraffic(device: MockSwitch, body: z.output<typeof TrafficBodySchema>) {
    const known = new Set(this.#trafficPorts(device))
    const unknown = Object.keys(body.interfaces).filter((p) => !known.has(p))
    if (unknown.length > 0) throw new ControlError(422, 'rejected', `no such interface: ${unknown.join(', ')} (traffic runs on Ethernet and Management ports)`)
    for (const [port, profile] of Object.entries(body.interfaces)) {
      device.setTraffic(port, profile === null ? undefined : (Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)) as Parameters<MockSwitch['setTraffic']>[1]))
    }
    return this.#traffic(device)
  }

  /** Refuses (422, device unchanged) a snapshot that does not fit the device. */
  #check(device: MockSwitch, state: MockSwitchState): void {
    try {
      device.checkSnapshot(state)
    } catch (error) {
      throw new ControlError(422, 'rejected', `cannot restore this snapshot on ${device.identity.hostname}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  #restore(device: MockSwitch, state: MockSwitchState): void {
    this.#check(device, state)
    this.lab.restore({ [device.identity.hostname]: state })
  }

  /** Checks every snapshot before restoring any: one that does not fit leaves every device as it was. */
  #restoreAll(devices: Record<string, MockSwitchState>) {
    const targets = Object.keys(devices).map((name) => [this.#device(name), devices[name] as MockSwitchState] as const)
    for (const [device, state] of targets) this.#check(device, state)
    return { restored: this.lab.restore(Object.fromEntries(targets.map(([d, state]) => [d.identity.hostname, state]))) }
  }
}
