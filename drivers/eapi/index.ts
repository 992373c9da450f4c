/**
 * The eAPI driver: the EOS dialect over JSON-RPC `runCmds` to `/command-api`.
 * @packageDocumentation
 */
export { openEapiDriver } from './eapi-driver.js'
export { EapiChannel, DEFAULT_TIMEOUT_MS } from './eapi-channel.js'
export { parseJsonKeepingBigInts } from './json-bigint.js'
