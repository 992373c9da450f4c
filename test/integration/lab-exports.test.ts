import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/index.js'
import { fleet, loadInventory } from '../../fleet/index.js'
import { eapiConf, labCertificates, MockLab, MockSwitch, switchyardInventory } from '../../mocks/index.js'

describe('what a lab hands out works as it is, enable password included', () => {
  let lab: MockLab
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sy-lab-exports-'))
    lab = await MockLab.fromTopology({
      defaults: { ports: 4, credentials: { password: 'lab-pw', enablePassword: 'lab-enable' } },
      devices: { leaf1: {}, tap1: { profile: '7130-48l' } },
      links: [],
    })
  })
  afterAll(async () => {
    await lab?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('a MockSwitch with an enable password gives connectOptions that enter privileged mode', async () => {
    const mock = new MockSwitch({ hostname: 'en1', password: 'pw', enablePassword: 'en-secret' })
    const endpoints = await mock.listen()
    try {
      for (const options of [endpoints.eapi.connectOptions, endpoints.eapiHttp.connectOptions, endpoints.ssh.connectOptions]) {
        expect(options.enablePassword).toBe('en-secret')
        const sw = await connect(options)
        expect((await sw.facts()).hostname).toBe('en1')
        await sw.close()
      }
    } finally {
      await mock.close()
    }
  })

  it('the switchyard inventory carries the enable password and no SNMP host for the 7130; every host answers', async () => {
    const path = join(dir, 'inventory.yaml')
    await writeFile(path, switchyardInventory(lab))
    const inventory = await loadInventory(path)
    const names = inventory.hosts.map((h) => h.name).sort()
    expect(names).toEqual(['leaf1', 'leaf1-snmp', 'leaf1-ssh', 'tap1', 'tap1-ssh'])
    const results = await fleet(inventory).run((sw) => sw.facts(), { kind: 'read', concurrency: 5 })
    expect(results.map((r) => [r.host, r.status]).sort()).toEqual(names.map((n) => [n, 'ok']))
  })

  // User trial: the SNMP hosts got the read-write community where reads need only the read-only one.
  it("the inventory's SNMP host has the read-only community: it reads, and a write through it is refused (SY_AUTHORIZATION)", async () => {
    const path = join(dir, 'inventory-ro.yaml')
    await writeFile(path, switchyardInventory(lab))
    const inventory = await loadInventory(path)
    const host = inventory.hosts.find((h) => h.name === 'leaf1-snmp')
    const snmp = lab.endpointsOf('leaf1')?.snmp.credentials
    expect(JSON.stringify(host)).toContain(snmp?.readOnlyCommunity)
    expect(JSON.stringify(host)).not.toContain(snmp?.readWriteCommunity)
    const results = await fleet(inventory)
      .select('leaf1-snmp')
      .run((sw) => sw.vlans.create({ id: 431 }), { kind: 'change' })
    expect(results[0]).toMatchObject({ host: 'leaf1-snmp', status: 'failed', error: { code: 'SY_AUTHORIZATION' } })
    expect(lab.device('leaf1')?.running.vlans[431]).toBeUndefined()
  })

  it('the eapi.conf carries enablepwd', () => {
    expect(eapiConf(lab)).toMatch(/\[connection:leaf1\][^[]*enablepwd = lab-enable/)
  })

  it("the eapi.conf's HTTPS hosts are verified against the device certificate named in ca_file; without it, or with another device's, they are refused", async () => {
    const certificates = labCertificates(lab)
    expect(Object.keys(certificates)).toEqual(['leaf1'])
    await writeFile(join(dir, 'leaf1.pem'), certificates.leaf1 ?? '')
    const path = join(dir, 'eapi.conf')
    await writeFile(path, eapiConf(lab, { caFiles: { leaf1: 'leaf1.pem' } }))
    expect(eapiConf(lab, { caFiles: { leaf1: 'leaf1.pem' } })).toMatch(/\[connection:leaf1\][^[]*ca_file = leaf1\.pem/)
    expect(eapiConf(lab, { caFiles: { leaf1: 'leaf1.pem' } })).not.toMatch(/\[connection:leaf1-http\][^[]*ca_file/)
    const inventory = await loadInventory(path)
    expect(inventory.hosts.find((h) => h.name === 'leaf1')?.tls).toEqual({ ca: { file: join(dir, 'leaf1.pem') } })
    const verified = await fleet(inventory).run((sw) => sw.facts(), { kind: 'read', concurrency: 2 })
    expect(verified.map((r) => [r.host, r.status]).sort()).toEqual([
      ['leaf1', 'ok'],
      ['leaf1-http', 'ok'],
    ])

    await writeFile(path, eapiConf(lab))
    const unverified = await fleet(await loadInventory(path)).select('leaf1').run((sw) => sw.facts(), { kind: 'read' })
    expect(unverified[0]).toMatchObject({ host: 'leaf1', status: 'failed', error: { code: 'SY_CONNECTION' } })

    const other = new MockSwitch({ hostname: 'other1', ports: 1 })
    try {
      const endpoints = await other.listen()
      await writeFile(join(dir, 'other.pem'), endpoints.eapi.certificatePem ?? '')
      await writeFile(path, eapiConf(lab, { caFiles: { leaf1: 'other.pem' } }))
      const wrong = await fleet(await loadInventory(path)).select('leaf1').run((sw) => sw.facts(), { kind: 'read' })
      expect(wrong[0]).toMatchObject({ host: 'leaf1', status: 'failed', error: { code: 'SY_CONNECTION' } })
    } finally {
      await other.close()
    }
  })
})
