import { SingleBar } from 'cli-progress'
import type { FleetEvent } from '../fleet/index.js'
import { progressEnabled, type TerminalStream } from './terminal.js'

/**
 * A progress bar of a fleet run on `stream` (stderr), drawn only when it is a terminal; otherwise nothing is written.
 * Feed it the run's events; it stops at `run-end`.
 */
export function progressBar(stream: TerminalStream & NodeJS.WritableStream, label: string): (event: FleetEvent<unknown>) => void {
  if (!progressEnabled(stream)) return () => undefined
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {value}/{total} hosts | failed {failed} | {duration}s`,
    hideCursor: true,
    clearOnComplete: false,
    barsize: 30,
    fps: 10,
  })
  let failed = 0
  let done = 0
  let started = false
  return (event) => {
    if (event.type === 'run-start') {
      bar.start(event.hosts.length, 0, { failed })
      started = true
    } else if (event.type === 'host-end' && started) {
      done++
      if (event.result.status === 'failed' || event.result.status === 'unknown') failed++
      bar.update(done, { failed })
    } else if (event.type === 'run-end' && started) {
      bar.stop()
      started = false
    }
  }
}
