/**
 * The EOS dialect: parsers from EOS JSON models to switchyard's model, renderers from changes to EOS CLI lines, and
 * {@link EosDriver}, which runs them over any {@link CliChannel} (eAPI or SSH).
 * @packageDocumentation
 */
export { EosDriver, EOS_CAPABILITIES } from './eos-driver.js'
export { commitTimerText, applyInSession, tidyDiff } from './session-apply.js'
export { SESSION_PREFIX, sessionOpenedAt, parseSessions } from './session-outcome.js'
export type { CliChannel } from './cli-channel.js'
export { renderChanges } from './render-changes.js'
export { parseFacts } from './parse-facts.js'
export { parseVlans } from './parse-vlans.js'
export { parseInterfaces } from './parse-interfaces.js'
export { parseLags } from './parse-lags.js'
export { parseInterfaceCounters, parseCountersFromShowInterfaces } from './parse-counters.js'
export { parseDiscards, parseVoqDrops, parseEgressQueueDrops, isUnsupportedPlatformError } from './parse-drops.js'
export { parseDhcpRelay } from './parse-dhcp-relay.js'
export { parseRunningConfigTree, type ConfigBlock } from './running-config-tree.js'
export { parseOutput, toBigInt } from './eos-json.js'
export { parseIpInterfaces, NO_IPV6_INTERFACES } from './parse-ip-interfaces.js'
export { renderRawLines } from './render-raw-lines.js'
export { runningConfigCommand } from './raw-cli.js'
export { parseQueueMonitorLength, parseQueueMonitorStatus, parseHardwareDrops, parseLanzThresholds } from './parse-buffers.js'
export { renderLanzChange } from './render-lanz.js'
export { EosBufferReader } from './read-buffers.js'
