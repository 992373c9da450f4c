import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { connect, type Device } from '../../src/index.js'
import { MockSwitch, type EapiEndpoint } from '../../mocks/index.js'
import { describeInterop, PYTHON } from '../support/interop-tools.js'

const run = promisify(execFile)
const SCRIPT = fileURLToPath(new URL('./pyeapi_client.py', import.meta.url))

describeInterop("interop: Debian's python3-pyeapi against the mock's eAPI (HTTPS, certificate verified)", ['python3-pyeapi'], () => {
  let mock: MockSwitch
  let eapi: EapiEndpoint
  let sw: Device
  let dir: string
  let caFile: string

  async function pyeapi(ops: unknown[]): Promise<unknown[]> {
    const { stdout } = await run(PYTHON, [SCRIPT, '127.0.0.1', String(eapi.port), 'admin', '-', caFile, JSON.stringify(ops)], {
      env: { ...process.env, SWITCHYARD_PASSWORD: 'interop-pw' },
      timeout: 30_000,
    })
    return JSON.parse(stdout) as unknown[]
  }

  beforeAll(async () => {
    mock = new MockSwitch({ hostname: 'interop1', ports: 8, username: 'admin', password: 'interop-pw' })
    ;({ eapi } = await mock.listen())
    sw = await connect(eapi.connectOptions)
    dir = await mkdtemp(join(tmpdir(), 'switchyard-pyeapi-'))
    caFile = join(dir, 'ca.pem')
    await writeFile(caFile, eapi.certificatePem ?? '')
  })
  afterAll(async () => {
    try {
      await sw?.close()
      await mock?.close()
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true })
    }
  })

  it("enable('show version') answers the same model as switchyard's facts", async () => {
    const [version] = (await pyeapi([['enable', 'show version']])) as Array<Record<string, unknown>>
    const facts = await sw.facts()
    expect(version).toMatchObject({ modelName: facts.model, version: facts.osVersion, serialNumber: facts.serialNumber })
  })

  it('what pyeapi changes, switchyard reads', async () => {
    const [created, named, got] = await pyeapi([['create', 42], ['set_name', 42, 'pyeapi'], ['get', 42]])
    expect(created).toBe(true)
    expect(named).toBe(true)
    expect(got).toMatchObject({ vlan_id: '42', name: 'pyeapi', state: 'active' })
    expect(await sw.vlans.get(42)).toMatchObject({ id: 42, name: 'pyeapi', state: 'active' })
  })

  it('what switchyard changes, pyeapi reads; pyeapi deletes and switchyard sees it gone', async () => {
    await sw.vlans.create({ id: 43, name: 'from-ts' })
    const [got, all, deleted, after] = await pyeapi([['get', 43], ['getall'], ['delete', 42], ['getall']])
    expect(got).toMatchObject({ vlan_id: '43', name: 'from-ts', state: 'active' })
    expect(all).toEqual(['1', '42', '43'])
    expect(deleted).toBe(true)
    expect(after).toEqual(['1', '43'])
    expect(await sw.vlans.get(42)).toBeUndefined()
  })
})
