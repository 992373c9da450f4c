import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { inventoryJsonSchema } from 'switchyard/fleet'

const published: unknown = JSON.parse(readFileSync(new URL('../../../schema/inventory.json', import.meta.url), 'utf8'))

describe('schema/inventory.json', () => {
  it('is what the zod schema generates (regenerate: node --import tsx test/support/write-inventory-schema.ts)', () => {
    expect(published).toEqual(inventoryJsonSchema())
  })

  it('accepts the documented format and rejects an unknown key', () => {
    const validate = new Ajv2020({ strict: false }).compile(published as object)
    const doc = parse(`defaults: { driver: eapi, username: admin, password: { env: EOS_PASSWORD } }
groups:
  leaves: { defaults: { protocol: https }, data: { role: leaf }, children: [rack1] }
  rack1: {}
hosts:
  leaf1:
    address: 127.0.0.1
    port: 40001
    platform: eos
    tls: { fingerprintSha256: "${'AB:'.repeat(31)}AB", ca: { file: ca.pem }, insecure: false }
    ssh: { hostKeySha256: "SHA256:${'a'.repeat(43)}", knownHostsFile: ~/.ssh/known_hosts, privateKey: { file: key } }
    snmp: { version: 2c, community: { env: SNMP_COMMUNITY } }
    groups: [leaves]
    data: { site: ams, rack: r1 }
`)
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ hosts: { a: { bogus: 1 } } })).toBe(false)
  })
})
