import { connect } from '../../src/index.js'
import { MockSwitch } from '../../mocks/index.js'
import { runDeviceContract } from '../contract/device-contract.js'

for (const version of ['2c', '3'] as const) {
  runDeviceContract(
    `snmp v${version}`,
    async (options) => {
      const mock = new MockSwitch(options)
      const { snmp } = await mock.listen()
      const device = await connect(version === '3' ? snmp.connectOptionsV3 : snmp.connectOptionsReadWrite)
      return {
        device,
        mock,
        close: async () => {
          await device.close()
          await mock.close()
        },
      }
    },
    {
      unsupportedWrites: ['vlans.name', 'vlans.update', 'interfaces.switchport', 'lags', 'dhcpRelay', 'commitTimer'],
      readsMinLinks: false,
      readsDhcpRelay: false,
      escapeHatches: { cliAndConfig: false, l3: false },
    },
  )
}
