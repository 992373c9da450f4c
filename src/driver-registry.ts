import type { Driver, DriverName } from './driver.js'
import type { ConnectOptionsSchema } from './connect-options.js'
import type { z } from 'zod'

/** Connection options after validation, as drivers receive them. */
export type ResolvedConnectOptions = z.output<typeof ConnectOptionsSchema>

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
