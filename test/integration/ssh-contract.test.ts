import { runDeviceContract } from '../contract/device-contract.js'
import { mockContractSetup } from '../contract/mock-contract-setup.js'

runDeviceContract('ssh', mockContractSetup((endpoints) => endpoints.ssh.connectOptions))
