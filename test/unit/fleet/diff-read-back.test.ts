import { describe, expect, it } from 'vitest'
import { linesNotReadBack } from 'switchyard/fleet'

// The diff as the mock (EOS `show session-config diffs` format) prints it for a change.
const DIFF = `--- system:/running-config
+++ session:/s1-session-config
-vlan 7
-   name old
+vlan 2001
+   name x
interface Ethernet3
+   description up link
+   switchport mode trunk
interface Ethernet4
-   description gone
+   description new
`

describe('linesNotReadBack', () => {
  it('passes when the running-config shows every added line and none of the removed ones', () => {
    const after = 'hostname sw1\n!\nvlan 2001\n   name x\n!\ninterface Ethernet3\n   description up link\n   switchport mode trunk\n!\ninterface Ethernet4\n   description new\n!\n'
    expect(linesNotReadBack(DIFF, after)).toEqual([])
  })

  it('names what is missing or still there', () => {
    const before = 'hostname sw1\n!\nvlan 7\n   name old\n!\ninterface Ethernet3\n!\ninterface Ethernet4\n   description gone\n!\n'
    expect(linesNotReadBack(DIFF, before)).toEqual([
      '-vlan 7',
      '+vlan 2001',
      'vlan 2001 / +name x',
      'interface Ethernet3 / +description up link',
      'interface Ethernet3 / +switchport mode trunk',
      'interface Ethernet4 / -description gone',
      'interface Ethernet4 / +description new',
    ])
  })
})

describe('linesNotReadBack with a unified diff (hunks, context lines prefixed by a space)', () => {
  const UNIFIED = '--- system:/running-config\n+++ session:/s2-session-config\n@@ -8,6 +8,7 @@\n interface Ethernet1\n !\n interface Ethernet2\n+   description uplink\n+!\n !\n interface Ethernet3\n !\n'
  it('reads the parent from the context lines', () => {
    expect(linesNotReadBack(UNIFIED, 'interface Ethernet2\n   description uplink\n!\n')).toEqual([])
    expect(linesNotReadBack(UNIFIED, 'interface Ethernet2\n!\ninterface Ethernet3\n   description uplink\n')).toEqual(['interface Ethernet2 / +description uplink'])
  })
})
