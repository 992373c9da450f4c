import type { Driver, DriverName } from '../../src/driver.js'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import { ConnectionError } from '../../src/errors.js'
import type { CliChannel } from './cli-channel.js'
import { EosDriver } from './eos-driver.js'
import { MosDriver } from '../mos/mos-driver.js'
import { isMosVersion } from '../mos/parse-mos-facts.js'

/**
 * Runs `show version` over the channel and returns the dialect the device speaks: MOS (7130) or EOS. A `platform`
 * option that disagrees with the device is an error rather than a guess.
 */
export async function selectDialect(name: DriverName, channel: CliChannel, options: ResolvedConnectOptions): Promise<Driver> {
  const [version] = await channel.runJson(['show version'], options.signal ? { signal: options.signal } : {})
  const detected = isMosVersion(version) ? 'mos' : 'eos'
  if (options.platform !== undefined && options.platform !== detected) {
    throw new ConnectionError(`${channel.host} runs ${detected === 'mos' ? 'MOS (7130)' : 'EOS'}, not the ${options.platform} platform asked for`, { host: channel.host })
  }
  return detected === 'mos' ? new MosDriver(name, channel) : new EosDriver(name, channel)
}
