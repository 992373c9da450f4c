import type { Driver } from '../../src/driver.js'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import { selectDialect } from '../eos/select-dialect.js'
import { EapiChannel } from './eapi-channel.js'

/**
 * Opens the eAPI driver: runs `show version` once (checking the credentials) and picks the dialect the device
 * speaks, EOS or MOS (7130), both over the same JSON-RPC channel.
 */
export async function openEapiDriver(options: ResolvedConnectOptions): Promise<Driver> {
  const channel = new EapiChannel(options)
  try {
    return await selectDialect('eapi', channel, options)
  } catch (error) {
    await channel.close()
    throw error
  }
}
