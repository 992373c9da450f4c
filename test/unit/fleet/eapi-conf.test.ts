import { describe, expect, it } from 'vitest'
import { InventoryError, parseEapiConf } from 'switchyard/fleet'

// Shaped like pyeapi's documented eapi.conf (https://pyeapi.readthedocs.io/en/latest/configfile.html).
const CONF = `# pyeapi connection profiles
[DEFAULT]
username: admin

[connection:veos01]
host: 192.0.2.10
transport: https
password: pa#ss;word

[connection:leaf2.lab]
transport = http
port = 8080
username = ops
password = ops-pw
tags: leaves, rack2
timeout: 2.5
`

describe('parseEapiConf', () => {
  it('reads [connection:NAME] sections with DEFAULT values, both delimiters and verbatim passwords', () => {
    const inv = parseEapiConf(CONF, { file: 'eapi.conf' })
    expect(inv.hosts).toEqual([
      { name: 'veos01', address: '192.0.2.10', driver: 'eapi', protocol: 'https', username: 'admin', password: 'pa#ss;word', groups: [], data: {} },
      {
        name: 'leaf2.lab',
        address: 'leaf2.lab',
        driver: 'eapi',
        protocol: 'http',
        port: 8080,
        username: 'ops',
        password: 'ops-pw',
        timeoutMs: 2500,
        groups: ['leaves', 'rack2'],
        data: {},
      },
    ])
    expect(inv.groups.map((g) => [g.name, g.hosts])).toEqual([
      ['leaves', ['leaf2.lab']],
      ['rack2', ['leaf2.lab']],
    ])
  })

  it('reports what it cannot use with the line', () => {
    let error: unknown
    try {
      parseEapiConf('[connection:x]\nport: abc\ntransport: socket\nfoo: 1\n', { file: 'eapi.conf' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InventoryError)
    const issues = (error as InventoryError).issues
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['connection:x', 'transport'], line: 3 }),
        expect.objectContaining({ path: ['connection:x', 'port'], line: 2 }),
        expect.objectContaining({ path: ['connection:x', 'foo'], line: 4 }),
      ]),
    )
  })

  it("takes pyeapi's ca_file as the CA an HTTPS host is verified against (relative to the file's directory); HTTP hosts ignore it", () => {
    const inv = parseEapiConf('[DEFAULT]\nca_file = certs/lab.pem\n\n[connection:a]\ntransport = https\n\n[connection:b]\ntransport = http\n\n[connection:c]\nca_file = /etc/ssl/eos.pem\n', { file: '/srv/lab/eapi.conf' })
    const tls = Object.fromEntries(inv.hosts.map((h) => [h.name, h.tls]))
    expect(tls).toEqual({ a: { ca: { file: '/srv/lab/certs/lab.pem' } }, b: undefined, c: { ca: { file: '/etc/ssl/eos.pem' } } })
  })
})
