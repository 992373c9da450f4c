import { z } from 'zod'

/** A secret in a topology: the value itself, or `{ env: NAME }` to read it from the lab process's environment. */
export const TopologySecretSchema = z
  .union([z.string().min(1).max(256), z.strictObject({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') })])
  .describe('a literal string, or { env: NAME } read from the environment of the lab process')

/** A listening port: a fixed number, or `auto` (one the OS picks, the default). */
export const TopologyPortSchema = z.union([z.literal('auto'), z.int().min(1).max(65_535)]).describe('a TCP/UDP port on 127.0.0.1, or auto')

/** The ports of a device's faces. */
export const TopologyListenSchema = z
  .strictObject({
    eapiHttps: TopologyPortSchema.optional(),
    eapiHttp: TopologyPortSchema.optional(),
    ssh: TopologyPortSchema.optional(),
    snmp: TopologyPortSchema.optional(),
  })
  .describe('ports per face; absent or auto: one the OS picks')

/** The platform profiles a lab device can have: the EOS ones and the 7130-48L running MOS. */
export const TopologyProfileSchema = z.enum(['veos', '7280r', '7050x', '7130-48l'])

/** Login credentials of a device. */
export const TopologyCredentialsSchema = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'letters, digits, ".", "_" or "-", at most 32').optional(),
  password: TopologySecretSchema.optional(),
  enablePassword: TopologySecretSchema.optional(),
})

const deviceFields = {
  profile: TopologyProfileSchema.optional().describe('platform profile (default veos)'),
  ports: z.int().min(1).max(256).optional().describe('front-panel Ethernet ports (default 48)'),
  credentials: TopologyCredentialsSchema.optional().describe('default admin / admin'),
  unlinkedPorts: z.enum(['down', 'up']).optional().describe('link state of Ethernet ports in no link (default down)'),
}

/** Settings every device takes unless it sets its own. */
export const TopologyDefaultsSchema = z.strictObject(deviceFields)

/** One device of a lab. */
export const TopologyDeviceSchema = z.strictObject({ ...deviceFields, listen: TopologyListenSchema.optional() })

/** A device hostname (the key under `devices`). */
export const TopologyHostnameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,62}$/, 'a hostname: a letter, then letters, digits or "-"')

/** One end of a link: `device:port`, e.g. `leaf1:Ethernet1` (`Et1` works too; `et1` on a 7130). */
export const TopologyLinkEndSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9-]*:[A-Za-z-]+\d+$/, 'device:port, e.g. leaf1:Ethernet1')

/** A lab topology: devices by hostname and the cables between their ports. */
export const TopologySchema = z
  .strictObject({
    version: z.literal(1).optional(),
    defaults: TopologyDefaultsSchema.optional(),
    devices: z.record(TopologyHostnameSchema, TopologyDeviceSchema.nullable()).refine((d) => Object.keys(d).length > 0, 'at least one device'),
    links: z.array(z.tuple([TopologyLinkEndSchema, TopologyLinkEndSchema])).optional().describe('cables: [a, b] pairs of device:port'),
  })
  .meta({ title: 'switchyard mock lab topology', description: 'Devices, their faces and the links between their ports, for `switchyard mock --topology`.' })

/** A lab topology as written (see {@link TopologySchema}). */
export type Topology = z.input<typeof TopologySchema>
