import type { z } from 'zod'
import { TopologySchema, type Topology } from './topology-schema.js'
import { TopologyError, type TopologyProblem } from './topology-error.js'
import type { LabDeviceSpec, LabPort, LabSpec, ResolvedSecret } from './lab-spec.js'

/** A problem at a path of the document, before it is given a position. */
export interface PathProblem {
  path: ReadonlyArray<PropertyKey>
  message: string
}

type Parsed = z.output<typeof TopologySchema>

/**
 * Checks a topology (schema, links, ports, environment) and returns the lab it describes, or the problems found, each
 * at its path in the document. `env` is where `{ env: NAME }` secrets are read.
 */
export function checkTopology(input: unknown, env: NodeJS.ProcessEnv): { spec: LabSpec } | { problems: PathProblem[] } {
  const parsed = TopologySchema.safeParse(input)
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.flatMap((i): PathProblem[] =>
        i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ path: [...i.path, key], message: `unknown key "${key}"` })) : [{ path: i.path, message: i.message }],
      ),
    }
  }
  const problems: PathProblem[] = []
  const devices = resolveDevices(parsed.data, env, problems)
  const links = resolveLinks(parsed.data, devices, problems)
  checkFixedPorts(devices, problems)
  const unique = [...new Map(problems.map((p) => [`${p.path.map(String).join('.')}\n${p.message}`, p])).values()]
  return unique.length > 0 ? { problems: unique } : { spec: { devices, links } }
}

/** {@link checkTopology} for an object (`MockLab.fromTopology`): throws a {@link TopologyError} listing the problems. */
export function resolveTopology(input: Topology | unknown, env: NodeJS.ProcessEnv = process.env): LabSpec {
  const result = checkTopology(input, env)
  if ('problems' in result) throw new TopologyError(result.problems.map((p): TopologyProblem => ({ path: p.path.map(String).join('.'), message: p.message })))
  return result.spec
}

function resolveDevices(topology: Parsed, env: NodeJS.ProcessEnv, problems: PathProblem[]): LabDeviceSpec[] {
  const defaults = topology.defaults ?? {}
  return Object.entries(topology.devices).map(([hostname, own]) => {
    const device = own ?? {}
    const profile = device.profile ?? defaults.profile ?? 'veos'
    const credentials = { ...defaults.credentials, ...device.credentials }
    const credentialPath = (key: string): PropertyKey[] =>
      device.credentials?.[key as keyof typeof credentials] !== undefined ? ['devices', hostname, 'credentials', key] : ['defaults', 'credentials', key]
    const secret = (key: 'password' | 'enablePassword', value: string | { env: string } | undefined): ResolvedSecret | undefined => {
      if (value === undefined) return undefined
      if (typeof value === 'string') return { value }
      const found = env[value.env]
      if (found === undefined || found === '') {
        problems.push({ path: [...credentialPath(key), 'env'], message: `environment variable ${value.env} is not set` })
        return { value: '', env: value.env }
      }
      return { value: found, env: value.env }
    }
    const listen = device.listen ?? {}
    const port = (p: number | 'auto' | undefined) => (p === undefined || p === 'auto' ? 0 : p)
    const enablePassword = secret('enablePassword', credentials.enablePassword)
    return {
      hostname,
      platform: profile === '7130-48l' ? 'mos' : 'eos',
      ...(profile === '7130-48l' ? {} : { profile }),
      ports: device.ports ?? defaults.ports ?? 48,
      username: credentials.username ?? 'admin',
      password: secret('password', credentials.password) ?? { value: 'admin' },
      ...(enablePassword ? { enablePassword } : {}),
      listen: { eapiHttps: port(listen.eapiHttps), eapiHttp: port(listen.eapiHttp), ssh: port(listen.ssh), snmp: port(listen.snmp) },
      unlinkedPorts: device.unlinkedPorts ?? defaults.unlinkedPorts ?? 'down',
    }
  })
}

/** The port's name as the device knows it (`Et1` → `Ethernet1` on EOS, `Ethernet1` → `et1` on a 7130), or undefined. */
export function devicePortName(device: LabDeviceSpec, written: string): string | undefined {
  const match = /^([A-Za-z-]+)(\d+)$/.exec(written)
  if (!match) return undefined
  const [, prefix = '', digits = ''] = match
  const n = Number(digits)
  if (!(n >= 1 && n <= device.ports) || !'ethernet'.startsWith(prefix.toLowerCase()) || prefix.length < 2) return undefined
  return device.platform === 'mos' ? `et${n}` : `Ethernet${n}`
}

function resolveLinks(topology: Parsed, devices: LabDeviceSpec[], problems: PathProblem[]): Array<[LabPort, LabPort]> {
  const byName = new Map(devices.map((d) => [d.hostname, d]))
  const used = new Map<string, string>()
  const links: Array<[LabPort, LabPort]> = []
  ;(topology.links ?? []).forEach((pair, i) => {
    const ends = pair.map((text, side): LabPort | undefined => {
      const path = ['links', i, side]
      const colon = text.indexOf(':')
      const name = text.slice(0, colon)
      const device = byName.get(name)
      if (!device) {
        problems.push({ path, message: `no device named ${name}` })
        return undefined
      }
      const port = devicePortName(device, text.slice(colon + 1))
      if (!port) {
        problems.push({ path, message: `${name} has no Ethernet port ${text.slice(colon + 1)} (it has ${device.ports})` })
        return undefined
      }
      const key = `${name}:${port}`
      const other = used.get(key)
      if (other !== undefined) {
        problems.push({ path, message: `${key} is already linked (links.${other})` })
        return undefined
      }
      used.set(key, `${i}.${side}`)
      return { device: name, port }
    })
    const [a, b] = ends
    if (a && b) {
      if (a.device === b.device && a.port === b.port) problems.push({ path: ['links', i], message: 'a port cannot be linked to itself' })
      else links.push([a, b])
    }
  })
  return links
}

function checkFixedPorts(devices: LabDeviceSpec[], problems: PathProblem[]): void {
  const seen = new Map<string, string>()
  for (const device of devices) {
    for (const [face, port] of Object.entries(device.listen)) {
      if (!port) continue
      const key = `${face === 'snmp' ? 'udp' : 'tcp'}/${port}`
      const other = seen.get(key)
      if (other !== undefined) problems.push({ path: ['devices', device.hostname, 'listen', face], message: `port ${port} is also used by ${other}` })
      else seen.set(key, `${device.hostname}.${face}`)
    }
  }
}
