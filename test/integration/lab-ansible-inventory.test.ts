import { parse } from 'yaml'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MockLab } from '../../mocks/index.js'
import { ansibleInventory } from '../../mocks/lab/lab-exports.js'

let lab: MockLab
beforeAll(async () => {
  lab = await new MockLab().start(3, { ports: 2, sharedCertificate: true })
})
afterAll(() => lab.close())

// Found running the ansible stage: ansible keys its persistent connections (ansible-connection) on host, port and
// user; httpapi hosts on 127.0.0.1 that set only ansible_httpapi_port all shared the first host's connection, so a
// play on one device read and changed another.
it('gives every httpapi host of the lab its own port as ansible_port, so that ansible keeps one connection per device', () => {
  type Hosts = Record<string, { ansible_port?: number; ansible_httpapi_port?: number }>
  const inventory = parse(ansibleInventory(lab)) as { all: { children: { switchyard_lab: { children: Record<string, { hosts: Hosts }> } } } }
  const groups = inventory.all.children.switchyard_lab.children
  for (const group of ['eos_httpapi_https', 'eos_httpapi_http']) {
    const hosts = Object.values(groups[group]?.hosts ?? {})
    expect(hosts).toHaveLength(3)
    for (const host of hosts) expect(host.ansible_port).toBe(host.ansible_httpapi_port)
    expect(new Set(hosts.map((h) => h.ansible_port)).size).toBe(3)
  }
})
