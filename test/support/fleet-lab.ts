import { MockLab, type MockSwitch } from '../../mocks/index.js'
import { parseInventory, type Inventory } from '../../fleet/index.js'

/** Mock devices started in this process and an inventory for them (eAPI over HTTP, password in `SY_LAB_PASSWORD`). */
export interface FleetLab {
  readonly lab: MockLab
  /** The inventory YAML text (hosts `sw1`…`swN`). */
  readonly yaml: string
  readonly inventory: Inventory
  readonly env: Record<string, string>
  device(name: string): MockSwitch
  close(): Promise<void>
}

/** The password the lab's devices accept. */
export const LAB_PASSWORD = 'lab-secret-pw'

/** Starts `count` mock switches and writes their inventory: groups `even` and `odd`, data `{ index, rack }`. */
export async function startFleetLab(count: number, extraYaml = ''): Promise<FleetLab> {
  const lab = await new MockLab().start(count, { username: 'admin', password: LAB_PASSWORD, sharedCertificate: true })
  const hosts = lab.devices
    .map((d, i) => {
      const name = d.identity.hostname
      const port = lab.endpoints[i]?.eapiHttp.port
      return `  ${name}: { address: 127.0.0.1, port: ${port}, groups: [${i % 2 === 0 ? 'odd' : 'even'}], data: { index: ${i + 1}, rack: r${Math.floor(i / 10) + 1} } }`
    })
    .join('\n')
  const yaml = `defaults:
  driver: eapi
  protocol: http
  username: admin
  password: { env: SY_LAB_PASSWORD }
groups:
  odd: {}
  even: {}
hosts:
${hosts}
${extraYaml}`
  return {
    lab,
    yaml,
    inventory: parseInventory(yaml),
    env: { SY_LAB_PASSWORD: LAB_PASSWORD },
    device: (name) => {
      const d = lab.devices.find((x) => x.identity.hostname === name)
      if (!d) throw new Error(`no device ${name}`)
      return d
    },
    close: () => lab.close(),
  }
}
