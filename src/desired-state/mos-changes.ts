import type { Change } from '../changes.js'
import type { MosDeviceState } from './device-state.js'

/**
 * The changes that turn a 7130's `current` state into `target`: MetaWatch shut down first when it is to stop, the
 * timesource changed (around a shutdown and restart when the app keeps running, as MOS requires), the L1 sources
 * set and cleared, and the app started last when it is to run.
 */
export function mosChanges(current: MosDeviceState, target: MosDeviceState): Change[] {
  const out: Change[] = []
  const s = current.metawatch
  const t = target.metawatch
  if (s.enabled && !t.enabled) out.push({ kind: 'metawatch.enabled', enabled: false })
  if (s.timesource !== t.timesource || s.tsClockSource !== t.tsClockSource) {
    out.push({
      kind: 'metawatch.timesource',
      ...(s.timesource !== t.timesource ? { timesource: t.timesource } : {}),
      ...(s.tsClockSource !== t.tsClockSource ? { tsClockSource: t.tsClockSource } : {}),
      restart: s.enabled && t.enabled,
    })
  }
  for (const [port, source] of target.sources) {
    if ((current.sources.get(port) ?? null) === source) continue
    out.push(source === null ? { kind: 'l1.clearSource', output: port } : { kind: 'l1.setSource', output: port, source })
  }
  if (!s.enabled && t.enabled) out.push({ kind: 'metawatch.enabled', enabled: true })
  return out
}
