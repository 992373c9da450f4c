import { stringify } from 'yaml'
import type { MockLab } from '../mock-lab.js'
import type { MockEndpoints } from '../mock-switch.js'
import type { LabDeviceSpec, ResolvedSecret } from './lab-spec.js'

interface Row {
  spec: LabDeviceSpec
  endpoints: MockEndpoints
}

function rows(lab: MockLab): Row[] {
  return lab.spec.devices.flatMap((spec) => {
    const endpoints = lab.endpointsOf(spec.hostname)
    return endpoints ? [{ spec, endpoints }] : []
  })
}

/** Ansible's way to read a secret that came from the environment, or the literal value. */
function ansibleSecret(secret: ResolvedSecret): string {
  return secret.env ? `{{ lookup('ansible.builtin.env', '${secret.env}') }}` : secret.value
}

/**
 * An Ansible inventory (YAML) for arista.eos as-is: every EOS device three times, once per connection, in the groups
 * `eos_httpapi_https` (`<host>_https`), `eos_httpapi_http` (`<host>_http`) and `eos_network_cli` (`<host>_cli`),
 * all children of `switchyard_lab`. Each host carries `switchyard_device` (its name in the lab and the control API).
 * The mocks' certificates are self-signed and their SSH host keys made per run (kept only with `--state`), so
 * certificate validation and host key checking are off (the switchyard inventory pins both). Passwords from `{ env: NAME }` stay environment lookups.
 */
export function ansibleInventory(lab: MockLab): string {
  const eos = rows(lab).filter((r) => r.spec.platform === 'eos')
  const hosts = (suffix: string, vars: (r: Row) => Record<string, unknown>) =>
    Object.fromEntries(
      eos.map((r) => [
        `${r.spec.hostname}_${suffix}`,
        {
          ansible_host: '127.0.0.1',
          ...vars(r),
          ansible_user: r.spec.username,
          ansible_password: ansibleSecret(r.spec.password),
          ...(r.spec.enablePassword ? { ansible_become_password: ansibleSecret(r.spec.enablePassword) } : {}),
          switchyard_device: r.spec.hostname,
        },
      ]),
    )
  const inventory = {
    all: {
      children: {
        switchyard_lab: {
          vars: { ansible_network_os: 'arista.eos.eos', ansible_become: true, ansible_become_method: 'enable' },
          children: {
            eos_httpapi_https: {
              vars: { ansible_connection: 'ansible.netcommon.httpapi', ansible_httpapi_use_ssl: true, ansible_httpapi_validate_certs: false, ansible_httpapi_use_proxy: false },
              // ansible_port as well: ansible keys persistent connections on host, port and user, not on
              // ansible_httpapi_port, so without it every httpapi host of the lab shares the first one's connection.
              hosts: hosts('https', (r) => ({ ansible_port: r.endpoints.eapi.port, ansible_httpapi_port: r.endpoints.eapi.port })),
            },
            eos_httpapi_http: {
              vars: { ansible_connection: 'ansible.netcommon.httpapi', ansible_httpapi_use_ssl: false, ansible_httpapi_use_proxy: false },
              hosts: hosts('http', (r) => ({ ansible_port: r.endpoints.eapiHttp.port, ansible_httpapi_port: r.endpoints.eapiHttp.port })),
            },
            eos_network_cli: {
              vars: { ansible_connection: 'ansible.netcommon.network_cli', ansible_host_key_checking: false },
              hosts: hosts('cli', (r) => ({ ansible_port: r.endpoints.ssh.port })),
            },
          },
        },
      },
    },
  }
  return `# switchyard mock lab: Ansible inventory (arista.eos over httpapi HTTPS, httpapi HTTP and network_cli)\n${stringify(inventory)}`
}

function inventorySecret(secret: ResolvedSecret): string | { env: string } {
  return secret.env ? { env: secret.env } : secret.value
}

/**
 * A switchyard inventory (the shared YAML format): one eAPI host per device over HTTPS with the certificate's
 * fingerprint pinned, plus `<host>-ssh` (SSH, host key pinned) and, for EOS devices (the SNMP driver reads EOS only),
 * `<host>-snmp` (SNMP v2c with the read-only community: reads need no more; a write over SNMP is refused with an
 * `AuthorizationError`, and needs the mock's read-write community, `private` unless set)
 * hosts, in groups `lab-eapi`, `lab-ssh`, `lab-snmp`; `data.device` names the device in the lab.
 */
export function switchyardInventory(lab: MockLab): string {
  const hosts: Record<string, unknown> = {}
  for (const { spec, endpoints } of rows(lab)) {
    const common = {
      address: '127.0.0.1',
      platform: spec.platform,
      username: spec.username,
      password: inventorySecret(spec.password),
      ...(spec.enablePassword ? { enablePassword: inventorySecret(spec.enablePassword) } : {}),
    }
    const data = { device: spec.hostname, ...(spec.profile ? { profile: spec.profile } : {}) }
    hosts[spec.hostname] = {
      ...common,
      port: endpoints.eapi.port,
      driver: 'eapi',
      protocol: 'https',
      tls: { fingerprintSha256: endpoints.eapi.fingerprintSha256 },
      groups: ['lab-eapi'],
      data,
    }
    hosts[`${spec.hostname}-ssh`] = { ...common, port: endpoints.ssh.port, driver: 'ssh', ssh: { hostKeySha256: endpoints.ssh.hostKeys.ed25519 }, groups: ['lab-ssh'], data }
    if (spec.platform === 'mos') continue
    hosts[`${spec.hostname}-snmp`] = {
      address: '127.0.0.1',
      platform: spec.platform,
      port: endpoints.snmp.port,
      driver: 'snmp',
      snmp: { version: '2c', community: endpoints.snmp.credentials.readOnlyCommunity },
      groups: ['lab-snmp'],
      data,
    }
  }
  const inventory = { groups: { 'lab-eapi': {}, 'lab-ssh': {}, 'lab-snmp': {} }, hosts }
  return `# switchyard mock lab: switchyard inventory (TLS certificates and SSH host keys pinned for this run)\n${stringify(inventory)}`
}

/** Each EOS device's HTTPS certificate (PEM, public), by hostname: what `ca_file` in an {@link eapiConf} points at. */
export function labCertificates(lab: MockLab): Record<string, string> {
  return Object.fromEntries(
    rows(lab)
      .filter((r) => r.spec.platform === 'eos' && r.endpoints.eapi.certificatePem !== undefined)
      .map((r) => [r.spec.hostname, r.endpoints.eapi.certificatePem as string]),
  )
}

/**
 * A pyeapi `eapi.conf`: `[connection:<host>]` over HTTPS and `[connection:<host>-http]` over HTTP for every EOS
 * device. With `caFiles` (hostname to the path of that device's certificate, see {@link labCertificates}), each HTTPS
 * section names it in `ca_file`: switchyard verifies the device against it; pyeapi's `https` transport ignores it
 * (it does not verify certificates). pyeapi reads no environment variables here, so passwords are written out: keep
 * the file private (it is written 0600).
 */
export function eapiConf(lab: MockLab, options: { caFiles?: Readonly<Record<string, string>> } = {}): string {
  const lines = ['# switchyard mock lab: pyeapi connection profiles (pyeapi.load_config(path); pyeapi.connect_to(name))']
  for (const { spec, endpoints } of rows(lab).filter((r) => r.spec.platform === 'eos')) {
    for (const [name, transport, port] of [
      [spec.hostname, 'https', endpoints.eapi.port],
      [`${spec.hostname}-http`, 'http', endpoints.eapiHttp.port],
    ] as const) {
      lines.push('', `[connection:${name}]`, 'host = 127.0.0.1', `port = ${port}`, `transport = ${transport}`, `username = ${spec.username}`, `password = ${iniValue(spec.password.value)}`)
      const caFile = transport === 'https' ? options.caFiles?.[spec.hostname] : undefined
      if (caFile !== undefined) lines.push(`ca_file = ${iniValue(caFile)}`)
      if (spec.enablePassword) lines.push(`enablepwd = ${iniValue(spec.enablePassword.value)}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** A value for Python's ConfigParser: `%` doubled (interpolation); a line break cannot be written. */
function iniValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error('a password with a line break cannot be written to eapi.conf')
  return value.replace(/%/g, '%%')
}
