import type { Driver, DriverName } from './driver.js'
import type { ResolvedConnectOptions } from './connect-options.js'

/** Creates and opens a driver for one device. */
export type DriverFactory = (options: ResolvedConnectOptions) => Promise<Driver>

const loaders: Record<DriverName, () => Promise<DriverFactory>> = {
  eapi: async () => (await import('../drivers/eapi/index.js')).openEapiDriver,
  ssh: async () => (await import('../drivers/ssh/index.js')).openSshDriver,
  snmp: async () => (await import('../drivers/snmp/index.js')).openSnmpDriver,
}

/** Loads the factory of a driver by name, importing its module only when it is first used. */
export async function loadDriver(name: DriverName): Promise<DriverFactory> {
  return loaders[name]()
}
