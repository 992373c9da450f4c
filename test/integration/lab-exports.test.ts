import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/index.js'
import { fleet, loadInventory } from '../../fleet/index.js'
import { eapiConf, MockLab, MockSwitch, switchyardInventory } from '../../mocks/index.js'

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

  it('the eapi.conf carries enablepwd', () => {
    expect(eapiConf(lab)).toMatch(/\[connection:leaf1\][^[]*enablepwd = lab-enable/)
  })
})
