import type { Change } from '../../src/changes.js'
import { UnsupportedError } from '../../src/errors.js'
import { renderRawLines } from '../eos/render-raw-lines.js'

/**
 * Renders 7130 changes into MOS CLI lines: L1 sources on the output interface (`interface et2` / `source et1`), and
 * the MetaWatch app (`app metawatch`). A timesource change on a running app is sequenced as MOS requires:
 * `shutdown`, the change, `no shutdown`.
 */
export function renderMosChanges(changes: readonly Change[]): string[] {
  return changes.flatMap((change): string[] => {
    switch (change.kind) {
      case 'l1.setSource':
        return [`interface ${change.output}`, `source ${change.source}`, 'exit']
      case 'l1.clearSource':
        return [`interface ${change.output}`, 'no source', 'exit']
      case 'metawatch.enabled':
        return ['app metawatch', change.enabled ? 'no shutdown' : 'shutdown', 'exit']
      case 'metawatch.timesource': {
        const lines = ['app metawatch']
        if (change.restart) lines.push('shutdown')
        if (change.timesource !== undefined) lines.push(`timesource ${change.timesource}`)
        if (change.tsClockSource !== undefined) lines.push(`ts-clock source ${change.tsClockSource}`)
        if (change.restart) lines.push('no shutdown')
        return [...lines, 'exit']
      }
      case 'raw.lines':
        return renderRawLines(change.lines)
      default:
        throw new UnsupportedError({ driver: 'mos', feature: change.kind, reason: 'the 7130 (MOS) has no VLANs, port-channels or DHCP relay' })
    }
  })
}
