/**
 * The MOS dialect for the Arista 7130 (ex-Metamako): L1 crosspoint, taps and MetaWatch, over eAPI or SSH.
 * @packageDocumentation
 */
export { MosDriver, MOS_CAPABILITIES } from './mos-driver.js'
export { isMosVersion, parseMosFacts, parseMosApplications } from './parse-mos-facts.js'
export { parseMosPorts } from './parse-mos-ports.js'
export { parseMosCounters, parseCoreCounters } from './parse-mos-counters.js'
export { parseMetawatch } from './parse-mos-config.js'
export { parseSyncStatus } from './parse-mos-sync.js'
export { renderMosChanges } from './render-mos-changes.js'
export { mosCount, mosUptimeSeconds } from './mos-numbers.js'
