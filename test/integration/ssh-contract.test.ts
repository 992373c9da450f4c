import { connect } from '../../src/index.js'
import { MockSwitch } from '../../mocks/index.js'
import { runDeviceContract } from '../contract/device-contract.js'

runDeviceContract('ssh', async (options) => {
  const mock = new MockSwitch(options)
  const { ssh } = await mock.listen()
  const device = await connect(ssh.connectOptions)
  return {
    device,
    mock,
    close: async () => {
      await device.close()
      await mock.close()
    },
  }
})
