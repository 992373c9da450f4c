import type { CallOptions } from '../../src/driver.js'
import type { BufferCounters, LanzConfig } from '../../src/model/buffers.js'
import { CommandRejectedError, UnsupportedError } from '../../src/errors.js'
import type { CliChannel } from './cli-channel.js'
import { isUnsupportedPlatformError } from './parse-drops.js'
import { parseHardwareDrops, parseLanzThresholds, parseQueueMonitorLength, parseQueueMonitorStatus } from './parse-buffers.js'
import { parseRunningConfigTree } from './running-config-tree.js'

type Probe = 'lanz' | 'hardwareDrops'

const COMMANDS: Readonly<Record<Probe, string>> = {
  lanz: 'show queue-monitor length',
  hardwareDrops: 'show hardware counter drop',
}

/**
 * Reads LANZ and hardware drop counters over an EOS CLI channel. Which of the two commands the platform has is
 * learned once, like the queue-counter source: the first read sends both, and a command the device answers with an
 * unsupported-platform error is dropped from later reads (and reported as `unsupported`), never retried.
 */
export class EosBufferReader {
  readonly #supported = new Map<Probe, boolean>()

  constructor(
    private readonly channel: CliChannel,
    private readonly driverName: string,
  ) {}

  /** LANZ records and hardware drop counters, with the source that says which the device has. */
  async read(options?: CallOptions): Promise<BufferCounters> {
    let probes = (['lanz', 'hardwareDrops'] as const).filter((p) => this.#supported.get(p) !== false)
    let outputs: unknown[] = []
    while (probes.length > 0) {
      try {
        outputs = await this.channel.runJson(
          probes.map((p) => COMMANDS[p]),
          options,
        )
        break
      } catch (error) {
        const failed = error instanceof CommandRejectedError && isUnsupportedPlatformError(error.deviceMessage) ? probes[error.index] : undefined
        if (failed === undefined || this.#supported.get(failed) === true) throw error
        this.#supported.set(failed, false)
        probes = probes.filter((p) => p !== failed)
      }
    }
    for (const p of probes) this.#supported.set(p, true)
    const result: BufferCounters = { source: { lanz: 'unsupported', hardwareDrops: 'unsupported' }, hardwareDrops: [] }
    probes.forEach((probe, i) => {
      if (probe === 'lanz') {
        result.lanz = parseQueueMonitorLength(outputs[i])
        result.source.lanz = result.lanz.enabled ? 'enabled' : 'disabled'
      } else {
        const drops = parseHardwareDrops(outputs[i])
        result.hardwareDrops = drops.counters
        if (drops.totals) result.hardwareDropTotals = drops.totals
        result.source.hardwareDrops = 'supported'
      }
    })
    return result
  }

  /** Whether LANZ is on, and the thresholds configured per port; refused on a platform without LANZ. */
  async lanzConfig(options?: CallOptions): Promise<LanzConfig> {
    if (this.#supported.get('lanz') === false) throw this.#noLanz()
    try {
      const [status, config] = await this.channel.runJson(['show queue-monitor length status', 'show running-config'], options)
      this.#supported.set('lanz', true)
      return { enabled: parseQueueMonitorStatus(status), thresholds: parseLanzThresholds(parseRunningConfigTree(config)) }
    } catch (error) {
      if (error instanceof CommandRejectedError && error.index === 0 && isUnsupportedPlatformError(error.deviceMessage)) {
        this.#supported.set('lanz', false)
        throw this.#noLanz(error.deviceMessage)
      }
      throw error
    }
  }

  /**
   * Whether the platform has LANZ: known after any LANZ read, else asked with `show queue-monitor length status`
   * (an unsupported-platform error means no). The answer is kept.
   */
  async lanzAvailable(options?: CallOptions): Promise<boolean> {
    const known = this.#supported.get('lanz')
    if (known !== undefined) return known
    try {
      await this.channel.runJson(['show queue-monitor length status'], options)
      this.#supported.set('lanz', true)
    } catch (error) {
      if (!(error instanceof CommandRejectedError && isUnsupportedPlatformError(error.deviceMessage))) throw error
      this.#supported.set('lanz', false)
    }
    return this.#supported.get('lanz') as boolean
  }

  #noLanz(deviceMessage?: string): UnsupportedError {
    return new UnsupportedError(
      {
        driver: this.driverName,
        feature: 'buffers.lanz',
        reason: `this platform has no LANZ${deviceMessage ? ` (the device answered: ${deviceMessage})` : ''}`,
      },
      { host: this.channel.host },
    )
  }
}
