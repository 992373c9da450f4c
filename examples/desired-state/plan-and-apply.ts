/**
 * Desired-state demo: starts a mock leaf switch, plans examples/desired-state/leaf.yaml against it (the drift report,
 * with the device's own diff from a dry-run session), applies it as one configure session with commit-confirm,
 * checks the result, confirms, and shows that a second plan is empty.
 *
 * Run: npm run demo:desired-state   (or: npx tsx examples/desired-state/plan-and-apply.ts)
 */
import { readFile } from 'node:fs/promises'
import { connect, formatDrift, parseDesiredState } from 'switchyard'
import { MockSwitch } from 'switchyard/mocks'

const dev = new MockSwitch({ hostname: 'leaf1', ports: 8, username: 'admin', password: 'demo-password' })
const { eapi } = await dev.listen()
const sw = await connect(eapi.connectOptions)

try {
  const file = new URL('./leaf.yaml', import.meta.url)
  const doc = parseDesiredState(await readFile(file, 'utf8'), { source: 'leaf.yaml' })

  console.log('== plan (drift report)')
  const plan = await sw.plan(doc, { deviceDiff: true })
  process.stdout.write(formatDrift(plan, { lines: false }))

  console.log('\n== apply with commit-confirm (120 s)')
  const result = await sw.apply(plan, { confirmWithinSeconds: 120 })
  console.log(`applied: ${result.applied}, changed: ${result.changed}, ${result.commands.length} lines, session ${result.pending?.sessionName ?? '-'}`)

  const vlans = await sw.vlans.list()
  const relay = await sw.dhcpRelay.get()
  const healthy = vlans.some((v) => v.name === 'pxe') && relay.interfaces.some((i) => i.interface === 'Vlan20')
  console.log(`check: VLAN pxe present and Vlan20 relays DHCP: ${healthy}`)
  if (!healthy) {
    await result.rollback()
    throw new Error('check failed: rolled back')
  }
  await result.confirm()
  console.log('confirmed')

  console.log('\n== plan again')
  process.stdout.write(formatDrift(await sw.plan(doc)))
} finally {
  await sw.close()
  await dev.close()
}
