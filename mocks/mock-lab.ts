import { MockSwitch, type MockEndpoints, type MockSwitchOptions } from './mock-switch.js'

/**
 * Many mock switches in one process, for fleet tests and benchmarks: `sw1`…`swN`, each with its own servers.
 */
export class MockLab {
  readonly devices: MockSwitch[] = []
  readonly endpoints: MockEndpoints[] = []

  /** Creates and starts `count` devices (hostnames `sw1`…), `options` applying to all. */
  async start(count: number, options: Omit<MockSwitchOptions, 'hostname'> = {}): Promise<this> {
    const created = Array.from({ length: count }, (_, i) => new MockSwitch({ ...options, hostname: `sw${this.devices.length + i + 1}` }))
    this.devices.push(...created)
    this.endpoints.push(...(await Promise.all(created.map((d) => d.listen()))))
    return this
  }

  /** Stops every device. */
  async close(): Promise<void> {
    await Promise.all(this.devices.map((d) => d.close()))
  }
}
