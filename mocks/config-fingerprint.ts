import type { DeviceConfig } from './device-config.js'
import { stringifyWithBigInts } from './json-with-bigints.js'

/**
 * A text that is equal for two configurations exactly when their content is: the mock compares it before and after
 * a change to decide whether its revision moves (a read, or a line that changes nothing, leaves it as it was).
 */
export function configFingerprint(config: DeviceConfig): string {
  return stringifyWithBigInts(config)
}
