import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { NO_TEXT_FORM } from '../../mocks/cli/command-text.js'
import { SHOW_COMMANDS } from '../../mocks/cli/show-commands.js'
import { MOS_SHOW_COMMANDS } from '../../mocks/cli/mos-commands.js'
import type { CommandSpec } from '../../mocks/cli/command-grammar.js'
import type { CliSession } from '../../mocks/cli/cli-session.js'
import { FIXTURES_DIR } from '../support/fixtures.js'
import { basicAuth, rawPost } from '../support/raw-http.js'
import { sshExec } from '../support/ssh-exec.js'

// Found in a user trial: commands with a JSON model but no text answered '' over eAPI's text format and printed their
// JSON over SSH and the console, so an Ansible `wait_for: result[0] contains 'line protocol is up'` depended on the
// transport; and `show interfaces counters rates`, per-interface forms and `show running-config interfaces X` were
// refused. Real EOS prints the same text on every face.

type RpcAnswer = { result?: unknown[]; error?: { code: number; message: string; data: unknown[] } }

interface Faces {
  mock: MockSwitch
  ep: MockEndpoints
}

async function eapi(f: Faces, command: string, format: 'json' | 'text'): Promise<RpcAnswer> {
  const body = JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', id: 1, params: { version: 1, format, cmds: ['enable', command] } })
  const answer = await rawPost(f.ep.eapiHttp.port, '/command-api', body, basicAuth('admin', 'pw'))
  const parsed = JSON.parse(answer.body) as RpcAnswer
  return parsed.result ? { result: parsed.result.slice(1) } : parsed
}

/** The text of one command on the three text faces; fails unless eAPI text, SSH and the console print the same. */
async function sameTextEverywhere(f: Faces, command: string): Promise<string> {
  const console = f.mock.cli(command)
  const answer = await eapi(f, command, 'text')
  expect(answer.error, `${command} over eAPI text`).toBeUndefined()
  const eapiText = (answer.result?.[0] as { output: string }).output
  const ssh = await sshExec(f.ep.ssh.port, 'admin', 'pw', command)
  expect(eapiText, `${command}: eAPI text vs console`).toBe(console)
  expect(ssh, `${command}: SSH vs console`).toBe(console)
  expect(console).not.toMatch(/^(%|\{)/)
  expect(console.length).toBeGreaterThan(0)
  return console
}

async function jsonModel<T>(f: Faces, command: string): Promise<T> {
  const answer = await eapi(f, command, 'json')
  expect(answer.error, `${command} over eAPI json`).toBeUndefined()
  return answer.result?.[0] as T
}

const eos: Faces = {} as Faces
const mos: Faces = {} as Faces

beforeAll(async () => {
  eos.mock = new MockSwitch({ hostname: 'faces1', ports: 6, username: 'admin', password: 'pw' })
  expect(
    eos.mock.cli([
      'configure',
      'vlan 16',
      'interface Ethernet1',
      'description uplink to spine',
      'interface Ethernet2',
      'no switchport',
      'ip address 10.0.0.1/31',
      'interface Ethernet3',
      'channel-group 2 mode active',
      'interface Ethernet4',
      'channel-group 2 mode active',
      'interface Ethernet5',
      'switchport mode trunk',
      'switchport trunk allowed vlan 16',
      'interface Loopback0',
      'ip address 198.51.100.1/32',
      'interface Vlan16',
      'ip address 10.16.0.1/24',
      'end',
    ]),
  ).toBe('')
  eos.ep = await eos.mock.listen()
  mos.mock = new MockSwitch({ hostname: 'faces7130', platform: 'mos', username: 'admin', password: 'pw' })
  expect(mos.mock.cli(['configure', 'interface et5', 'source et1', 'description tap of et1', 'end'])).toBe('')
  mos.ep = await mos.mock.listen()
})
afterAll(async () => {
  await eos.mock?.close()
  await mos.mock?.close()
})

describe('EOS commands print the same text on every face, from the state their JSON comes from', () => {
  const commands = [
    'show interfaces',
    'show interfaces Ethernet1',
    'show interfaces Et1',
    'show interfaces Port-Channel2',
    'show interfaces counters',
    'show interfaces counters errors',
    'show interfaces counters discards',
    'show interfaces counters rates',
    'show interfaces Ethernet1 counters',
    'show interfaces eth1 counters rates',
    'show interfaces Et1 counters errors',
    'show interfaces Et1 status',
    'show interfaces switchport',
    'show interfaces Et5 switchport',
    'show port-channel',
    'show running-config interfaces Ethernet2',
  ]
  for (const command of commands) {
    it(command, async () => {
      eos.mock.setTraffic('Ethernet1', { inMbps: 200, outMbps: 50, packetBytes: 500 })
      eos.mock.advanceTime(300)
      await sameTextEverywhere(eos, command)
      expect(await jsonModel<object>(eos, command)).toBeTypeOf('object')
    })
  }

  it("'line protocol is up' is in the text of show interfaces Ethernet1 on every face (the Ansible wait_for)", async () => {
    expect(await sameTextEverywhere(eos, 'show interfaces Ethernet1')).toMatch(/^Ethernet1 is up, line protocol is up \(connected\)\n/)
  })

  it('show interfaces follows the state: description, counters, rates and shutdown appear in the text', async () => {
    const dev = eos.mock
    dev.cli(['configure', 'interface Ethernet6', 'description first-words', 'end'])
    expect(await sameTextEverywhere(eos, 'show interfaces Et6')).toContain('  Description: first-words\n')
    dev.cli(['configure', 'interface Ethernet6', 'description changed over the console', 'end'])
    expect(await sameTextEverywhere(eos, 'show interfaces Et6')).toContain('  Description: "changed over the console"\n')

    dev.setTraffic('Ethernet6', { inMbps: 400, outMbps: 100, packetBytes: 1000 })
    dev.advanceTime(600)
    const text = await sameTextEverywhere(eos, 'show interfaces Ethernet6')
    const model = (await jsonModel<{ interfaces: { Ethernet6: { interfaceCounters: { inTotalPkts: number; inOctets: number }; interfaceStatistics: { inBitsRate: number } } } }>(eos, 'show interfaces Ethernet6')).interfaces.Ethernet6
    expect(model.interfaceCounters.inTotalPkts).toBeGreaterThan(0)
    expect(text).toContain(`     ${model.interfaceCounters.inTotalPkts} packets input, ${model.interfaceCounters.inOctets} bytes\n`)
    // 400 Mb/s for 600 s, averaged over the 300 s load interval: 1 - e^-2 of it.
    expect(model.interfaceStatistics.inBitsRate).toBeCloseTo(400e6 * (1 - Math.exp(-2)), -3)
    expect(text).toContain(`  5 minutes input rate ${(model.interfaceStatistics.inBitsRate / 1e6).toPrecision(3)} Mbps (`)

    const rates = await sameTextEverywhere(eos, 'show interfaces Et6 counters rates')
    const rateModel = (await jsonModel<{ interfaces: Record<string, { inBpsRate: number; inPpsRate: number; inPktsRate: number; interval: number; description: string }> }>(eos, 'show interfaces Et6 counters rates')).interfaces
    expect(Object.keys(rateModel)).toEqual(['Ethernet6'])
    const r = rateModel.Ethernet6 as { inBpsRate: number; inPpsRate: number; inPktsRate: number; interval: number; description: string }
    expect(r).toMatchObject({ interval: 300, description: 'changed over the console' })
    expect(r.inPktsRate).toBeCloseTo(((r.inBpsRate + r.inPpsRate * 160) / 1e9) * 100, 9)
    expect(rates.split('\n')[1]).toMatch(new RegExp(`^Et6 +changed ove +5:00 +${(r.inBpsRate / 1e6).toFixed(1)} +${r.inPktsRate.toFixed(1)}% +${Math.round(r.inPpsRate / 1000)} `))

    dev.cli(['configure', 'interface Ethernet6', 'shutdown', 'end'])
    expect(await sameTextEverywhere(eos, 'show interfaces Et6')).toMatch(/^Ethernet6 is administratively down, line protocol is down \(disabled\)\n/)
    dev.advanceTime(3000)
    expect(await sameTextEverywhere(eos, 'show interfaces Et6 counters rates')).toMatch(/^Et6 .* 5:00 +[0-9.]+ +0\.\d% /m)
  })

  it('per-interface forms accept abbreviations and refuse an interface the device lacks, on every face', async () => {
    expect(await sameTextEverywhere(eos, 'show interfaces Et1 status')).toBe(await sameTextEverywhere(eos, 'show interfaces ethernet1 status'))
    expect(eos.mock.cli('show interfaces Et1 status').split('\n').filter((l) => l.startsWith('Et'))).toEqual([expect.stringMatching(/^Et1 +uplink to s +connected/)])
    for (const command of ['show interfaces Et99 status', 'show interfaces Et99 counters rates', 'show running-config interfaces Ethernet99']) {
      expect(eos.mock.cli(command)).toBe('% Interface does not exist\n')
      expect(await sshExec(eos.ep.ssh.port, 'admin', 'pw', command)).toBe('% Interface does not exist\n')
      expect((await eapi(eos, command, 'text')).error).toMatchObject({ code: 1002 })
    }
  })

  it('show running-config interfaces prints the block alone, and its JSON is that block', async () => {
    expect(await sameTextEverywhere(eos, 'show running-config interfaces Et2')).toBe('interface Ethernet2\n   no switchport\n   ip address 10.0.0.1/31\n')
    expect(await jsonModel(eos, 'show running-config interfaces Et2')).toEqual({
      header: [],
      comments: [],
      cmds: { 'interface Ethernet2': { comments: [], cmds: { 'no switchport': null, 'ip address 10.0.0.1/31': null } } },
    })
  })
})

describe("the mock's layouts against recorded EOS text (test/fixtures/eos-text, sources in SOURCES.md)", () => {
  /** A line's shape: values (numbers, MACs, rates, durations, on/off) replaced, the words and punctuation kept. */
  function shape(line: string): string {
    return line
      .replace(/[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}/g, 'MAC')
      .replace(/\b(Up|Down) .*$/, '$1 DURATION')
      .replace(/counters (never|.* ago)$/, 'counters WHEN')
      .replace(/\d+(\.\d+)? [kMG]?bps/g, 'RATE')
      .replace(/\d+(\.\d+)?%/g, 'PCT')
      .replace(/auto negotiation: (on|off)/, 'auto negotiation: X')
      .replace(/[A-Za-z-]+\d+(\/\d+)?\b/g, (w) => w.replace(/\d.*/, 'N'))
      .replace(/\d+(\.\d+)?/g, 'N')
  }

  function blocks(text: string): Map<string, string[]> {
    const out = new Map<string, string[]>()
    let current: string[] = []
    for (const line of text.split('\n')) {
      if (/^\S/.test(line)) out.set(line.split(' ')[0] as string, (current = [line]))
      else if (line !== '') current.push(line)
    }
    return out
  }

  const recorded = blocks(readFileSync(`${FIXTURES_DIR}eos-text/show_interfaces_portchannel.raw`, 'utf8'))

  it('show interfaces: each kind of block has the lines of the recording, in its order', () => {
    const dev = new MockSwitch({ hostname: 'shape1', ports: 4 })
    dev.cli(['configure', 'interface Ethernet1', 'channel-group 2 mode active', 'interface Ethernet2', 'channel-group 2 mode active',
      'interface Ethernet3', 'no switchport', 'ip address 172.16.1.2/24', 'interface Port-Channel1', 'interface Loopback0', 'ip address 44.44.44.44/32',
      'vlan 16', 'interface Vlan16', 'ip address 10.16.100.7/24', 'end', 'clear counters'])
    dev.setLink('Ethernet3', false)
    dev.setTraffic('Ethernet1', { inMbps: 10, outMbps: 5 })
    dev.advanceTime(60)
    const mine = blocks(dev.cli('show interfaces'))
    const pairs: Array<[string, string]> = [
      ['Ethernet1', 'Ethernet47'], // LAG member, up
      ['Ethernet3', 'Ethernet51'], // routed, link down
      ['Loopback0', 'Loopback0'],
      ['Management1', 'Management1'],
      ['Port-Channel1', 'Port-Channel1'], // no members: down, lowerlayerdown
      ['Vlan16', 'Vlan16'],
    ]
    for (const [ours, theirs] of pairs) {
      expect((mine.get(ours) ?? []).map(shape), `${ours} vs recorded ${theirs}`).toEqual((recorded.get(theirs) ?? ['missing']).map(shape))
    }
    // An up Port-Channel with two members: the recording's Port-Channel2, apart from its link-change count.
    const po = (mine.get('Port-Channel2') ?? []).map(shape)
    expect(po).toEqual((recorded.get('Port-Channel2') ?? []).map(shape))
  })

  it('show interfaces counters rates: the recorded header, and an idle port prints the recorded row', () => {
    const [header, row] = readFileSync(`${FIXTURES_DIR}eos-text/show_interfaces_counters_rates.txt`, 'utf8').split('\n')
    const dev = new MockSwitch({ hostname: 'shape2', ports: 2 })
    dev.advanceTime(30)
    const lines = dev.cli('show interfaces counters rates').split('\n')
    expect(lines[0]).toBe(header)
    expect(lines[1]).toBe(row)
  })
})

describe('MOS (7130) commands print the same text on every face', () => {
  for (const command of ['show interfaces et5', 'show interfaces Ethernet5', 'show interfaces status', 'show interfaces counters', 'show interfaces counters errors', 'show metawatch aggregation counters']) {
    it(command, async () => {
      mos.mock.offerTraffic('et1', { gbps: 2 })
      mos.mock.advanceTime(10)
      await sameTextEverywhere(mos, command)
      expect(await jsonModel<object>(mos, command)).toBeTypeOf('object')
    })
  }

  it('show interfaces et5: the L1 source and the counts of the tap, from the same state as its JSON', async () => {
    const text = await sameTextEverywhere(mos, 'show interfaces et5')
    const model = (await jsonModel<{ interfaces: { et5: Record<string, string> } }>(mos, 'show interfaces et5')).interfaces.et5
    expect(model).toMatchObject({ name: 'tap of et1', source: 'et1', tx: 'up <- et1', rx: 'up (link)' })
    expect(text).toContain('  Tx: up <- et1\n  Source: et1\n')
    expect(text).toContain(`  Transmitted ${model.txucastpkts} frames, ${model.txoctets} octets\n`)
    expect(model.txoctets).not.toBe('0')
    expect((await eapi(mos, 'show interfaces et99', 'text')).error).toMatchObject({ code: 1002 })
  })
})

describe('every show command of the mock has a text form (no face can print JSON or nothing instead)', () => {
  const sample: Record<string, string> = { iface: 'Ethernet1', vlans: '1', int: '1', word: 'x', rest: '.', mosport: 'et1', ipv4: '10.0.0.1', prefix: '10.0.0.0/24', ipv6: '::1', prefix6: '::/0', time: '00:00:00' }
  function line(spec: CommandSpec<CliSession>): string {
    return spec.tokens.map((t) => (t.kind === 'keyword' ? t.word : t.kind === 'choice' ? (t.words[0] as string) : (sample[t.type] as string))).join(' ')
  }
  const platforms: Array<[string, () => MockSwitch, ReadonlyArray<CommandSpec<CliSession>>]> = [
    ['veos', () => new MockSwitch({ hostname: 'all1', ports: 2 }), SHOW_COMMANDS],
    ['7280r', () => new MockSwitch({ hostname: 'all2', ports: 2, profile: '7280r' }), SHOW_COMMANDS],
    ['7050x', () => new MockSwitch({ hostname: 'all3', ports: 2, profile: '7050x' }), SHOW_COMMANDS],
    ['7130', () => new MockSwitch({ hostname: 'all4', platform: 'mos' }), MOS_SHOW_COMMANDS],
  ]
  for (const [name, make, specs] of platforms) {
    it(name, () => {
      const dev = make()
      let printed = 0
      for (const spec of specs) {
        const out = dev.cli(['enable', line(spec)])
        expect(out, line(spec)).not.toContain(NO_TEXT_FORM)
        expect(out, line(spec)).not.toMatch(/^\{/)
        if (!out.startsWith('%')) printed++
      }
      expect(printed).toBeGreaterThan(specs.length / 2)
    })
  }

  it('a result without a text form fails the same way on the console, SSH and eAPI text (code 1000)', async () => {
    const { commandText } = await import('../../mocks/cli/command-text.js')
    expect(() => commandText({ json: () => ({}) })).toThrow(NO_TEXT_FORM)
  })
})
