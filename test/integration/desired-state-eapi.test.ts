import { runDesiredStateContract } from '../contract/desired-state-contract.js'
import { mockContractSetup } from '../contract/mock-contract-setup.js'

runDesiredStateContract('eapi', mockContractSetup((endpoints) => endpoints.eapi.connectOptions))
