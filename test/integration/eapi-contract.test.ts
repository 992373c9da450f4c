import { connect } from '../../src/index.js'
import { MockSwitch } from '../../mocks/index.js'
import { runDeviceContract } from '../contract/device-contract.js'

for (const protocol of ['https', 'http'] as const) {
  runDeviceContract(`eapi over ${protocol}`, async (options) => {
    const mock = new MockSwitch(options)
    const { eapi, eapiHttp } = await mock.listen()
    const device = await connect((protocol === 'https' ? eapi : eapiHttp).connectOptions)
    return {
      device,
      mock,
      close: async () => {
        await device.close()
        await mock.close()
      },
    }
  })
}
