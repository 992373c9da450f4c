/**
 * switchyard demo: starts a mock Arista 7280R with its eAPI server on 127.0.0.1, connects as a user would (TLS
 * verified against the mock's certificate) and walks through reading and changing the switch.
 *
 * Run: npm start
 */
import { connect, formatVlanRanges, stringifyJson } from 'switchyard'
import { MockSwitch } from 'switchyard/mocks'
import { printTable } from './print-table.js'

const dev = new MockSwitch({ hostname: 'leaf1', profile: '7280r', ports: 48, username: 'admin', password: 'demo-password' })
const { eapi } = await dev.listen()
console.log(`mock switch leaf1 listening on ${eapi.url} (certificate ${eapi.fingerprintSha256?.slice(0, 23)}…)`)
const sw = await connect(eapi.connectOptions)

try {
  printTable('facts', [await sw.facts()])

  await sw.configure((tx) => {
    tx.vlans.create({ id: 10, name: 'users' })
    tx.vlans.create({ id: 20, name: 'pxe' })
    tx.vlans.create({ id: 30, name: 'voice' })
  })
  printTable('VLANs after creating 10, 20 and 30', (await sw.vlans.list()).map((v) => ({ ...v, interfaces: v.interfaces.length })))

  await sw.configure((tx) => {
    for (const port of ['Ethernet1', 'Ethernet2', 'Ethernet3', 'Ethernet4']) tx.interfaces.configure(port, { mode: 'access', accessVlan: 10, description: 'desk' })
    tx.interfaces.configure('Ethernet48', { mode: 'trunk', nativeVlan: 10, allowedVlans: [10, 20, 30], description: 'uplink' })
  })
  const interfaces = await sw.interfaces.list()
  printTable(
    'switchports (first 4 and the uplink)',
    interfaces
      .filter((i) => ['Ethernet1', 'Ethernet2', 'Ethernet3', 'Ethernet4', 'Ethernet48'].includes(i.name))
      .map((i) => ({ name: i.name, mode: i.mode, access: i.accessVlan, native: i.nativeVlan, allowed: i.mode === 'trunk' ? formatVlanRanges(i.allowedVlans) : '', description: i.description })),
  )

  await sw.lags.create({ id: 10, members: ['Ethernet45', 'Ethernet46'], mode: 'active', minLinks: 1 })
  printTable(
    'port-channels',
    (await sw.lags.list()).flatMap((l) => l.members.map((m) => ({ lag: l.name, minLinks: l.minLinks, member: m.interface, mode: m.mode, status: m.status }))),
  )

  await sw.configure((tx) => {
    tx.dhcpRelay.set('Vlan20', [{ address: '10.0.0.5' }, { address: '10.0.0.6' }])
    tx.dhcpRelay.setGlobal({ option82: true })
  })
  const relay = await sw.dhcpRelay.get()
  printTable(
    `DHCP relay for the PXE VLAN (option 82 ${relay.option82 ? 'on' : 'off'})`,
    relay.interfaces.flatMap((i) => i.servers.map((s) => ({ interface: i.interface, server: s.address, vrf: s.vrf ?? 'default' }))),
  )

  const dry = await sw.vlans.update(30, { name: 'phones' }, { dryRun: true })
  console.log(`\n== dry run: rename VLAN 30 (applied: ${dry.applied})\n${dry.diff}`)
  console.log(`VLAN 30 is still named '${(await sw.vlans.get(30))?.name}'`)

  const committed = await sw.vlans.update(30, { name: 'phones' })
  console.log(`\n== committed: rename VLAN 30 (applied: ${committed.applied})\n${committed.diff}`)
  console.log(`VLAN 30 is now named '${(await sw.vlans.get(30))?.name}'`)

  dev.setTraffic('Ethernet48', { inMbps: 2_000, outMbps: 12_000, packetBytes: 1_200, outDropRatio: 1 / 6, trafficClass: 5 })
  dev.setTraffic('Ethernet1', { inMbps: 900, outMbps: 300 })
  dev.advanceTime(60)
  const drops = await sw.counters.drops()
  printTable(
    `drops after 60 s of 12 Gb/s offered to the 10 Gb/s uplink (queue counters: ${drops.queueSource})`,
    [
      ...drops.interfaces.filter((d) => d.inDiscards + d.outDiscards > 0n).map((d) => ({ interface: d.interface, kind: 'discards', in: d.inDiscards, out: d.outDiscards })),
      ...drops.queues.filter((q) => q.droppedPackets > 0n).map((q) => ({ interface: q.interface, kind: `${q.direction} TC${q.trafficClass}`, in: '', out: q.droppedPackets })),
    ],
  )
  const counters = await sw.counters.interfaces()
  printTable(
    'interface counters (ports with traffic)',
    counters.filter((c) => c.inOctets + c.outOctets > 0n).map((c) => ({ interface: c.interface, inOctets: c.inOctets, outOctets: c.outOctets, inPkts: c.inUcastPkts, outPkts: c.outUcastPkts, outDiscards: c.outDiscards })),
  )
  const uplink = counters.find((c) => c.interface === 'Ethernet48')
  console.log(`\n== Ethernet48 counters as JSON, as a pipeline would store them (64-bit counters as decimal strings)\n${stringifyJson(uplink, 2)}`)
} finally {
  await sw.close()
  await dev.close()
}
