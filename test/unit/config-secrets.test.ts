import { describe, expect, it } from 'vitest'
import { redactConfigSecrets } from '../../src/config-secrets.js'
import { CommandRejectedError, CommitFailedError, OutcomeUnknownError, ValidationError } from '../../src/errors.js'
import { validateRawLines } from '../../src/raw-config.js'

const LINES: Array<[string, string]> = [
  ['username bob secret Sup3rS3cretZZ', 'username bob secret <removed>'],
  ['username bob secret 0 Sup3rS3cretZZ', 'username bob secret 0 <removed>'],
  ['username bob secret sha512 $6$abc$Sup3rS3cretZZ', 'username bob secret sha512 <removed>'],
  ['enable password 0 Sup3rS3cretZZ', 'enable password 0 <removed>'],
  ['snmp-server community CommZZsecret ro', 'snmp-server community <removed> ro'],
  ['tacacs-server key 7 Sup3rS3cretZZ', 'tacacs-server key 7 <removed>'],
  ['   neighbor 10.0.0.1 password 7 Sup3rS3cretZZ', '   neighbor 10.0.0.1 password 7 <removed>'],
  ['ntp authentication-key 1 md5 Sup3rS3cretZZ', 'ntp authentication-key 1 md5 <removed>'],
  ['snmp-server user u g v3 auth sha Sup3rS3cretZZ priv aes CommZZsecret', 'snmp-server user u g v3 auth sha <removed> priv aes <removed>'],
  ['   ip ospf message-digest-key 1 md5 Sup3rS3cretZZ', '   ip ospf message-digest-key 1 md5 <removed>'],
  ['   ip ospf message-digest-key 1 md5 7 Sup3rS3cretZZ', '   ip ospf message-digest-key 1 md5 7 <removed>'],
  ['   ip ospf message-digest-key 2 sha256 Sup3rS3cretZZ', '   ip ospf message-digest-key 2 sha256 <removed>'],
  ['   ip ospf authentication-key 7 Sup3rS3cretZZ', '   ip ospf authentication-key 7 <removed>'],
  ['enable password 7', 'enable password <removed>'],
  ['snmp-server host 10.1.1.1 version 2c CommZZsecret', 'snmp-server host 10.1.1.1 version 2c <removed>'],
  ['snmp-server host 10.1.1.1 vrf MGMT informs version 2c CommZZsecret udp-port 162', 'snmp-server host 10.1.1.1 vrf MGMT informs version 2c <removed> udp-port 162'],
  ['snmp-server host 10.1.1.1 CommZZsecret', 'snmp-server host 10.1.1.1 <removed>'],
  ['snmp-server host 10.1.1.1 version 3 priv opsuser', 'snmp-server host 10.1.1.1 version 3 priv opsuser'],
  ['vlan 10', 'vlan 10'],
  ['   description uplink to core', '   description uplink to core'],
]

describe('secret values in configuration lines never reach an error', () => {
  it.each(LINES)('%s', (line, redacted) => {
    expect(redactConfigSecrets(line)).toBe(redacted)
  })

  it('a rejected command, a failed commit, an unknown outcome and a refused raw line quote no secret', () => {
    const errors = [
      new CommandRejectedError({ command: 'username bob secret Sup3rS3cretZZ', index: 0, deviceMessage: "Invalid input (at token 3: 'Sup3rS3cretZZ')" }),
      new CommitFailedError('the change was not applied: snmp-server community CommZZsecret ro was refused', ['snmp-server community CommZZsecret ro']),
      new OutcomeUnknownError('no answer', { sessionName: 'switchyard-x-000000', commands: ['username bob secret Sup3rS3cretZZ'], check: 'look' }),
    ]
    let refused: unknown
    try {
      validateRawLines(['username bob secret Sup3r|S3cretZZ'], 'lines')
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(ValidationError)
    for (const error of [...errors, refused]) {
      const text = `${String(error)} ${JSON.stringify(error)} ${JSON.stringify(Object.values(error as object))}`
      expect(text).not.toMatch(/Sup3r|CommZZsecret/)
    }
  })
})
