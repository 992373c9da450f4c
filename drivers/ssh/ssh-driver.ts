import type { Driver } from '../../src/driver.js'
import type { ResolvedConnectOptions } from '../../src/driver-registry.js'
import { UnsupportedError } from '../../src/errors.js'
import { EosDriver } from '../eos/eos-driver.js'
import { SshChannel } from './ssh-channel.js'

/**
 * Opens the SSH driver: the EOS dialect over the CLI channel. Connects, checks the host key, authenticates, prepares
 * the terminal and enters privileged mode before returning, so every connection problem surfaces here.
 */
export async function openSshDriver(options: ResolvedConnectOptions): Promise<Driver> {
  if (options.platform === 'mos') {
    throw new UnsupportedError({ driver: 'ssh', feature: 'platform mos', reason: 'the 7130 (MOS) dialect is not part of this release' })
  }
  const channel = new SshChannel(options)
  try {
    await channel.open()
  } catch (error) {
    await channel.close()
    throw error
  }
  return new EosDriver('ssh', channel)
}
