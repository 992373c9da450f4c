import type { SyncStatus } from '../../src/model/metawatch.js'
import { ParseError } from '../../src/errors.js'
import { describeValue } from './mos-numbers.js'

/**
 * Parses `show metawatch status` text: the sync-error table (`Now`, `Last 1 Minute`, … rows with samples, min, max,
 * average and standard deviation in ns) and `Sync Status : …`; `metawatch in shutdown state` means not running.
 */
export function parseSyncStatus(text: unknown): SyncStatus {
  if (typeof text !== 'string') throw new ParseError('show metawatch status', `expected text, got ${describeValue(text)}`)
  if (/in shutdown state/i.test(text)) return { running: false, syncStatus: 'shutdown', windows: [] }
  const windows: SyncStatus['windows'] = []
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    if (cells.length !== 6 || !/^(Now|Last )/.test(cells[0] as string)) continue
    const [label, samples, min, max, avg, std] = cells as [string, string, string, string, string, string]
    windows.push({ label, samples: Number(samples), minNs: Number(min), maxNs: Number(max), averageNs: Number(avg), stdDevNs: Number(std) })
  }
  const syncStatus = /Sync Status\s*:\s*(.+)/.exec(text)?.[1]?.trim() ?? ''
  return { running: /^Running/i.test(syncStatus), syncStatus, windows }
}
