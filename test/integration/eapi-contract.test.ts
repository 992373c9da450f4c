import { runDeviceContract } from '../contract/device-contract.js'
import { mockContractSetup } from '../contract/mock-contract-setup.js'

for (const protocol of ['https', 'http'] as const) {
  runDeviceContract(`eapi over ${protocol}`, mockContractSetup(({ eapi, eapiHttp }) => (protocol === 'https' ? eapi : eapiHttp).connectOptions))
}
