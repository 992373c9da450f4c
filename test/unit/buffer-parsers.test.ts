import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseHardwareDrops, parseQueueMonitorLength, parseQueueMonitorStatus, renderChanges, isUnsupportedPlatformError } from '../../drivers/eos/index.js'
import { ParseError, Transaction, ValidationError } from '../../src/index.js'

/** Reads a recording from test/fixtures/buffers (see its README for each file's source). */
function recording(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/buffers/${name}`, import.meta.url), 'utf8'))
}

describe('LANZ: show queue-monitor length', () => {
  // Recorded from a Sand switch, published by aristanetworks/goeapi (testdata/fixtures, BSD-3-Clause).
  const goeapi = recording('goeapi_show_queue-monitor_length_Et24.json') as { result: unknown[] }

  it('parses the goeapi recording unchanged: bytes on Sand, segments derived, device times in µs', () => {
    const report = parseQueueMonitorLength(goeapi.result[1])
    expect(report).toMatchObject({ enabled: true, platformName: 'Sand', unit: 'bytes', segmentBytes: 512 })
    expect(report.reportTime.getTime()).toBe(1568892561551)
    expect(report.records).toHaveLength(4)
    expect(report.records[0]).toEqual({
      interface: 'Ethernet24',
      trafficClass: 2,
      entryType: 'polling',
      queueLengthBytes: 73520,
      queueLengthSegments: 144,
      durationUs: 1_000_000,
      timeUs: 1568892560445182,
      time: new Date(1568892560445),
      ingressInterfaces: ['Ethernet3/1', 'Ethernet4/1', 'Ethernet5/1', 'Ethernet8/1', 'Ethernet9/1', 'Ethernet10/1', 'Ethernet25/1', 'Ethernet26/1', 'Ethernet30/1'],
    })
    expect(report.records.map((r) => [r.trafficClass, r.queueLengthBytes, r.durationUs])).toEqual([
      [2, 73520, 1_000_000],
      [0, 489744, 4_004_448],
      [2, 46384, 1_000_000],
      [0, 247568, 1_000_000],
    ])
  })

  it('a segment platform reports segments; bytes are segments × segment size; start/update/end types', () => {
    const report = parseQueueMonitorLength({
      reportTime: 1700000000.5,
      bytesPerTxmpSegment: 208,
      lanzEnabled: true,
      platformName: 'Strata',
      entryList: [
        { interface: 'Ethernet1', entryType: 'E', trafficClass: 1, queueLength: 1000, duration: 0, durationUsecs: 2500, entryTime: 1700000000.25, entryTimeUsecs: 1700000000250000 },
        { interface: 'Ethernet1', entryType: 'S', trafficClass: 1, queueLength: 600, entryTime: 1700000000.25 },
      ],
    })
    expect(report.unit).toBe('segments')
    expect(report.records.map((r) => [r.entryType, r.queueLengthSegments, r.queueLengthBytes, r.durationUs, r.timeUs])).toEqual([
      ['end', 1000, 208_000, 2500, 1700000000250000],
      ['start', 600, 124_800, 0, 1700000000250000],
    ])
  })

  it('LANZ off: no records; a shape without lanzEnabled is a parse error, not a guess', () => {
    expect(parseQueueMonitorLength({ reportTime: 1, lanzEnabled: false, platformName: 'Sand', bytesPerTxmpSegment: 512 }).records).toEqual([])
    expect(() => parseQueueMonitorLength({ reportTime: 1, entryList: [] })).toThrow(ParseError)
  })

  it('show queue-monitor length status (ANTA test data)', () => {
    const status = recording('anta_show_queue-monitor_length_status.json') as Record<string, unknown>
    expect(parseQueueMonitorStatus(status.enabled)).toBe(true)
    expect(parseQueueMonitorStatus(status.disabled)).toBe(false)
  })
})

describe('hardware drop counters: show hardware counter drop [rates]', () => {
  // ANTA's unit-test data for VerifyAdverseDrops (aristanetworks/anta tests/units/anta_tests/test_hardware.py, Apache-2.0).
  const rates = recording('anta_show_hardware_counter_drop_rates.json') as Record<string, unknown>

  it('parses every ANTA case: chip, type, counter, count and the windows it has', () => {
    for (const output of Object.values(rates)) expect(() => parseHardwareDrops(output)).not.toThrow()
    const failure = parseHardwareDrops(rates.failure)
    expect(failure.totals).toBeUndefined()
    expect(failure.counters).toEqual([
      {
        chip: 'Fap0',
        type: 'adverse',
        typeName: 'Adverse',
        name: 'EpniAlignerError',
        dropCount: 7n,
        recent: { lastMinute: 1n, lastTenMinutes: 2n, lastHour: 3n, lastDay: 4n, lastWeek: 5n },
      },
    ])
    expect(parseHardwareDrops(rates['success-not-adverse']).counters[0]?.type).toBe('packetProcessor')
  })

  it('windows missing from a device are absent, not zero', () => {
    const [counter] = parseHardwareDrops(rates['success-with-missing-thresholds-from-eapi']).counters
    expect(counter?.recent).toEqual({ lastMinute: 2n, lastTenMinutes: 2n })
  })

  it('the totals-only shape (ANTA test_models) gives totals and no counters', () => {
    expect(parseHardwareDrops(recording('anta_show_hardware_counter_drop_empty.json'))).toEqual({
      counters: [],
      totals: { adverse: 0n, congestion: 0n, packetProcessor: 0n },
    })
  })

  // The sample quoted in reference/eapi.md §2.7: a docstring of a public eAPI helper found by content search, whose
  // repository could not be pinned down; kept inline as a shape check rather than as a named recording.
  it('the full per-chip shape the reference records (Jericho, counter id, event count and times)', () => {
    const parsed = parseHardwareDrops({
      totalPacketProcessorDrops: 64,
      totalCongestionDrops: 0,
      totalAdverseDrops: 1,
      dropEvents: {
        'Jericho6/0': {
          dropEvent: [
            {
              lastEventTime: '2024-01-09 16:49:12',
              eventCount: 1,
              dropInLastMinute: 0,
              initialEventTime: '2024-01-09 16:49:12',
              dropInLastOneDay: 0,
              dropInLastOneHour: 0,
              dropInLastTenMinute: 0,
              dropCount: 1,
              counterType: 'PacketProcessor',
              counterId: 48,
              counterName: 'dropVoqInMcastEmptyMcid',
            },
          ],
        },
      },
    })
    expect(parsed.totals).toEqual({ adverse: 1n, congestion: 0n, packetProcessor: 64n })
    expect(parsed.counters[0]).toMatchObject({ chip: 'Jericho6/0', type: 'packetProcessor', id: 48, eventCount: 1, firstEvent: '2024-01-09 16:49:12', dropCount: 1n })
  })

  it("ANTA's unsupported-platform error for the command is recognised as such", () => {
    expect(isUnsupportedPlatformError("Unavailable command (not supported on this hardware platform) (at token 2: 'counter')")).toBe(true)
    expect(isUnsupportedPlatformError("Invalid input (at token 1: 'bogus')")).toBe(false)
  })
})

describe('LANZ configuration as a change', () => {
  it('renders on/off and per-port thresholds in interface blocks', () => {
    const tx = new Transaction()
    tx.lanz.configure({ enabled: true, thresholds: [{ interface: 'et1', high: 20000, low: 10000 }], clearThresholds: ['Ethernet2'] })
    expect(tx.intents).toEqual([
      { kind: 'lanz.configure', enabled: true, thresholds: [{ interface: 'Ethernet1', high: 20000, low: 10000 }], clearThresholds: ['Ethernet2'] },
    ])
    expect(renderChanges(tx.intents as never)).toEqual([
      'queue-monitor length',
      'interface Ethernet1',
      'queue-monitor length thresholds 20000 10000',
      'exit',
      'interface Ethernet2',
      'no queue-monitor length thresholds',
      'exit',
    ])
    expect(renderChanges([{ kind: 'lanz.configure', enabled: false, thresholds: [], clearThresholds: [] }])).toEqual(['no queue-monitor length'])
  })

  it('refuses empty, inverted, non-Ethernet, duplicated and injected input', () => {
    const tx = new Transaction()
    expect(() => tx.lanz.configure({})).toThrow(ValidationError)
    expect(() => tx.lanz.configure({ thresholds: [{ interface: 'Ethernet1', high: 10, low: 20 }] })).toThrow(/low threshold/)
    expect(() => tx.lanz.configure({ thresholds: [{ interface: 'Vlan10', high: 20, low: 10 }] })).toThrow(/Ethernet ports only/)
    expect(() => tx.lanz.configure({ thresholds: [{ interface: 'Ethernet1', high: 20, low: 10 }], clearThresholds: ['Et1'] })).toThrow(/listed twice/)
    expect(() => tx.lanz.configure({ thresholds: [{ interface: 'Ethernet1\nreload', high: 20, low: 10 }] })).toThrow(ValidationError)
    expect(() => tx.lanz.configure({ thresholds: [{ interface: 'Ethernet1', high: 1.5, low: 1 }] })).toThrow(ValidationError)
    expect(tx.intents).toEqual([])
  })
})
