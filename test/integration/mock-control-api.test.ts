import ssh2 from 'ssh2'
import snmp from 'net-snmp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, type Device } from '../../src/index.js'
import { MockLab, MockSwitch, startControlApi, type ControlApi, type JournalEntry, type MockSwitchState } from '../../mocks/index.js'

const TOKEN = 'control-api-test-token-0123456789'

/** ifAdminStatus and ifOperStatus (1 up, 2 down) of an Ethernet port, read over SNMP v2c. */
async function snmpStatus(port: number, ifIndex: number): Promise<{ admin: number; oper: number }> {
  const session = snmp.createSession('127.0.0.1', 'public', { port, version: snmp.Version2c, retries: 0, timeout: 2000 })
  try {
    const varbinds = await new Promise<Array<{ value?: unknown }>>((resolve, reject) =>
      session.get([`1.3.6.1.2.1.2.2.1.7.${ifIndex}`, `1.3.6.1.2.1.2.2.1.8.${ifIndex}`], (error, vbs) => (error ? reject(error) : resolve(vbs ?? []))),
    )
    return { admin: Number(varbinds[0]?.value), oper: Number(varbinds[1]?.value) }
  } finally {
    session.close()
  }
}

/** A snapshot made by a device built for it (never listening). */
async function snapshotOf(options: ConstructorParameters<typeof MockSwitch>[0]): Promise<MockSwitchState> {
  const device = new MockSwitch(options)
  try {
    return device.snapshot()
  } finally {
    await device.close()
  }
}

describe('the lab control API', () => {
  let lab: MockLab
  let api: ControlApi
  let sw: Device

  async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<{ status: number; json: any; headers: Headers }> {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    return { status: res.status, json: await res.json(), headers: res.headers }
  }

  beforeAll(async () => {
    lab = await MockLab.fromTopology({
      defaults: { ports: 4, credentials: { password: 'ctl-pw' } },
      devices: { leaf1: {}, leaf2: {} },
      links: [['leaf1:Ethernet1', 'leaf2:Ethernet1']],
    })
    api = await startControlApi(lab, { token: TOKEN })
    sw = await connect(lab.endpointsOf('leaf1')?.eapi.connectOptions as never)
  })
  afterAll(async () => {
    await sw?.close()
    await api?.close()
    await lab?.close()
  })

  it('answers 401 with a typed error to a request without the token or with a wrong one', async () => {
    for (const token of [null, 'wrong-token-wrong-token-wrong-tok']) {
      const res = await call('GET', '/v1/devices', undefined, token)
      expect(res.status).toBe(401)
      expect(res.json).toEqual({ error: { code: 'unauthorized', message: 'missing or wrong bearer token' } })
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /)
    }
    expect((await call('POST', '/v1/devices/leaf1/cli', { commands: ['configure', 'vlan 9'] }, null)).status).toBe(401)
    expect(lab.device('leaf1')?.running.vlans[9]).toBeUndefined()
  })

  it('GET /v1/devices lists every device with its endpoints, no password', async () => {
    const res = await call('GET', '/v1/devices')
    expect(res.status).toBe(200)
    expect(res.json.devices.map((d: { name: string }) => d.name)).toEqual(['leaf1', 'leaf2'])
    expect(res.json.devices[0]).toMatchObject({ platform: 'eos', profile: 'veos', username: 'admin', endpoints: { eapiHttps: { port: lab.endpointsOf('leaf1')?.eapi.port } } })
    expect(JSON.stringify(res.json)).not.toContain('ctl-pw')
  })

  it('GET /v1/devices/{name} has faults, links with neighbours; an unknown device is 404', async () => {
    const res = await call('GET', '/v1/devices/leaf1')
    expect(res.json.links.slice(0, 2)).toEqual([
      { port: 'Ethernet1', up: true, neighbour: { device: 'leaf2', port: 'Ethernet1' } },
      { port: 'Ethernet2', up: false, neighbour: null },
    ])
    expect(res.json.faults).toMatchObject({ latencyMs: 0, rejectCommands: [] })
    const missing = await call('GET', '/v1/devices/nope')
    expect(missing.status).toBe(404)
    expect(missing.json.error.code).toBe('device_not_found')
  })

  it('unknown routes, wrong methods, bad JSON and bad bodies are typed errors', async () => {
    expect((await call('GET', '/v2/whatever')).json.error.code).toBe('not_found')
    const wrong = await call('POST', '/v1/devices/leaf1/faults', {})
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET, PATCH, DELETE')
    const badJson = await call('PATCH', '/v1/devices/leaf1/faults', '{"latencyMs":')
    expect(badJson).toMatchObject({ status: 400, json: { error: { code: 'invalid_json' } } })
    const badBody = await call('PATCH', '/v1/devices/leaf1/faults', { latencyMs: -1, bogus: true })
    expect(badBody.status).toBe(400)
    expect(badBody.json.error.code).toBe('invalid_body')
    expect(badBody.json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['', 'latencyMs'])
    const badRegex = await call('PATCH', '/v1/devices/leaf1/faults', { rejectCommands: [{ pattern: '(' }] })
    expect(badRegex.json.error.issues[0]).toEqual({ path: 'rejectCommands.0.pattern', message: 'not a valid regular expression' })
    expect(lab.device('leaf1')?.faults.latencyMs).toBe(0)
  })

  it('PATCH faults: a rejected command pattern fails over eAPI with the EOS error; latency; DELETE resets', async () => {
    const res = await call('PATCH', '/v1/devices/leaf1/faults', { latencyMs: 150, rejectCommands: [{ pattern: '^vlan 77$', message: 'Authorization denied for command' }] })
    expect(res.json).toMatchObject({ latencyMs: 150, rejectCommands: [{ pattern: '^vlan 77$', ignoreCase: false, message: 'Authorization denied for command' }] })
    const started = Date.now()
    await expect(sw.vlans.create({ id: 77, name: 'x' })).rejects.toMatchObject({ message: expect.stringContaining('Authorization denied for command') })
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
    expect(lab.device('leaf1')?.running.vlans[77]).toBeUndefined()
    const reset = await call('DELETE', '/v1/devices/leaf1/faults')
    expect(reset.json).toMatchObject({ latencyMs: 0, rejectCommands: [] })
    await sw.vlans.create({ id: 77, name: 'x' })
    expect(lab.device('leaf1')?.running.vlans[77]).toBeDefined()
  })

  it('PATCH faults: dropConnections and rejectAuth are seen by a client', async () => {
    await call('PATCH', '/v1/devices/leaf2/faults', { rejectAuth: true })
    const leaf2 = await connect(lab.endpointsOf('leaf2')?.eapi.connectOptions as never).catch((e: unknown) => e)
    expect(leaf2).toMatchObject({ code: expect.stringMatching(/AUTH/) })
    await call('PATCH', '/v1/devices/leaf2/faults', { rejectAuth: false, dropConnections: true })
    const dropped = await connect({ ...(lab.endpointsOf('leaf2')?.eapi.connectOptions as object), timeoutMs: 3000 } as never).catch((e: unknown) => e)
    expect(dropped).toBeInstanceOf(Error)
    await call('DELETE', '/v1/devices/leaf2/faults')
  })

  it('PATCH faults: maxSessions refuses the SSH connection past the limit', async () => {
    await call('PATCH', '/v1/devices/leaf2/faults', { maxSessions: 1 })
    const ep = lab.endpointsOf('leaf2')
    const open = (): Promise<ssh2.Client> =>
      new Promise((resolve, reject) => {
        const c = new ssh2.Client()
        c.on('ready', () => resolve(c)).on('error', reject).on('close', () => reject(new Error('closed')))
        c.connect({ host: '127.0.0.1', port: ep?.ssh.port ?? 0, username: 'admin', password: 'ctl-pw', readyTimeout: 5000 })
      })
    const first = await open()
    try {
      await expect(open()).rejects.toThrow()
    } finally {
      first.end()
      await call('DELETE', '/v1/devices/leaf2/faults')
    }
  })

  it('PUT traffic and POST clock/advance move the counters a client reads', async () => {
    const bad = await call('PUT', '/v1/devices/leaf1/traffic', { interfaces: { Ethernet99: { inMbps: 1 } } })
    expect(bad).toMatchObject({ status: 422, json: { error: { code: 'rejected' } } })
    const set = await call('PUT', '/v1/devices/leaf1/traffic', { interfaces: { Ethernet1: { inMbps: 80, outMbps: 8, packetBytes: 1000 } } })
    expect(set.json.interfaces).toEqual({ Ethernet1: { inMbps: 80, outMbps: 8, packetBytes: 1000 } })
    expect((await call('GET', '/v1/devices/leaf1/traffic')).json.interfaces.Ethernet1.inMbps).toBe(80)
    const before = (await sw.counters.interfaces()).find((c) => c.interface === 'Ethernet1')?.inOctets ?? 0n
    const advanced = await call('POST', '/v1/devices/leaf1/clock/advance', { seconds: 10 })
    expect(advanced.json.elapsedSeconds).toBeGreaterThanOrEqual(10)
    const after = (await sw.counters.interfaces()).find((c) => c.interface === 'Ethernet1')?.inOctets ?? 0n
    expect(after - before).toBe(100_000_000n)
    await call('PUT', '/v1/devices/leaf1/traffic', { interfaces: { Ethernet1: null } })
    expect((await call('GET', '/v1/devices/leaf1/traffic')).json.interfaces).toEqual({})
    expect((await call('POST', '/v1/devices/leaf1/clock/advance', { seconds: 0 })).status).toBe(400)
  })

  it('POST cli runs console lines in one session; GET log shows every face with outcomes; DELETE log clears', async () => {
    await call('DELETE', '/v1/devices/leaf1/log')
    const cli = await call('POST', '/v1/devices/leaf1/cli', { commands: ['configure', 'vlan 300', 'name from-control', 'end', 'show vlan 300'] })
    expect(cli.json.outputs).toHaveLength(5)
    expect(cli.json.output).toContain('from-control')
    await sw.vlans.list()
    const http = lab.endpointsOf('leaf1')?.eapiHttp
    await fetch(http?.url ?? '', {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('admin:ctl-pw').toString('base64')}` },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', id: 1, params: { version: 1, cmds: ['show version', 'show nonsense', 'show clock'] } }),
    })
    await call('POST', '/v1/devices/leaf1/cli', { commands: 'show bogus' })
    await call('POST', '/v1/devices/leaf1/cli', { commands: ['username x secret hunter2'] })
    const log = await call('GET', '/v1/devices/leaf1/log')
    const entries = log.json.entries as JournalEntry[]
    expect(entries.filter((e) => e.face === 'console').map((e) => e.line).slice(0, 5)).toEqual(['configure', 'vlan 300', 'name from-control', 'end', 'show vlan 300'])
    expect(entries.some((e) => e.face === 'eapi' && e.line === 'show vlan' && e.outcome === 'ok')).toBe(true)
    expect(entries.filter((e) => e.face === 'eapi' && e.line.startsWith('show ')).map((e) => [e.line, e.outcome])).toEqual([
      ['show vlan', 'ok'],
      ['show version', 'ok'],
      ['show nonsense', 'error'],
    ])
    expect(entries.find((e) => e.line === 'show bogus')).toMatchObject({ face: 'console', outcome: 'error', error: expect.stringContaining('Invalid input') })
    expect(JSON.stringify(entries)).not.toContain('hunter2')
    const page = await call('GET', `/v1/devices/leaf1/log?after=${entries[1]?.seq}&limit=2`)
    expect(page.json.entries.map((e: JournalEntry) => e.seq)).toEqual([entries[2]?.seq, entries[3]?.seq])
    expect(page.json).toMatchObject({ nextAfter: entries[3]?.seq, more: true })
    const seen: number[] = []
    for (let after = 0, rounds = 0; rounds < 100; rounds++) {
      const next = await call('GET', `/v1/devices/leaf1/log?after=${after}&limit=3`)
      seen.push(...next.json.entries.map((e: JournalEntry) => e.seq))
      after = next.json.nextAfter
      if (!next.json.more) break
    }
    expect(seen).toEqual(entries.map((e) => e.seq))
    expect((await call('GET', '/v1/devices/leaf1/log?limit=0')).status).toBe(400)
    expect((await call('POST', '/v1/devices/leaf1/cli', { commands: ['show version\nreload'] })).json.error.code).toBe('invalid_body')
    const cleared = await call('DELETE', '/v1/devices/leaf1/log')
    expect((await call('GET', '/v1/devices/leaf1/log')).json).toEqual({ entries: [], nextAfter: 0, more: false, lastSeq: cleared.json.lastSeq })
  })

  it('POST cli: each request starts in privileged exec mode, whatever the last one left', async () => {
    await call('POST', '/v1/devices/leaf1/cli', { commands: ['configure', 'vlan 98'] })
    const second = await call('POST', '/v1/devices/leaf1/cli', { commands: ['name from-second-call'] })
    expect(second.json.output).toContain('Invalid input')
    const third = await call('POST', '/v1/devices/leaf1/cli', { commands: ['configure', 'vlan 97', 'name third', 'end', 'show vlan 97'] })
    expect(third.json.output).toContain('third')
    expect((await call('POST', '/v1/devices/leaf1/cli', { commands: 'show vlan 98' })).json.output).not.toContain('from-second-call')
  })

  it('GET/PUT state per device and for the whole lab: a snapshot restores the configuration', async () => {
    const snapshot = (await call('GET', '/v1/devices/leaf1/state')).json as MockSwitchState
    expect(snapshot.running.vlans[300]).toEqual({ name: 'from-control', state: 'active' })
    await call('POST', '/v1/devices/leaf1/cli', { commands: ['configure', 'no vlan 300', 'end'] })
    const restored = await call('PUT', '/v1/devices/leaf1/state', snapshot)
    expect(restored.json.revision).toEqual(expect.any(Number))
    expect(await sw.vlans.get(300)).toMatchObject({ name: 'from-control' })
    const bad = await call('PUT', '/v1/devices/leaf1/state', { ...snapshot, running: { ...snapshot.running, vlans: { 300: { state: 'odd' } } } })
    expect(bad.json.error.code).toBe('invalid_body')
    const whole = await call('GET', '/v1/state')
    expect(Object.keys(whole.json.devices)).toEqual(['leaf1', 'leaf2'])
    await call('POST', '/v1/devices/leaf2/cli', { commands: ['configure', 'vlan 2', 'end'] })
    expect((await call('PUT', '/v1/state', whole.json)).json).toEqual({ restored: ['leaf1', 'leaf2'] })
    expect(lab.device('leaf2')?.running.vlans[2]).toBeUndefined()
    expect((await call('PUT', '/v1/state', { devices: { ghost: snapshot } })).status).toBe(404)
  })

  // User trial: a 7130 snapshot or leaf2's restored on leaf1 broke it (hostname tap1, no ports, SNMP facts failed).
  it('PUT state refuses another device\'s, another platform\'s or another port count\'s snapshot: 422, device unchanged', async () => {
    const leaf1 = lab.device('leaf1') as MockSwitch
    const before = leaf1.snapshot()
    const revision = leaf1.revision
    const leaf2 = (await call('GET', '/v1/devices/leaf2/state')).json as MockSwitchState
    const cases: Array<[MockSwitchState, RegExp]> = [
      [leaf2, /^cannot restore this snapshot on leaf1: it is of leaf2, not of leaf1$/],
      [await snapshotOf({ hostname: 'tap1', platform: 'mos', ports: 4 }), /it is of tap1, not of leaf1/],
      [await snapshotOf({ hostname: 'leaf1', platform: 'mos', ports: 4 }), /it is of a 7130 \(MOS\), leaf1 is an EOS switch/],
      [await snapshotOf({ hostname: 'leaf1', profile: '7280r', ports: 4 }), /it is of a 7280r, leaf1 is a veos/],
      [await snapshotOf({ hostname: 'leaf1', ports: 8 }), /it has 8 front-panel ports \(Ethernet1…Ethernet8\), leaf1 has 4 front-panel ports \(Ethernet1…Ethernet4\)/],
    ]
    for (const [snapshot, message] of cases) {
      const res = await call('PUT', '/v1/devices/leaf1/state', snapshot)
      expect(res.status).toBe(422)
      expect(res.json.error.code).toBe('rejected')
      expect(res.json.error.message).toMatch(message)
    }
    const whole = await call('PUT', '/v1/state', { devices: { leaf1: before, leaf2: { ...leaf2, hostname: 'leaf1' } } })
    expect(whole.status).toBe(422)
    expect(whole.json.error.message).toMatch(/on leaf2: it is of leaf1, not of leaf2/)
    expect(leaf1.revision).toBe(revision)
    expect(leaf1.snapshot()).toEqual(before)
    expect((await sw.facts()).hostname).toBe('leaf1')
    const snmpFacts = await connect(lab.endpointsOf('leaf1')?.snmp.connectOptions as never)
    try {
      expect((await snmpFacts.facts()).hostname).toBe('leaf1')
    } finally {
      await snmpFacts.close()
    }
  })

  // User trial: a shutdown on leaf2 left leaf1's end connected and both ends listing each other as LLDP neighbours.
  it('shutdown on a linked port takes the peer port down (notconnect) and LLDP neighbours away on both ends; no shutdown brings them back', async () => {
    const ep1 = lab.endpointsOf('leaf1')?.snmp.port as number
    const ep2 = lab.endpointsOf('leaf2')?.snmp.port as number
    const lldp = async (name: string) => (JSON.parse((await call('POST', `/v1/devices/${name}/cli`, { commands: 'show lldp neighbors | json' })).json.output) as { lldpNeighbors: unknown[] }).lldpNeighbors
    const ethernet1 = async (name: string) => {
      const out = (await call('POST', `/v1/devices/${name}/cli`, { commands: ['show interfaces Ethernet1 | json', 'show interfaces status'] })).json.outputs as string[]
      const json = JSON.parse(out[0] as string).interfaces.Ethernet1 as { interfaceStatus: string; lineProtocolStatus: string }
      return { interfaceStatus: json.interfaceStatus, lineProtocolStatus: json.lineProtocolStatus, status: /^Et1 .*$/m.exec(out[1] as string)?.[0] }
    }
    expect(await lldp('leaf1')).toHaveLength(1)
    await call('POST', '/v1/devices/leaf2/cli', { commands: ['configure', 'interface Ethernet1', 'shutdown', 'end'] })
    expect(await ethernet1('leaf2')).toMatchObject({ interfaceStatus: 'disabled', lineProtocolStatus: 'down', status: expect.stringMatching(/ disabled /) })
    expect(await ethernet1('leaf1')).toMatchObject({ interfaceStatus: 'notconnect', lineProtocolStatus: 'down', status: expect.stringMatching(/ notconnect /) })
    expect(await snmpStatus(ep2, 1)).toEqual({ admin: 2, oper: 2 })
    expect(await snmpStatus(ep1, 1)).toEqual({ admin: 1, oper: 2 })
    expect((await sw.interfaces.list()).find((i) => i.name === 'Ethernet1')).toMatchObject({ enabled: true, operStatus: 'down' })
    expect(await lldp('leaf1')).toEqual([])
    expect(await lldp('leaf2')).toEqual([])
    expect((await call('GET', '/v1/devices/leaf1')).json.links[0]).toMatchObject({ port: 'Ethernet1', up: false })
    expect(lab.device('leaf1')?.snapshot().linksDown).not.toContain('Ethernet1')

    await call('POST', '/v1/devices/leaf2/cli', { commands: ['configure', 'interface Ethernet1', 'no shutdown', 'end'] })
    for (const name of ['leaf1', 'leaf2']) {
      expect(await ethernet1(name)).toMatchObject({ interfaceStatus: 'connected', lineProtocolStatus: 'up' })
      expect(await lldp(name)).toHaveLength(1)
    }
    expect(await snmpStatus(ep1, 1)).toEqual({ admin: 1, oper: 1 })
    expect(await snmpStatus(ep2, 1)).toEqual({ admin: 1, oper: 1 })
  })

  // User trial: restoring leaf1 with linksDown [Ethernet1] left leaf2's end up, and unlinked ports came up.
  it('PUT state: the other end of a link follows the restored device, and unlinked ports stay down as the topology says', async () => {
    const saved = (await call('GET', '/v1/devices/leaf1/state')).json as MockSwitchState
    expect(saved.linksDown).toEqual(['Ethernet2', 'Ethernet3', 'Ethernet4'])
    expect((await call('PUT', '/v1/devices/leaf1/state', { ...saved, linksDown: ['Ethernet1'] })).status).toBe(200)
    expect(['Ethernet1', 'Ethernet2', 'Ethernet3', 'Ethernet4'].map((p) => lab.device('leaf1')?.linkUp(p))).toEqual([false, false, false, false])
    expect(lab.device('leaf2')?.linkUp('Ethernet1')).toBe(false)
    expect((await call('GET', '/v1/devices/leaf2')).json.links[0]).toMatchObject({ port: 'Ethernet1', up: false })
    expect((await call('PUT', '/v1/devices/leaf1/state', saved)).status).toBe(200)
    expect(lab.device('leaf2')?.linkUp('Ethernet1')).toBe(true)
    expect(lab.device('leaf1')?.linkUp('Ethernet1')).toBe(true)
  })

  it('PUT links/{port}: unplugging one end takes the peer down; an unknown port is 422', async () => {
    const res = await call('PUT', '/v1/devices/leaf1/links/Ethernet1', { up: false })
    expect(res.json).toEqual({ device: 'leaf1', port: 'Ethernet1', up: false, peer: { device: 'leaf2', port: 'Ethernet1' } })
    expect(lab.device('leaf2')?.linkUp('Ethernet1')).toBe(false)
    expect((await sw.interfaces.list()).find((i) => i.name === 'Ethernet1')?.operStatus).not.toBe('up')
    await call('PUT', '/v1/devices/leaf1/links/Ethernet1', { up: true })
    expect(lab.device('leaf2')?.linkUp('Ethernet1')).toBe(true)
    expect((await call('PUT', '/v1/devices/leaf1/links/Ethernet9', { up: true })).status).toBe(422)
  })

  it('PUT links/{port} takes the abbreviations a topology takes (Et1, eth1)', async () => {
    const res = await call('PUT', '/v1/devices/leaf2/links/Et1', { up: false })
    expect(res.json).toEqual({ device: 'leaf2', port: 'Ethernet1', up: false, peer: { device: 'leaf1', port: 'Ethernet1' } })
    expect(lab.device('leaf1')?.linkUp('Ethernet1')).toBe(false)
    expect((await call('PUT', '/v1/devices/leaf2/links/eth1', { up: true })).json.port).toBe('Ethernet1')
    expect(lab.device('leaf1')?.linkUp('Ethernet1')).toBe(true)
    expect((await call('PUT', '/v1/devices/leaf2/links/Et9', { up: true })).status).toBe(422)
  })

  it('the bearer scheme is case-insensitive (RFC 9110); the token is not', async () => {
    for (const scheme of ['bearer', 'BEARER']) {
      const res = await fetch(`${api.url}/v1/devices`, { headers: { authorization: `${scheme} ${TOKEN}` } })
      expect(res.status).toBe(200)
    }
    expect((await fetch(`${api.url}/v1/devices`, { headers: { authorization: `Bearer ${TOKEN.toUpperCase()}` } })).status).toBe(401)
    expect((await fetch(`${api.url}/v1/devices`, { headers: { authorization: TOKEN } })).status).toBe(401)
  })

  it('POST /v1/clock/advance moves every device; a log cursor past the newest entry (an earlier run) reads from the start', async () => {
    const before = (await call('GET', '/v1/devices/leaf2')).json.elapsedSeconds as number
    const res = await call('POST', '/v1/clock/advance', { seconds: 30 })
    expect(res.status).toBe(200)
    expect(res.json.devices.leaf2.elapsedSeconds).toBe(before + 30)
    expect(Object.keys(res.json.devices)).toEqual(['leaf1', 'leaf2'])
    await call('POST', '/v1/devices/leaf2/cli', { commands: 'show hostname' })
    const last = (await call('GET', '/v1/devices/leaf2/log?limit=1')).json.lastSeq as number
    const stale = await call('GET', `/v1/devices/leaf2/log?after=${last + 500}`)
    expect(stale.json.reset).toBe(true)
    expect(stale.json.entries.length).toBeGreaterThan(0)
    expect(stale.json.entries[0].seq).toBeLessThanOrEqual(last)
    expect(stale.json.nextAfter).toBeLessThanOrEqual(last)
    expect((await call('GET', `/v1/devices/leaf2/log?after=${last}`)).json).toEqual({ entries: [], nextAfter: last, more: false, lastSeq: last })
  })
})

// User trial: PUT traffic answered 422 on a 7130, pointing at the TypeScript-only MockSwitch.offerTraffic.
describe('the control API drives a 7130: traffic offered on front ports', () => {
  let lab: MockLab
  let api: ControlApi
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const res = await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, json: await res.json() }
  }
  beforeAll(async () => {
    lab = await MockLab.fromTopology({ defaults: { ports: 4, unlinkedPorts: 'up' }, devices: { tap1: { profile: '7130-48l' } } })
    api = await startControlApi(lab, { token: TOKEN })
  })
  afterAll(async () => {
    await api?.close()
    await lab?.close()
  })

  it('PUT traffic offers rates on et ports (Et1 too); the clock moves port and MetaWatch core counters; null stops it', async () => {
    const bad = await call('PUT', '/v1/devices/tap1/traffic', { interfaces: { et1: { inMbps: 10 } } })
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('invalid_body')
    expect((await call('PUT', '/v1/devices/tap1/traffic', { interfaces: { et9: { gbps: 1 } } })).status).toBe(422)
    const internal = await call('PUT', '/v1/devices/tap1/traffic', { interfaces: { et1: { gbps: 1 }, ap1: { gbps: 1 } } })
    expect(internal).toMatchObject({ status: 422, json: { error: { code: 'rejected', message: 'tap1: traffic is offered on front ports (et1…), not on ap1' } } })
    expect((await call('GET', '/v1/devices/tap1/traffic')).json.interfaces).toEqual({})
    await call('POST', '/v1/devices/tap1/cli', { commands: ['configure', 'interface ap1', 'source et1', 'end'] })
    const set = await call('PUT', '/v1/devices/tap1/traffic', { interfaces: { Et1: { gbps: 1, frameBytes: 500 }, et2: { gbps: 2 } } })
    expect(set).toMatchObject({ status: 200, json: { interfaces: { et1: { gbps: 1, frameBytes: 500 }, et2: { gbps: 2 } }, elapsedSeconds: 0 } })
    expect((await call('POST', '/v1/clock/advance', { seconds: 1 })).json.devices.tap1.elapsedSeconds).toBe(1)
    const out = (await call('POST', '/v1/devices/tap1/cli', { commands: ['show interfaces counters | json', 'show metawatch aggregation counters | json'] })).json.outputs as string[]
    const counters = JSON.parse(out[0] as string) as { interfaces: Record<string, { rxoctets?: string }> }
    expect([counters.interfaces.et1?.rxoctets, counters.interfaces.et2?.rxoctets]).toEqual(['125,000,000', '250,000,000'])
    // ap1 (sourced from et1) is an input of core 2: et1's 1 Gb/s of 500-byte frames reaches it; et2 feeds no core.
    const cores = (JSON.parse(out[1] as string) as { cores: Record<string, { framesIn: string; bytesIn: string }> }).cores
    expect(cores['2']).toMatchObject({ framesIn: '250,000', bytesIn: '125,000,000' })
    expect(cores['0']?.bytesIn).toBe('0')
    await call('PUT', '/v1/devices/tap1/traffic', { interfaces: { et1: null, et2: null } })
    expect((await call('GET', '/v1/devices/tap1/traffic')).json.interfaces).toEqual({})
  })
})
