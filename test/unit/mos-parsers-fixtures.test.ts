import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isMosVersion, parseMosApplications, parseMosCounters, parseMosFacts, parseMosPorts } from '../../drivers/mos/index.js'
import { FIXTURES_DIR, fixture } from '../support/fixtures.js'

describe('MOS parsers on the real recordings in test/fixtures/mos', () => {
  it('covers every MOS fixture file', () => {
    expect(readdirSync(`${FIXTURES_DIR}mos`).sort()).toEqual([
      'show_interfaces_counters.json',
      'show_interfaces_counters_errors.json',
      'show_interfaces_status.json',
      'show_version.json',
    ])
  })

  it('show version: detected as MOS (and EOS is not), facts and applications', () => {
    const version = fixture('mos/show_version.json')
    expect(isMosVersion(version)).toBe(true)
    expect(isMosVersion(fixture('eos/show_version.json'))).toBe(false)
    expect(parseMosFacts(version)).toEqual({
      hostname: '',
      fqdn: '',
      model: 'Metamako MetaConnect 16',
      osVersion: '0.14.1',
      serialNumber: 'C16-B2-12345-6',
      systemMac: '',
      platform: 'mos',
      uptimeSeconds: 8 * 3600 + 49 * 60 + 16.86,
    })
    expect(parseMosApplications((version as { applications: string }).applications)).toEqual([
      { name: 'metamux', version: '0.14.7' },
      { name: 'metawatch', version: '0.5.2' },
      { name: 'netconf', version: '0.6' },
    ])
  })

  it('show interfaces status: 17 ports with their L1 sources; empty strings become null', () => {
    const ports = parseMosPorts(fixture('mos/show_interfaces_status.json'))
    expect(ports.map((p) => p.name)).toEqual([...Array.from({ length: 16 }, (_, i) => `et${i + 1}`), 'ma1'])
    expect(ports[0]).toEqual({ name: 'et1', kind: 'front', description: '', source: 'mac', rx: 'up (link)', tx: 'up <- mac', speed: '10G', transceiver: '1X Copper Passive' })
    expect(ports[1]).toEqual({ name: 'et2', kind: 'front', description: '', source: 'et1', rx: 'up (link)', tx: 'up <- et1', speed: '10G', transceiver: 'NOT PRESENT' })
    expect(ports[2]).toEqual({ name: 'et3', kind: 'front', description: '', source: null, rx: '', tx: '', speed: '', transceiver: 'NOT PRESENT' })
    expect(ports[16]).toEqual({ name: 'ma1', kind: 'mgmt', description: '', source: null, rx: 'up (link)', tx: 'up (link)', speed: '1G', transceiver: '100/1000' })
  })

  it('show interfaces counters + errors: thousands separators parsed into exact bigints', () => {
    const counters = parseMosCounters(fixture('mos/show_interfaces_counters.json'), fixture('mos/show_interfaces_counters_errors.json'))
    expect(counters).toHaveLength(16)
    const zero = { fcsErrors: 0n, alignErrors: 0n, runts: 0n, giants: 0n, rxErrors: 0n, txErrors: 0n }
    expect(counters[0]).toEqual({
      port: 'et1',
      rxOctets: 68_966_711n,
      txOctets: 0n,
      rxUcastPkts: 15_857n,
      txUcastPkts: 0n,
      rxMcastPkts: 617_659n,
      txMcastPkts: 0n,
      rxBcastPkts: 161_591n,
      txBcastPkts: 0n,
      ...zero,
    })
    expect(counters[1]).toEqual({
      port: 'et2',
      rxOctets: 0n,
      txOctets: 68_966_711n,
      rxUcastPkts: 0n,
      txUcastPkts: 15_857n,
      rxMcastPkts: 0n,
      txMcastPkts: 617_659n,
      rxBcastPkts: 0n,
      txBcastPkts: 161_591n,
      ...zero,
    })
    expect(counters.slice(2).every((c) => c.rxOctets === 0n && c.txOctets === 0n)).toBe(true)
  })
})
