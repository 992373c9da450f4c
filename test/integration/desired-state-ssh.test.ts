import { connect } from '../../src/index.js'
import { MockSwitch } from '../../mocks/index.js'
import { runDesiredStateContract } from '../contract/desired-state-contract.js'

runDesiredStateContract('ssh', async (options) => {
  const mock = new MockSwitch(options)
  const endpoints = await mock.listen()
  const device = await connect(endpoints.ssh.connectOptions)
  return {
    device,
    mock,
    close: async () => {
      await device.close()
      await mock.close()
    },
  }
})
