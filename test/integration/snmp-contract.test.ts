import { runDeviceContract } from '../contract/device-contract.js'
import { mockContractSetup } from '../contract/mock-contract-setup.js'

for (const version of ['2c', '3'] as const) {
  runDeviceContract(
    `snmp v${version}`,
    mockContractSetup(({ snmp }) => (version === '3' ? snmp.connectOptionsV3 : snmp.connectOptionsReadWrite)),
    {
      unsupportedWrites: ['vlans.name', 'vlans.update', 'interfaces.switchport', 'lags', 'dhcpRelay', 'commitTimer'],
      readsMinLinks: false,
      readsDhcpRelay: false,
      escapeHatches: { cliAndConfig: false, l3: false },
    },
  )
}
