import { connect, type ConnectOptions } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import type { ContractSetup } from './device-contract.js'

/**
 * A contract setup against a fresh in-process MockSwitch: it listens, the driver under test connects through the
 * endpoint `connectOptionsOf` picks, and `close` closes the device and then the mock.
 */
export function mockContractSetup(connectOptionsOf: (endpoints: MockEndpoints) => ConnectOptions): ContractSetup {
  return async (options) => {
    const mock = new MockSwitch(options)
    const device = await connect(connectOptionsOf(await mock.listen()))
    return {
      device,
      mock,
      close: async () => {
        await device.close()
        await mock.close()
      },
    }
  }
}
