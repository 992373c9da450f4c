import { MockSwitch, type MockEndpoints, type MockSwitchOptions, type MockSwitchState } from './mock-switch.js'
import type { MockDeviceKeys } from './device-keys.js'
import type { LabDeviceSpec, LabSpec } from './lab/lab-spec.js'
import type { Topology } from './lab/topology-schema.js'
import { resolveTopology } from './lab/resolve-topology.js'
import { readTopologyFile } from './lab/topology-file.js'
import { applyNeighbours, neighboursFromLinks, type LabNeighbour } from './lab/lab-neighbours.js'
import { connectWires } from './lab/lab-wires.js'

/** Options of a lab built from a topology. */
export interface MockLabOptions {
  /** Where `{ env: NAME }` secrets are read (default `process.env`). */
  env?: NodeJS.ProcessEnv
  /** One HTTPS certificate and one set of SSH host keys for every device (faster for big labs; see {@link MockSwitchOptions.sharedKeys}). */
  sharedKeys?: boolean
  /** @deprecated The same as {@link sharedKeys}. */
  sharedCertificate?: boolean
  /** Keys of devices by hostname (e.g. from a lab's state file), used instead of new ones; see {@link MockSwitchOptions.keys}. */
  keys?: Readonly<Record<string, MockDeviceKeys>>
}

/**
 * Many mock switches in one process: `sw1`…`swN` for fleet tests and benchmarks ({@link start}), or a lab described
 * by a topology (devices, their faces' ports, credentials, and the cables between ports, which set link state and
 * LLDP neighbours and carry traffic: what one end sends, the other receives): {@link MockLab.fromFile},
 * {@link MockLab.fromTopology}.
 *
 * @example
 * ```ts
 * const lab = await MockLab.fromFile('lab.yaml')
 * const leaf1 = lab.device('leaf1')
 * await lab.close()
 * ```
 */
export class MockLab {
  readonly devices: MockSwitch[] = []
  readonly endpoints: MockEndpoints[] = []
  /** The resolved topology, for a lab built from one; `sw1`…`swN` labs get a spec without links. */
  readonly spec: LabSpec = { devices: [], links: [] }
  #neighbours = new Map<string, LabNeighbour[]>()
  readonly #keys: Readonly<Record<string, MockDeviceKeys>>

  /** An empty lab; `keys` (by hostname) are given to the devices {@link start} creates. */
  constructor(options: Pick<MockLabOptions, 'keys'> = {}) {
    this.#keys = options.keys ?? {}
  }

  /** Reads a topology file (YAML) and starts its lab; a bad file throws a `TopologyError` with line and column. */
  static async fromFile(path: string, options: MockLabOptions = {}): Promise<MockLab> {
    return new MockLab(options).#startSpec(await readTopologyFile(path, options.env), options)
  }

  /** Starts the lab a topology object describes (the same shape as the file, see `schema/lab-topology.json`). */
  static async fromTopology(topology: Topology, options: MockLabOptions = {}): Promise<MockLab> {
    return new MockLab(options).#startSpec(resolveTopology(topology, options.env), options)
  }

  /** Starts the lab of an already resolved topology. */
  static async fromSpec(spec: LabSpec, options: MockLabOptions = {}): Promise<MockLab> {
    return new MockLab(options).#startSpec(spec, options)
  }

  /** Creates and starts `count` devices (hostnames `sw1`…), `options` applying to all. */
  async start(count: number, options: Omit<MockSwitchOptions, 'hostname'> = {}): Promise<this> {
    const created = Array.from({ length: count }, (_, i) => {
      const hostname = `sw${this.devices.length + i + 1}`
      const keys = this.#keys[hostname]
      return new MockSwitch({ ...options, hostname, ...(keys ? { keys } : {}) })
    })
    await this.#listenAll(created.map((device) => ({ device })))
    for (const d of created) {
      this.spec.devices.push({
        hostname: d.identity.hostname,
        platform: d.platform,
        ...(d.platform === 'eos' ? { profile: d.profile.id as NonNullable<LabDeviceSpec['profile']> } : {}),
        ports: options.ports ?? 48,
        username: options.username ?? 'admin',
        password: { value: options.password ?? 'admin' },
        ...(options.enablePassword === undefined ? {} : { enablePassword: { value: options.enablePassword } }),
        listen: {},
        unlinkedPorts: 'up',
      })
    }
    return this
  }

  /** The device with this hostname. */
  device(hostname: string): MockSwitch | undefined {
    return this.devices.find((d) => d.identity.hostname === hostname)
  }

  /** The endpoints of the device with this hostname. */
  endpointsOf(hostname: string): MockEndpoints | undefined {
    const i = this.devices.findIndex((d) => d.identity.hostname === hostname)
    return i < 0 ? undefined : this.endpoints[i]
  }

  /** The device's neighbours over the topology's links (what LLDP reports), ports in order. */
  neighbours(hostname: string): LabNeighbour[] {
    return (this.#neighbours.get(hostname) ?? []).map((n) => ({ ...n }))
  }

  /** Plugs or unplugs a port; when a link of the topology ends there, the port at its other end follows. */
  setLink(hostname: string, port: string, up: boolean): { peer?: { device: string; port: string } } {
    const device = this.device(hostname)
    if (!device) throw new Error(`no such device: ${hostname}`)
    device.setLink(port, up)
    const neighbour = this.#neighbours.get(hostname)?.find((n) => n.port === port)
    if (!neighbour) return {}
    this.device(neighbour.neighborDevice)?.setLink(neighbour.neighborPort, up)
    return { peer: { device: neighbour.neighborDevice, port: neighbour.neighborPort } }
  }

  /**
   * Advances every device's clock by `seconds`. Over a link, each end receives what the other sends for the same
   * seconds, so a port's out counters and its peer's in counters grow alike (see {@link MockSwitch.transmitOver}).
   */
  advanceTime(seconds: number): void {
    for (const device of this.devices) device.advanceTime(seconds)
  }

  /**
   * Restores devices from snapshots (by hostname), then puts the lab's link rules back: a link of the topology is
   * down at both ends when a restored end has it in `linksDown` and up at both ends otherwise, and a device whose
   * topology says `unlinkedPorts: down` has its unlinked ports down whatever the snapshot says. Every snapshot is
   * checked first ({@link MockSwitch.checkSnapshot}): one that does not fit throws and no device is changed.
   */
  restore(states: Readonly<Record<string, MockSwitchState>>): string[] {
    const targets = Object.entries(states).map(([hostname, state]) => {
      const device = this.device(hostname)
      if (!device) throw new Error(`no such device: ${hostname}`)
      device.checkSnapshot(state)
      return [device, state] as const
    })
    for (const [device, state] of targets) device.restore(state)
    for (const [a, b] of this.spec.links) {
      const restoredEnds = [a, b].filter((end) => states[end.device] !== undefined)
      if (restoredEnds.length === 0) continue
      const up = restoredEnds.every((end) => !states[end.device]?.linksDown.includes(end.port))
      for (const end of [a, b]) this.device(end.device)?.setLink(end.port, up)
    }
    for (const [device] of targets) this.#applyUnlinkedRule(device)
    return targets.map(([d]) => d.identity.hostname)
  }

  /** Stops every device. */
  async close(): Promise<void> {
    await Promise.all(this.devices.map((d) => d.close()))
  }

  async #startSpec(spec: LabSpec, options: MockLabOptions): Promise<this> {
    const created = spec.devices.map((d) => ({
      device: new MockSwitch({
        hostname: d.hostname,
        platform: d.platform,
        ...(d.profile ? { profile: d.profile } : {}),
        ports: d.ports,
        username: d.username,
        password: d.password.value,
        ...(d.enablePassword ? { enablePassword: d.enablePassword.value } : {}),
        ...(options.sharedKeys || options.sharedCertificate ? { sharedKeys: true } : {}),
        ...(this.#keys[d.hostname] ? { keys: this.#keys[d.hostname] } : {}),
      }),
      spec: d,
    }))
    this.spec.devices.push(...spec.devices)
    this.spec.links.push(...spec.links)
    this.#neighbours = neighboursFromLinks(this.spec)
    const byName = new Map(created.map(({ device }) => [device.identity.hostname, device]))
    for (const { device, spec: d } of created) {
      this.#applyUnlinkedRule(device, d)
      applyNeighbours(device, this.#neighbours.get(d.hostname) ?? [])
      device.onChange(() => this.#followAdminState(device, byName))
    }
    for (const { device } of created) this.#followAdminState(device, byName)
    connectWires(byName, spec.links)
    await this.#listenAll(created.map(({ device, spec: d }) => ({ device, ports: d.listen })))
    return this
  }

  /** `unlinkedPorts: down`: the device's front-panel ports that no link of the topology ends at are down. */
  #applyUnlinkedRule(device: MockSwitch, spec = this.spec.devices.find((d) => d.hostname === device.identity.hostname)): void {
    if (spec?.unlinkedPorts !== 'down') return
    const linked = new Set((this.#neighbours.get(spec.hostname) ?? []).map((n) => n.port))
    const portName = (i: number) => (spec.platform === 'mos' ? `et${i}` : `Ethernet${i}`)
    for (let i = 1; i <= spec.ports; i++) if (!linked.has(portName(i)) && device.linkUp(portName(i))) device.setLink(portName(i), false)
  }

  /** The ports at the far end of `device`'s links follow its admin state: a port shut down here takes the peer's link down. */
  #followAdminState(device: MockSwitch, devices: ReadonlyMap<string, MockSwitch>): void {
    for (const n of this.#neighbours.get(device.identity.hostname) ?? []) {
      devices.get(n.neighborDevice)?.setPeerAdminDown(n.neighborPort, device.adminDown(n.port))
    }
  }

  /** Starts every device; when one cannot (a fixed port taken), stops the others and throws its error. */
  async #listenAll(items: Array<{ device: MockSwitch; ports?: LabDeviceSpec['listen'] }>): Promise<void> {
    const results = await Promise.allSettled(items.map(({ device, ports }) => device.listen(ports)))
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed) {
      await Promise.all(items.map(({ device }) => device.close()))
      throw failed.reason
    }
    this.devices.push(...items.map((i) => i.device))
    this.endpoints.push(...results.map((r) => (r as PromiseFulfilledResult<MockEndpoints>).value))
  }
}
