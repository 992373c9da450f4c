import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Device } from '../../src/index.js'
import { MockSwitch } from '../../mocks/index.js'

/** A change that has nothing to do opens no session and says `changed: false`; over eAPI and SSH. */
for (const driver of ['eapi', 'ssh'] as const) {
  describe(`idempotent single changes over ${driver}`, () => {
    let mock: MockSwitch
    let sw: Device
    beforeAll(async () => {
      mock = new MockSwitch({ hostname: 'idem1', ports: 8, username: 'admin', password: 'pw-idem' })
      const ep = await mock.listen()
      sw = await connect(driver === 'eapi' ? ep.eapi.connectOptions : ep.ssh.connectOptions)
    })
    afterAll(async () => {
      await sw.close()
      await mock.close()
    })

    it('a second identical change returns changed: false and the device saw no configure session', async () => {
      await sw.vlans.create({ id: 40, name: 'forty' })
      const first = await sw.interfaces.configure('Ethernet3', { description: 'rack 3', mode: 'access', accessVlan: 40 })
      expect(first).toMatchObject({ applied: true, changed: true })
      const revision = mock.revision
      const sent = mock.commandLog.length
      const second = await sw.interfaces.configure('Ethernet3', { description: 'rack 3', mode: 'access', accessVlan: 40 })
      const rename = await sw.vlans.update(40, { name: 'forty' })
      expect(second).toEqual({ diff: '', commands: [], applied: true, changed: false })
      expect(rename).toMatchObject({ applied: true, changed: false })
      expect(mock.commandLog.slice(sent).filter((l) => /configure/.test(l))).toEqual([])
      expect(mock.revision).toBe(revision)
    })

    it('a timed commit with nothing to do still hands out confirm and rollback', async () => {
      const result = await sw.vlans.update(40, { name: 'forty' }, { confirmWithinSeconds: 60 })
      expect(result.changed).toBe(false)
      await expect(result.confirm()).resolves.toBeUndefined()
    })
  })
}
