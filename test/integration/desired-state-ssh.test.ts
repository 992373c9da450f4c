import { runDesiredStateContract } from '../contract/desired-state-contract.js'
import { mockContractSetup } from '../contract/mock-contract-setup.js'

runDesiredStateContract('ssh', mockContractSetup((endpoints) => endpoints.ssh.connectOptions))
