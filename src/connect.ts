import { ConnectOptionsSchema, type ConnectOptions } from './connect-options.js'
import { Device } from './device.js'
import { loadDriver } from './driver-registry.js'
import { validate } from './validate.js'

/**
 * Connects to a device and returns its {@link Device} handle. The driver is loaded by name; the platform is detected
 * from `show version` unless given. Options are validated first; TLS certificates are verified unless
 * `tls.rejectUnauthorized: false` is given.
 *
 * @example
 * ```ts
 * const sw = await connect({ host: 'sw1.lab', driver: 'eapi', username: 'admin', password: process.env.PW })
 * ```
 */
export async function connect(options: ConnectOptions): Promise<Device> {
  const resolved = validate(ConnectOptionsSchema, options, 'connect')
  const factory = await loadDriver(resolved.driver)
  return new Device(await factory(resolved), `${resolved.driver === "ssh" ? "ssh" : resolved.driver}://${resolved.host.toLowerCase()}:${resolved.port ?? "default"}`)
}
