import { readFile } from 'node:fs/promises'
import type { ConnectOptions } from '../src/index.js'
import { SecretUnavailableError } from './inventory-error.js'
import type { InventoryHost } from './inventory.js'
import type { SecretRef } from './secret-ref.js'

/** Where secrets come from; the process environment and the file system unless given (tests give their own). */
export interface SecretSources {
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly readFile?: (path: string) => Promise<string>
}

/**
 * The `connect()` options of an inventory host, with its secrets resolved now (environment variables read, files
 * read; a file's trailing newline is dropped from passwords and communities). A secret that cannot be resolved is a
 * {@link SecretUnavailableError} naming the host, the setting and the variable or file — never a value.
 */
export async function hostConnectOptions(host: InventoryHost, sources: SecretSources = {}): Promise<ConnectOptions> {
  const env = sources.env ?? process.env
  const read = sources.readFile ?? ((p: string) => readFile(p, 'utf8'))
  const secret = async (ref: SecretRef | undefined, setting: string, keepText = false): Promise<string | undefined> => {
    if (ref === undefined) return undefined
    if (typeof ref === 'string') return ref
    if ('env' in ref) {
      const value = env[ref.env]
      if (value === undefined || value === '') throw new SecretUnavailableError(host.name, setting, { env: ref.env }, value === undefined ? 'which is not set' : 'which is empty')
      return value
    }
    let text: string
    try {
      text = await read(ref.file)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      throw new SecretUnavailableError(host.name, setting, { file: ref.file }, `which cannot be read (${typeof code === 'string' ? code : 'error'})`)
    }
    const value = keepText ? text : text.replace(/\r?\n$/, '')
    if (value === '') throw new SecretUnavailableError(host.name, setting, { file: ref.file }, 'which is empty')
    return value
  }
  const options: ConnectOptions = { host: host.address, driver: host.driver }
  if (host.port !== undefined) options.port = host.port
  if (host.platform !== undefined) options.platform = host.platform
  if (host.protocol !== undefined) options.protocol = host.protocol
  if (host.username !== undefined) options.username = host.username
  if (host.timeoutMs !== undefined) options.timeoutMs = host.timeoutMs
  const password = await secret(host.password, 'password')
  if (password !== undefined) options.password = password
  const enable = await secret(host.enablePassword, 'enablePassword')
  if (enable !== undefined) options.enablePassword = enable
  if (host.tls) {
    const ca = await secret(host.tls.ca, 'tls.ca', true)
    options.tls = {
      ...(ca === undefined ? {} : { ca }),
      ...(host.tls.fingerprintSha256 === undefined ? {} : { fingerprintSha256: host.tls.fingerprintSha256 }),
      ...(host.tls.insecure === true ? { rejectUnauthorized: false } : {}),
      ...(host.tls.servername === undefined ? {} : { servername: host.tls.servername }),
    }
  }
  if (host.ssh) {
    const privateKey = await secret(host.ssh.privateKey, 'ssh.privateKey', true)
    const passphrase = await secret(host.ssh.passphrase, 'ssh.passphrase')
    options.ssh = {
      ...(host.ssh.hostKeySha256 === undefined ? {} : { hostKeySha256: host.ssh.hostKeySha256 }),
      ...(host.ssh.knownHostsFile === undefined ? {} : { knownHostsFile: host.ssh.knownHostsFile }),
      ...(host.ssh.insecure === true ? { acceptAnyHostKey: true } : {}),
      ...(privateKey === undefined ? {} : { privateKey }),
      ...(passphrase === undefined ? {} : { passphrase }),
    }
  }
  if (host.snmp) {
    const community = await secret(host.snmp.community, 'snmp.community')
    const user = host.snmp.user
    options.snmp = {
      ...(host.snmp.version === undefined ? {} : { version: host.snmp.version }),
      ...(community === undefined ? {} : { community }),
      ...(user === undefined
        ? {}
        : {
            user: {
              name: user.name,
              authKey: (await secret(user.authKey, 'snmp.user.authKey')) as string,
              privKey: (await secret(user.privKey, 'snmp.user.privKey')) as string,
              ...(user.authProtocol === undefined ? {} : { authProtocol: user.authProtocol }),
              ...(user.privProtocol === undefined ? {} : { privProtocol: user.privProtocol }),
            },
          }),
    }
  }
  return options
}

/**
 * Resolves every secret of every host and throws the first that cannot be resolved, without connecting anything: a
 * run checks this first so that a missing variable stops it before any device is touched. Values are discarded.
 */
export async function checkSecrets(hosts: readonly InventoryHost[], sources: SecretSources = {}): Promise<void> {
  for (const host of hosts) await hostConnectOptions(host, sources)
}
