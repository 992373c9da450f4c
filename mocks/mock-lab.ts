import { MockSwitch, type MockEndpoints, type MockSwitchOptions } from './mock-switch.js'
import type { MockDeviceKeys } from './device-keys.js'
import type { LabDeviceSpec, LabSpec } from './lab/lab-spec.js'
import type { Topology } from './lab/topology-schema.js'
import { resolveTopology } from './lab/resolve-topology.js'
import { readTopologyFile } from './lab/topology-file.js'
import { applyNeighbours, neighboursFromLinks, type LabNeighbour } from './lab/lab-neighbours.js'

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
 * LLDP neighbours): {@link MockLab.fromFile}, {@link MockLab.fromTopology}.
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
    for (const { device, spec: d } of created) {
      if (d.unlinkedPorts === 'down') {
        const linked = new Set((this.#neighbours.get(d.hostname) ?? []).map((n) => n.port))
        const portName = (i: number) => (d.platform === 'mos' ? `et${i}` : `Ethernet${i}`)
        for (let i = 1; i <= d.ports; i++) if (!linked.has(portName(i))) device.setLink(portName(i), false)
      }
      applyNeighbours(device, this.#neighbours.get(d.hostname) ?? [])
    }
    await this.#listenAll(created.map(({ device, spec: d }) => ({ device, ports: d.listen })))
    return this
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
