import { createServer, type Server } from 'node:net'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import dgram from 'node:dgram'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../src/index.js'
import { LabStateKeeper, loadLabStateFile, MockLab, MockSwitch, parseTopologyText, SnapshotMismatchError, TopologyError, type Topology } from '../../mocks/index.js'
import { runMock } from '../../cli/commands/mock.js'
import { topologyJsonSchemaText } from '../../mocks/lab/topology-json-schema.js'
import { udpBinding } from '../../mocks/snmp/udp-binding.js'
import { freePort } from '../support/free-port.js'

function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): TopologyError {
  try {
    parseTopologyText(text, { file: 'lab.yaml', env })
  } catch (error) {
    if (error instanceof TopologyError) return error
    throw error
  }
  throw new Error('expected a TopologyError')
}

describe('lab topology: errors carry the line and column of the fault', () => {
  it('YAML syntax', () => {
    const error = problemsOf('devices:\n  leaf1: {ports: 8\n')
    expect(error.problems[0]).toMatchObject({ line: 3, column: 1 })
    expect(error.message).toMatch(/^invalid lab topology lab\.yaml:\n {2}lab\.yaml:\d+:\d+: /)
  })

  it('a value out of range points at the value', () => {
    const error = problemsOf('devices:\n  leaf1:\n    ports: 0\n')
    expect(error.problems).toEqual([{ path: 'devices.leaf1.ports', message: expect.stringMatching(/>=1|at least|too small/i), line: 3, column: 12 }])
    expect(error.message).toContain('lab.yaml:3:12: devices.leaf1.ports: ')
  })

  it('an unknown key points at that key', () => {
    const error = problemsOf('devices:\n  leaf1:\n    portz: 8\n')
    expect(error.problems).toEqual([{ path: 'devices.leaf1.portz', message: 'unknown key "portz"', line: 3, column: 12 }])
  })

  it('links to a device or port that does not exist, and a port linked twice', () => {
    const text = ['devices:', '  a: { ports: 2 }', '  b: { ports: 2 }', 'links:', '  - [a:Ethernet1, c:Ethernet1]', '  - [a:Et3, b:Et1]', '  - [a:Et1, b:Et2]', '  - [b:Ethernet2, a:Ethernet2]', ''].join('\n')
    const error = problemsOf(text)
    expect(error.problems).toEqual([
      { path: 'links.0.1', message: 'no device named c', line: 5, column: 19 },
      { path: 'links.1.0', message: 'a has no Ethernet port Et3 (it has 2)', line: 6, column: 6 },
      { path: 'links.2.0', message: 'a:Ethernet1 is already linked (links.0.0)', line: 7, column: 6 },
      { path: 'links.3.0', message: 'b:Ethernet2 is already linked (links.2.1)', line: 8, column: 6 },
    ])
  })

  it('a secret from an environment variable that is not set; a fixed port used twice', () => {
    const text = ['defaults:', '  credentials: { password: { env: LAB_PW } }', 'devices:', '  a: { listen: { ssh: 2222 } }', '  b: { listen: { ssh: 2222 } }', ''].join('\n')
    const error = problemsOf(text)
    expect(error.problems).toEqual([
      { path: 'defaults.credentials.password.env', message: 'environment variable LAB_PW is not set', line: 2, column: 35 },
      { path: 'devices.b.listen.ssh', message: 'port 2222 is also used by a.ssh', line: 5, column: 23 },
    ])
    expect(error.message).not.toContain('2222 is also used by b')
  })

  it('a valid file resolves defaults, profiles, secrets and port names', () => {
    const spec = parseTopologyText(
      ['defaults: { ports: 4, credentials: { username: ops, password: { env: LAB_PW } } }', 'devices:', '  leaf1: { profile: 7280r, listen: { eapiHttps: 8443 } }', '  tap1: { profile: 7130-48l }', 'links:', '  - [leaf1:Et4, tap1:Ethernet2]'].join('\n'),
      { env: { LAB_PW: 'from-env' } },
    )
    expect(spec.devices[0]).toEqual({
      hostname: 'leaf1',
      platform: 'eos',
      profile: '7280r',
      ports: 4,
      username: 'ops',
      password: { value: 'from-env', env: 'LAB_PW' },
      listen: { eapiHttps: 8443, eapiHttp: 0, ssh: 0, snmp: 0 },
      unlinkedPorts: 'down',
    })
    expect(spec.devices[1]).toMatchObject({ hostname: 'tap1', platform: 'mos', ports: 4 })
    expect(spec.links).toEqual([[{ device: 'leaf1', port: 'Ethernet4' }, { device: 'tap1', port: 'et2' }]])
  })
})

describe('schema/lab-topology.json', () => {
  it('is the JSON Schema generated from the zod schema (regenerate: SWITCHYARD_UPDATE_SCHEMA=1 npx vitest run this file)', async () => {
    const path = new URL('../../schema/lab-topology.json', import.meta.url)
    if (process.env.SWITCHYARD_UPDATE_SCHEMA === '1') await writeFile(path, topologyJsonSchemaText())
    expect(await readFile(path, 'utf8')).toBe(topologyJsonSchemaText())
  })

  it('accepts a valid topology and rejects an invalid one (ajv)', async () => {
    const schema = JSON.parse(await readFile(new URL('../../schema/lab-topology.json', import.meta.url), 'utf8')) as object
    const validate = new Ajv2020({ strict: false }).compile(schema)
    expect(validate({ devices: { leaf1: { ports: 8, listen: { ssh: 'auto' } }, leaf2: null }, links: [['leaf1:Et1', 'leaf2:Et1']] })).toBe(true)
    expect(validate({ devices: { leaf1: { ports: 'many' } } })).toBe(false)
    expect(validate({ devices: { leaf1: {} }, extra: 1 })).toBe(false)
  })
})

describe('a lab from a topology: ports and links', () => {
  let lab: MockLab
  let fixedPort: number
  beforeAll(async () => {
    fixedPort = await freePort()
    lab = await MockLab.fromTopology({
      defaults: { ports: 4, credentials: { password: 'lab-pw' } },
      devices: { leaf1: { listen: { eapiHttps: fixedPort } }, leaf2: { unlinkedPorts: 'up' }, tap1: { profile: '7130-48l', ports: 4 } },
      links: [['leaf1:Ethernet1', 'leaf2:Ethernet1'], ['leaf1:Et3', 'tap1:et1']],
    })
  })
  afterAll(() => lab?.close())

  it('listens on the fixed port given, and on ports the OS picks elsewhere', async () => {
    const ep = lab.endpointsOf('leaf1')
    expect(ep?.eapi.port).toBe(fixedPort)
    const ports = lab.endpoints.flatMap((e) => [e.eapi.port, e.eapiHttp.port, e.ssh.port])
    expect(new Set(ports).size).toBe(ports.length)
    const sw = await connect({ ...(ep?.eapi.connectOptions as NonNullable<typeof ep>['eapi']['connectOptions']) })
    try {
      expect((await sw.facts()).hostname).toBe('leaf1')
    } finally {
      await sw.close()
    }
  })

  it('a linked port is up, an unlinked one down unless the device says up', () => {
    const leaf1 = lab.device('leaf1')
    const leaf2 = lab.device('leaf2')
    expect(['Ethernet1', 'Ethernet2', 'Ethernet3', 'Ethernet4'].map((p) => leaf1?.linkUp(p))).toEqual([true, false, true, false])
    expect(['Ethernet1', 'Ethernet2', 'Ethernet3', 'Ethernet4'].map((p) => leaf2?.linkUp(p))).toEqual([true, true, true, true])
    expect(leaf1?.cli('show interfaces status')).toMatch(/Et1 .* connected .*\nEt2 .* notconnect /s)
  })

  // Found in a user trial: a 7130's unlinked ports showed `up (link)`; the rule is the same as on EOS.
  it('a 7130 follows the same rule: a linked port receives, an unlinked one is down and counts no offered traffic', () => {
    const tap1 = lab.device('tap1')
    expect(['et1', 'et2', 'et3', 'et4'].map((p) => tap1?.linkUp(p))).toEqual([true, false, false, false])
    const status = JSON.parse(tap1?.cli('show interfaces status | json') ?? '{}') as { interfaces: Record<string, { rx: string }> }
    expect(['et1', 'et2'].map((p) => status.interfaces[p]?.rx)).toEqual(['up (link)', 'down'])
    tap1?.offerTraffic('et1', { gbps: 1 })
    tap1?.offerTraffic('et2', { gbps: 1 })
    tap1?.advanceTime(1)
    const counters = JSON.parse(tap1?.cli('show interfaces counters | json') ?? '{}') as { interfaces: Record<string, { rxoctets?: string }> }
    expect(counters.interfaces.et1?.rxoctets).toBe('125,000,000')
    expect(counters.interfaces.et2?.rxoctets).toBe('0')
    tap1?.offerTraffic('et1', undefined)
    tap1?.offerTraffic('et2', undefined)
    lab.setLink('tap1', 'et2', true)
    expect(JSON.parse(tap1?.cli('show interfaces status | json') ?? '{}').interfaces.et2.rx).toBe('up (link)')
    lab.setLink('tap1', 'et2', false)
  })

  it('neighbours come from the links, seen from both ends', () => {
    expect(lab.neighbours('leaf1')).toEqual([
      { port: 'Ethernet1', neighborDevice: 'leaf2', neighborPort: 'Ethernet1' },
      { port: 'Ethernet3', neighborDevice: 'tap1', neighborPort: 'et1' },
    ])
    expect(lab.neighbours('tap1')).toEqual([{ port: 'et1', neighborDevice: 'leaf1', neighborPort: 'Ethernet3' }])
    const lldp = JSON.parse(lab.device('leaf2')?.cli('show lldp neighbors | json') ?? '{}') as { lldpNeighbors: unknown[] }
    expect(lldp.lldpNeighbors).toEqual([{ port: 'Ethernet1', neighborDevice: 'leaf1', neighborPort: 'Ethernet1', ttl: 120 }])
  })

  it('unplugging one end of a link takes the other end down too', () => {
    expect(lab.setLink('leaf2', 'Ethernet1', false)).toEqual({ peer: { device: 'leaf1', port: 'Ethernet1' } })
    expect(lab.device('leaf1')?.linkUp('Ethernet1')).toBe(false)
    lab.setLink('leaf1', 'Ethernet1', true)
    expect(lab.device('leaf2')?.linkUp('Ethernet1')).toBe(true)
  })

  it('a shutdown at either end of a link between an EOS switch and a 7130 takes the other end down, and no shutdown brings it back', () => {
    const leaf1 = lab.device('leaf1') as NonNullable<ReturnType<typeof lab.device>>
    const tap1 = lab.device('tap1') as NonNullable<ReturnType<typeof lab.device>>
    const rx = () => (JSON.parse(tap1.cli('show interfaces status | json')) as { interfaces: Record<string, { rx: string }> }).interfaces.et1?.rx
    const revision = tap1.revision
    leaf1.cli(['configure', 'interface Ethernet3', 'shutdown', 'end'])
    expect([tap1.linkUp('et1'), rx()]).toEqual([false, 'down'])
    expect(tap1.revision).toBeGreaterThan(revision)
    leaf1.cli(['configure', 'interface Ethernet3', 'no shutdown', 'end'])
    expect([tap1.linkUp('et1'), rx()]).toEqual([true, 'up (link)'])
    tap1.cli(['configure', 'interface et1', 'shutdown', 'end'])
    expect(leaf1.cli('show interfaces status')).toMatch(/^Et3 .* notconnect /m)
    expect(JSON.parse(leaf1.cli('show lldp neighbors | json')).lldpNeighbors.map((n: { port: string }) => n.port)).toEqual(['Ethernet1'])
    tap1.cli(['configure', 'interface et1', 'no shutdown', 'end'])
    expect(leaf1.cli('show interfaces status')).toMatch(/^Et3 .* connected /m)
    expect(JSON.parse(leaf1.cli('show lldp neighbors | json')).lldpNeighbors.map((n: { port: string }) => n.port)).toEqual(['Ethernet1', 'Ethernet3'])
  })

  it('a fixed port already taken fails the start with EADDRINUSE and leaves nothing listening', async () => {
    const holder: Server = createServer()
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
    const taken = (holder.address() as { port: number }).port
    try {
      await expect(MockLab.fromTopology({ devices: { a: { ports: 1 }, b: { ports: 1, listen: { ssh: taken } } } })).rejects.toMatchObject({ code: 'EADDRINUSE' })
    } finally {
      holder.close()
    }
  })
})

describe('state: snapshot, restore, state file', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-lab-state-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('a state file keeps the running-config and link state across labs', async () => {
    const topology = { devices: { leaf1: { ports: 4 } }, links: [] }
    const path = join(dir, 'state.json')
    const first = await MockLab.fromTopology(topology)
    try {
      const { keeper, restored } = await LabStateKeeper.start(first, path, { delayMs: 10 })
      expect(restored).toEqual([])
      first.device('leaf1')?.cli(['configure', 'vlan 41', 'end', 'write memory', 'configure', 'vlan 42', 'name kept', 'end'])
      first.device('leaf1')?.setLink('Ethernet2', true)
      await keeper.stop()
    } finally {
      await first.close()
    }
    const text = await readFile(path, 'utf8')
    expect(text).not.toMatch(/admin/)
    const second = await MockLab.fromTopology(topology)
    try {
      const { keeper, restored } = await LabStateKeeper.start(second, path)
      expect(restored).toEqual(['leaf1'])
      expect(second.device('leaf1')?.cli('show vlan 42')).toContain('kept')
      expect(second.device('leaf1')?.cli('show startup-config')).toMatch(/^vlan 41$/m)
      expect(second.device('leaf1')?.cli('show startup-config')).not.toMatch(/^vlan 42/m)
      // Ethernet2 was plugged by hand, but it is unlinked and the topology says unlinked ports are down: it is again.
      expect(['Ethernet1', 'Ethernet2'].map((p) => second.device('leaf1')?.linkUp(p))).toEqual([false, false])
      await keeper.stop()
    } finally {
      await second.close()
    }
  })

  it('MockSwitch.restore refuses a snapshot that does not fit with a SnapshotMismatchError and leaves the device as it was', async () => {
    const eos = new MockSwitch({ hostname: 'leaf1', ports: 4 })
    const tap = new MockSwitch({ hostname: 'leaf1', platform: 'mos', ports: 4 })
    try {
      const before = eos.snapshot()
      const revision = eos.revision
      expect(() => eos.restore(tap.snapshot())).toThrow(SnapshotMismatchError)
      expect(() => tap.restore(before)).toThrow('it is of an EOS switch, leaf1 is a 7130 (MOS)')
      expect(eos.revision).toBe(revision)
      expect(eos.snapshot()).toEqual(before)
      eos.restore(before)
      expect(eos.snapshot()).toEqual(before)
    } finally {
      await Promise.all([eos.close(), tap.close()])
    }
  })

  /** Writes a state file made by a lab of `topology` after `change` ran on it. */
  async function stateFileOf(path: string, topology: Topology, change: (lab: MockLab) => void = () => {}): Promise<string> {
    const lab = await MockLab.fromTopology(topology)
    try {
      const { keeper } = await LabStateKeeper.start(lab, path, { delayMs: 10 })
      change(lab)
      await keeper.stop()
    } finally {
      await lab.close()
    }
    return readFile(path, 'utf8')
  }

  /** Runs `switchyard mock` in this process until it is ready, stops it, and returns its log (or the error it threw). */
  async function runMockOnce(topologyPath: string, statePath: string): Promise<{ log: string; error?: Error }> {
    let log = ''
    const stop = new AbortController()
    const io = {
      stdout: { write: () => true },
      stderr: {
        write: (text: string) => {
          log += text
          if (text.includes(' ready;')) stop.abort()
          return true
        },
      },
      stop: stop.signal,
      env: {},
    }
    try {
      await runMock({ topology: topologyPath, state: statePath }, {}, io)
      return { log }
    } catch (error) {
      return { log, error: error as Error }
    }
  }

  // User trial: leaf2's entry was restored after leaf2 became a 7130 in the topology, and `switchyard l1` then failed.
  it('a stored state that no longer fits its device (platform, profile or port count changed) refuses the start, naming the file, the device and the fix', async () => {
    const path = join(dir, 'changed.json')
    const text = await stateFileOf(path, { defaults: { ports: 4 }, devices: { leaf1: {}, leaf2: {} }, links: [['leaf1:Et1', 'leaf2:Et1']] }, (lab) => {
      lab.device('leaf1')?.cli(['configure', 'vlan 61', 'end'])
    })
    for (const [devices, reason] of [
      [{ leaf1: {}, leaf2: { profile: '7130-48l' } }, 'it is of an EOS switch, leaf2 is a 7130 (MOS)'],
      [{ leaf1: {}, leaf2: { ports: 8 } }, 'it has 4 front-panel ports (Ethernet1…Ethernet4), leaf2 has 8 front-panel ports (Ethernet1…Ethernet8)'],
      [{ leaf1: {}, leaf2: { profile: '7280r' } }, 'it is of a veos, leaf2 is a 7280r'],
    ] as const) {
      const lab = await MockLab.fromTopology({ defaults: { ports: 4 }, devices, links: [] } as Topology)
      try {
        await expect(LabStateKeeper.start(lab, path)).rejects.toThrow(
          `${path}: the state stored for leaf2 does not fit the device: ${reason}; delete devices.leaf2 from the file to start leaf2 with a fresh configuration (its stored configuration is lost), or change the topology back`,
        )
        expect(lab.device('leaf1')?.running.vlans[61]).toBeUndefined()
      } finally {
        await lab.close()
      }
      expect(await readFile(path, 'utf8')).toBe(text)
    }
    const topologyPath = join(dir, 'changed.yaml')
    await writeFile(topologyPath, 'defaults: { ports: 4 }\ndevices:\n  leaf1: {}\n  leaf2: { profile: 7130-48l }\n')
    const run = await runMockOnce(topologyPath, path)
    expect(run.error?.message).toMatch(`${path}: the state stored for leaf2 does not fit the device: it is of an EOS switch, leaf2 is a 7130 (MOS); delete devices.leaf2`)
    expect(run.log).not.toContain(' ready;')
    expect(await readFile(path, 'utf8')).toBe(text)
  })

  // User trial: a snapshot with one end of a link down left the other end up; unlinked ports missing from linksDown came up.
  it('a restart puts the link rules back: a link down at one end in the file is down at both; unlinked ports follow unlinkedPorts', async () => {
    const path = join(dir, 'links.json')
    const topology: Topology = { defaults: { ports: 3 }, devices: { leaf1: {}, leaf2: {} }, links: [['leaf1:Et1', 'leaf2:Et1'], ['leaf1:Et2', 'leaf2:Et2']] }
    await stateFileOf(path, topology)
    const file = JSON.parse(await readFile(path, 'utf8'))
    file.devices.leaf1.linksDown = ['Ethernet1']
    file.devices.leaf2.linksDown = []
    await writeFile(path, JSON.stringify(file))
    const lab = await MockLab.fromTopology(topology)
    try {
      const { keeper, restored } = await LabStateKeeper.start(lab, path)
      expect(restored).toEqual(['leaf1', 'leaf2'])
      for (const name of ['leaf1', 'leaf2']) expect(['Ethernet1', 'Ethernet2', 'Ethernet3'].map((p) => lab.device(name)?.linkUp(p))).toEqual([false, true, false])
      await keeper.stop()
    } finally {
      await lab.close()
    }
  })

  // User trial: a smaller topology against a 4-device state file lost the other 3 devices' configuration at stop.
  it('entries (state and keys) of devices not in the topology are kept untouched, and the start log says so', async () => {
    const path = join(dir, 'four.json')
    const four: Topology = { defaults: { ports: 2 }, devices: { a: {}, b: {}, c: {}, d: {} }, links: [['a:Et1', 'b:Et1']] }
    // The keys are made once a device listens: a lab through `switchyard mock` stores them.
    const fourPath = join(dir, 'four.yaml')
    await writeFile(fourPath, 'defaults: { ports: 2 }\ndevices: { a: {}, b: {}, c: {}, d: {} }\nlinks: [[a:Et1, b:Et1]]\n')
    expect((await runMockOnce(fourPath, path)).error).toBeUndefined()
    const lab = await MockLab.fromTopology(four)
    try {
      const { keeper } = await LabStateKeeper.start(lab, path)
      for (const name of ['b', 'c', 'd']) lab.device(name)?.cli(['configure', `vlan ${name === 'b' ? 72 : name === 'c' ? 73 : 74}`, 'end'])
      await keeper.stop()
    } finally {
      await lab.close()
    }
    const before = JSON.parse(await readFile(path, 'utf8'))
    expect(Object.keys(before.keys)).toEqual(['a', 'b', 'c', 'd'])
    const onePath = join(dir, 'one.yaml')
    await writeFile(onePath, 'defaults: { ports: 2 }\ndevices: { a: {} }\n')
    const run = await runMockOnce(onePath, path)
    expect(run.error).toBeUndefined()
    expect(run.log).toContain('kept the state of 3 devices not in this topology: b, c, d')
    const after = JSON.parse(await readFile(path, 'utf8'))
    for (const name of ['b', 'c', 'd']) {
      expect(after.devices[name]).toEqual(before.devices[name])
      expect(after.keys[name]).toEqual(before.keys[name])
    }
    expect(after.devices.c.running.vlans['73']).toEqual({ state: 'active' })
    const loaded = await loadLabStateFile(path)
    expect(Object.keys(loaded?.devices ?? {}).sort()).toEqual(['a', 'b', 'c', 'd'])
    const back = await runMockOnce(fourPath, path)
    expect(back.log).toContain('restored a, b, c, d from')
    expect(back.log).not.toContain('kept the state of')
  })
})

describe('many mocks: SNMP ports come from the bind itself', () => {
  it('a fixed UDP port already bound is reported, not swallowed', async () => {
    const first = udpBinding(0)
    const socket = first.dgram.createSocket('udp4')
    socket.bind()
    const port = await first.ready
    try {
      const second = udpBinding(port)
      second.dgram.createSocket('udp4').bind()
      await expect(second.ready).rejects.toMatchObject({ code: 'EADDRINUSE' })
      second.socket()?.close()
    } finally {
      socket.close()
    }
  })

  it('200 mocks start with 200 distinct SNMP ports, each answering, and close without a crash', async () => {
    const lab = await new MockLab().start(200, { ports: 1, sharedCertificate: true })
    try {
      const ports = lab.endpoints.map((e) => e.snmp.port)
      expect(new Set(ports).size).toBe(200)
      const sw = await connect(lab.endpoints[199]?.snmp.connectOptions as never)
      try {
        expect((await sw.facts()).hostname).toBe('sw200')
      } finally {
        await sw.close()
      }
    } finally {
      await lab.close()
    }
    const probe = dgram.createSocket('udp4')
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve))
    probe.close()
  }, 120_000)
})
