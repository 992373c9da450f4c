import { describe, expect, it } from 'vitest'
import { normalised, parseDesiredState, parsed, rendered, ValidationError, type DesiredStateInput } from '../../src/index.js'
import { planDocument } from '../../src/desired-state/plan-document.js'
import { parseRunningConfigState } from '../../src/desired-state/parse-running-config.js'
import { buildPlan } from '../../src/desired-state/plan.js'
import { mockRunningConfig, problemsOf } from '../support/desired-state-text.js'

/** The running-config of an 8-port 7280R mock (it has LANZ) after `lines` on its console, printed as EOS does. */
const runningConfig = (lines: string[]) => mockRunningConfig(lines, { profile: '7280r' })

/** LANZ on, default thresholds, Ethernet1 and Ethernet2 with their own. */
const CONFIGURED = runningConfig([
  'queue-monitor length',
  'queue-monitor length default thresholds 300000 100000',
  'interface Ethernet1',
  'queue-monitor length thresholds 20000 10000',
  'exit',
  'interface Ethernet2',
  'queue-monitor length thresholds 40000 20000',
  'exit',
])

describe('lanz: reading the running-config', () => {
  it('parsed reads queue-monitor length, its default thresholds and the thresholds in Ethernet blocks', () => {
    expect(parsed(CONFIGURED).lanz).toEqual({
      state: 'overridden',
      config: {
        enabled: true,
        defaultThresholds: { high: 300000, low: 100000 },
        interfaces: [
          { name: 'Ethernet1', thresholds: { high: 20000, low: 10000 } },
          { name: 'Ethernet2', thresholds: { high: 40000, low: 20000 } },
        ],
      },
    })
  })

  it('reads the line forms EOS prints (as Arista AVD eos_cli_config_gen renders them), and `no queue-monitor length` as off', () => {
    // Line forms as in AVD's templates/eos/queue-monitor-length.j2 and real interface blocks; the text is written here.
    const text = [
      'hostname leaf1',
      '!',
      'queue-monitor length',
      'queue-monitor length notifying',
      'queue-monitor length default thresholds 100 10',
      'queue-monitor length cpu thresholds 200000 100000',
      '!',
      'queue-monitor length log 100',
      '!',
      'interface Ethernet3',
      '   description uplink',
      '   queue-monitor length thresholds 500 250',
      '!',
      'end',
    ].join('\n')
    expect(parsed(text, 'eos').lanz?.config).toEqual({ enabled: true, defaultThresholds: { high: 100, low: 10 }, interfaces: [{ name: 'Ethernet3', thresholds: { high: 500, low: 250 } }] })
    const off = parseRunningConfigState('no queue-monitor length\n!\nend\n', 'eos')
    expect(off.platform === 'eos' && off.lanz).toEqual({ enabled: false, defaultThresholds: null, thresholds: new Map() })
  })

  it('a running-config without LANZ lines gives no lanz section (it cannot tell whether the platform has LANZ)', () => {
    expect(parsed(runningConfig([]))).not.toHaveProperty('lanz')
  })
})

describe('lanz: the four states', () => {
  it('merged sets what is given and adds thresholds; planning it again is empty', async () => {
    const doc: DesiredStateInput = {
      lanz: { state: 'merged', config: { enabled: true, defaultThresholds: { high: 300000, low: 100000 }, interfaces: [{ name: 'Et3', thresholds: { high: 9000, low: 3000 } }] } },
    }
    const empty = runningConfig([])
    const lines = await rendered(doc, empty)
    expect(lines).toEqual(['queue-monitor length', 'queue-monitor length default thresholds 300000 100000', 'interface Ethernet3', 'queue-monitor length thresholds 9000 3000', 'exit'])
    expect(await rendered(doc, runningConfig(lines))).toEqual([])
    // Other ports, and what the document does not give, stay as they are.
    expect(await rendered({ lanz: { state: 'merged', config: { interfaces: [{ name: 'Ethernet1', thresholds: { high: 20001, low: 10000 } }] } } }, CONFIGURED)).toEqual([
      'interface Ethernet1',
      'queue-monitor length thresholds 20001 10000',
      'exit',
    ])
    expect(await rendered({ lanz: { state: 'merged', config: { enabled: false } } }, CONFIGURED)).toEqual(['no queue-monitor length'])
    expect(await rendered({ lanz: { state: 'merged', config: { defaultThresholds: null } } }, CONFIGURED)).toEqual(['no queue-monitor length default thresholds'])
  })

  it('replaced gives each listed port exactly its thresholds (none given: the defaults); unlisted ports and unnamed settings stay', async () => {
    const lines = await rendered(
      { lanz: { state: 'replaced', config: { interfaces: [{ name: 'Ethernet1' }, { name: 'Ethernet4', thresholds: { high: 8, low: 8 } }] } } },
      CONFIGURED,
    )
    expect(lines).toEqual(['interface Ethernet4', 'queue-monitor length thresholds 8 8', 'exit', 'interface Ethernet1', 'no queue-monitor length thresholds', 'exit'])
  })

  it('overridden makes LANZ exactly the document: enabled left out is off, no defaults are the platform\'s, unlisted ports lose theirs', async () => {
    const lines = await rendered({ lanz: { state: 'overridden', config: { interfaces: [{ name: 'Ethernet2', thresholds: { high: 40000, low: 20000 } }] } } }, CONFIGURED)
    expect(lines).toEqual(['no queue-monitor length', 'no queue-monitor length default thresholds', 'interface Ethernet1', 'no queue-monitor length thresholds', 'exit'])
    expect(await rendered({ lanz: { state: 'overridden', config: {} } }, runningConfig([]))).toEqual([])
    // The gathered document of a device, applied to it, changes nothing.
    expect(await rendered(parsed(CONFIGURED), CONFIGURED)).toEqual([])
  })

  it('deleted returns what is named to its default, and everything when config is left out or empty', async () => {
    expect(await rendered({ lanz: { state: 'deleted', config: { interfaces: [{ name: 'Ethernet2' }, { name: 'Ethernet5' }] } } }, CONFIGURED)).toEqual([
      'interface Ethernet2',
      'no queue-monitor length thresholds',
      'exit',
    ])
    expect(await rendered({ lanz: { state: 'deleted', config: { enabled: true } } }, CONFIGURED)).toEqual(['no queue-monitor length'])
    const all = ['no queue-monitor length', 'no queue-monitor length default thresholds', 'interface Ethernet1', 'no queue-monitor length thresholds', 'exit', 'interface Ethernet2', 'no queue-monitor length thresholds', 'exit']
    expect(await rendered({ lanz: { state: 'deleted' } }, CONFIGURED)).toEqual(all)
    expect(await rendered({ lanz: { state: 'deleted', config: {} } }, CONFIGURED)).toEqual(all)
  })

  it('comes after the other sections, as one change; normalised keeps the section', async () => {
    const lines = await rendered({ vlans: { config: [{ id: 10 }] }, lanz: { state: 'merged', config: { enabled: true } } }, runningConfig([]))
    expect(lines).toEqual(['vlan 10', 'state active', 'exit', 'queue-monitor length'])
    expect(normalised({ lanz: { state: 'overridden', config: {} } }).lanz).toEqual({ state: 'overridden', config: {} })
    expect(normalised({ lanz: { state: 'merged', config: { interfaces: [{ name: 'et7', thresholds: { high: 2, low: 1 } }] } } }).lanz).toEqual({
      state: 'overridden',
      config: { interfaces: [{ name: 'Ethernet7', thresholds: { high: 2, low: 1 } }] },
    })
  })
})

describe('lanz: every problem with its path, before anything is sent', () => {
  it('refuses a port listed twice, merged without thresholds, and (on a device) a port it lacks', async () => {
    const doc: DesiredStateInput = {
      lanz: {
        state: 'merged',
        config: { interfaces: [{ name: 'Ethernet1', thresholds: { high: 2, low: 1 } }, { name: 'Ethernet1', thresholds: { high: 3, low: 1 } }, { name: 'Ethernet99', thresholds: { high: 2, low: 1 } }, { name: 'Ethernet4' }] },
      },
    }
    const twice = { path: ['lanz', 'config', 'interfaces', 1, 'name'], message: expect.stringMatching(/Ethernet1 is listed twice/) }
    const bare = { path: ['lanz', 'config', 'interfaces', 3, 'thresholds'], message: expect.stringMatching(/merged needs the thresholds/) }
    // rendered() takes every port the document names to exist; a plan against a device's state does not.
    expect(await problemsOf(doc, CONFIGURED)).toEqual([twice, bare])
    let error: unknown
    try {
      planDocument(parseDesiredState(JSON.stringify(doc)), parseRunningConfigState(CONFIGURED))
    } catch (e) {
      error = e
    }
    expect((error as ValidationError).issues).toEqual([twice, { path: ['lanz', 'config', 'interfaces', 2, 'name'], message: 'Ethernet99: the device has no such port' }, bare])
  })

  it('the document schema refuses non-Ethernet ports, low above high, zero, and merged without config', () => {
    const issues = (text: string) => {
      try {
        parseDesiredState(text)
      } catch (e) {
        return (e as ValidationError).issues.map((i) => `${i.path.join('.')}: ${i.message}`)
      }
      throw new Error('no error')
    }
    expect(issues('lanz:\n  config:\n    interfaces:\n      - { name: Port-Channel1, thresholds: { high: 2, low: 1 } }\n')).toEqual(['lanz.config.interfaces.0.name: LANZ thresholds apply to Ethernet ports only'])
    expect(issues('lanz:\n  config:\n    defaultThresholds: { high: 2, low: 3 }\n')).toEqual(['lanz.config.defaultThresholds.low: the low threshold must not exceed the high threshold'])
    expect(issues('lanz:\n  config:\n    defaultThresholds: { high: 0, low: 0 }\n')).toEqual(expect.arrayContaining([expect.stringMatching(/high: a LANZ threshold is at least 1/)]))
    expect(issues('lanz:\n  state: replaced\n')).toEqual(['lanz.config: state replaced needs config'])
  })

  it('refuses the section on a 7130, and on a switch without LANZ', async () => {
    const mos = await problemsOf({ platform: 'mos', lanz: { state: 'deleted' } })
    expect(mos).toEqual([{ path: ['lanz'], message: 'lanz is not a section of a 7130 (MOS)' }])
    const doc = parseDesiredState('lanz:\n  config: { enabled: true }\n')
    const state = parseRunningConfigState(runningConfig([]))
    expect(planDocument(doc, state, { lanzAvailable: true }).changes).toHaveLength(1)
    const refused = (() => {
      try {
        planDocument(doc, state, { lanzAvailable: false })
      } catch (e) {
        return e as ValidationError
      }
      throw new Error('no error')
    })()
    expect(refused.issues).toEqual([{ path: ['lanz'], message: expect.stringMatching(/this switch has no LANZ .*leave the lanz section out/) }])
  })

  it('a plan shows LANZ per resource: global settings and ports', async () => {
    const doc = parseDesiredState('lanz:\n  state: overridden\n  config:\n    enabled: true\n    interfaces: [{ name: Ethernet3, thresholds: { high: 6, low: 5 } }]\n')
    const plan = await buildPlan(doc, parseRunningConfigState(CONFIGURED), {})
    expect(plan.resources).toEqual([
      {
        resource: 'lanz',
        added: [{ key: 'Ethernet3', after: { high: 6, low: 5 } }],
        changed: [{ key: 'global', fields: [{ field: 'defaultHigh', before: 300000, after: null }, { field: 'defaultLow', before: 100000, after: null }] }],
        removed: [
          { key: 'Ethernet1', before: { high: 20000, low: 10000 } },
          { key: 'Ethernet2', before: { high: 40000, low: 20000 } },
        ],
      },
    ])
  })
})
