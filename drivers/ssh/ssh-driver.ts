import type { Driver } from '../../src/driver.js'
import type { ResolvedConnectOptions } from '../../src/connect-options.js'
import { selectDialect } from '../eos/select-dialect.js'
import { SshChannel } from './ssh-channel.js'

/**
 * Opens the SSH driver: connects, checks the host key, authenticates, prepares the terminal and enters privileged
 * mode, then picks the dialect from `show version` (EOS or MOS), so every connection problem surfaces here.
 */
export async function openSshDriver(options: ResolvedConnectOptions): Promise<Driver> {
  const channel = new SshChannel(options)
  try {
    await channel.open()
    return await selectDialect('ssh', channel, options)
  } catch (error) {
    await channel.close()
    throw error
  }
}
