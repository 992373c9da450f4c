import type { Driver } from '../../src/driver.js'
import type { ResolvedConnectOptions } from '../../src/driver-registry.js'
import { UnsupportedError } from '../../src/errors.js'
import { EosDriver } from '../eos/eos-driver.js'
import { EapiChannel } from './eapi-channel.js'

/**
 * Opens the eAPI driver: the EOS dialect over the eAPI channel. Runs `show version` once to check the credentials
 * and the platform. (MOS, the 7130 platform, is not part of this release and is refused by name.)
 */
export async function openEapiDriver(options: ResolvedConnectOptions): Promise<Driver> {
  const channel = new EapiChannel(options)
  if (options.platform === 'mos') {
    await channel.close()
    throw new UnsupportedError({ driver: 'eapi', feature: 'platform mos', reason: 'the 7130 (MOS) dialect is not part of this release' })
  }
  try {
    const signal = options.signal
    await channel.runJson(['show version'], signal ? { signal } : {})
  } catch (error) {
    await channel.close()
    throw error
  }
  return new EosDriver('eapi', channel)
}
