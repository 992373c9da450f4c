import { describe, expect, it } from 'vitest'
import { InventoryError, parseInventory } from 'switchyard/fleet'

const LAB = `defaults:
  driver: eapi
  username: admin
  password: { env: EOS_PASSWORD }
  data: { site: ams }
groups:
  leaves:
    defaults: { protocol: https, tls: { insecure: false } }
    data: { role: leaf, loc: { row: 1, hall: a } }
    children: [rack1]
  rack1:
    defaults: { protocol: http }
    data: { rack: r1, loc: { row: 2 } }
  blue:
    data: { color: blue }
  red:
    data: { color: red }
hosts:
  leaf1:
    address: 127.0.0.1
    port: 40001
    groups: [rack1, blue, red]
    tls: { ca: { file: certs/ca.pem }, servername: leaf1.lab }
    ssh: { knownHostsFile: known_hosts }
    data: { site: fra }
  leaf2:
    groups: [leaves]
    driver: ssh
  spine1:
`

describe('parseInventory', () => {
  const inv = parseInventory(LAB, { file: '/etc/switchyard/lab.yaml' })
  const host = (name: string) => inv.hosts.find((h) => h.name === name)

  it('merges defaults, groups (parents before nested children) and the host, host last', () => {
    const leaf1 = host('leaf1')
    expect(leaf1).toMatchObject({ address: '127.0.0.1', port: 40001, driver: 'eapi', username: 'admin', protocol: 'http' })
    expect(leaf1?.groups).toEqual(['leaves', 'blue', 'red', 'rack1'])
    expect(leaf1?.data).toEqual({ site: 'fra', role: 'leaf', loc: { row: 2, hall: 'a' }, rack: 'r1', color: 'red' })
    expect(leaf1?.tls).toEqual({ insecure: false, ca: { file: '/etc/switchyard/certs/ca.pem' }, servername: 'leaf1.lab' })
    expect(leaf1?.ssh?.knownHostsFile).toBe('/etc/switchyard/known_hosts')
    expect(host('leaf2')).toMatchObject({ driver: 'ssh', protocol: 'https', address: 'leaf2', data: { site: 'ams', role: 'leaf' } })
    expect(host('spine1')).toMatchObject({ address: 'spine1', driver: 'eapi', groups: [], data: { site: 'ams' } })
  })

  it('keeps secrets as references', () => {
    expect(host('leaf1')?.password).toEqual({ env: 'EOS_PASSWORD' })
    expect(JSON.stringify(inv)).not.toContain('secret')
  })

  it('names the winning group when two unrelated groups set the same value, and not for nesting', () => {
    expect(inv.warnings).toEqual(['host leaf1: data.color is set by groups blue and red; red wins (listed later by the host)'])
  })

  it('lists groups with their nesting and hosts', () => {
    expect(inv.groups.find((g) => g.name === 'leaves')).toEqual({ name: 'leaves', parents: [], children: ['rack1'], hosts: ['leaf1', 'leaf2'] })
    expect(inv.groups.find((g) => g.name === 'rack1')?.parents).toEqual(['leaves'])
  })
})

describe('inventory errors carry file:line:column', () => {
  const errorOf = (text: string): InventoryError => {
    try {
      parseInventory(text, { file: 'inv.yaml' })
    } catch (error) {
      if (error instanceof InventoryError) return error
      throw error
    }
    throw new Error('no error')
  }

  it('reports every schema problem at its place', () => {
    const e = errorOf('hosts:\n  leaf1:\n    port: 99999\n    bogus: 1\n')
    expect(e.code).toBe('SY_VALIDATION')
    expect(e.issues).toEqual([
      expect.objectContaining({ path: ['hosts', 'leaf1', 'port'], line: 3, column: 11 }),
      expect.objectContaining({ path: ['hosts', 'leaf1', 'bogus'], line: 4, column: 5, message: "unknown key 'bogus'" }),
    ])
    expect(e.message).toContain('inv.yaml:3:11: hosts.leaf1.port:')
  })

  it('reports YAML syntax errors with their line', () => {
    const e = errorOf('hosts:\n  a: [1\n')
    expect(e.issues[0]?.line).toBe(3)
  })

  it('reports unknown groups, unknown children and cycles', () => {
    expect(errorOf('hosts:\n  h: { groups: [x, nope] }\ngroups:\n  x: {}\n').issues).toEqual([
      expect.objectContaining({ message: "no group named 'nope'", line: 2, column: 20 }),
    ])
    expect(errorOf('groups:\n  a: { children: [zz] }\nhosts: {}\n').issues[0]).toMatchObject({ message: "no group named 'zz'", line: 2, column: 19 })
    const cycle = errorOf('groups:\n  a: { children: [b] }\n  b: { children: [a] }\nhosts:\n  h: { groups: [a] }\n')
    expect(cycle.issues.map((i) => i.message)).toContain('groups nest in a cycle: a -> b -> a')
  })

  it('refuses host names that would make --limit ambiguous, and bad secret references', () => {
    expect(errorOf('hosts:\n  "a,b": {}\n').issues[0]?.line).toBe(2)
    const e = errorOf('hosts:\n  h:\n    password: { env: 1X }\n')
    expect(e.issues[0]).toMatchObject({ path: ['hosts', 'h', 'password', 'env'], line: 3, column: 22 })
  })
})
