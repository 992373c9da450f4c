import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

setFlagsFromString('--expose-gc')
const gcFunction = runInNewContext('gc') as () => void

/** This process's memory: resident set, and V8 heap plus memory outside it (Buffers, TLS state), in bytes. */
export interface MemorySample {
  rss: number
  heapUsed: number
  external: number
}

/** Runs a full garbage collection twice, then samples. */
export function settledMemory(): MemorySample {
  gcFunction()
  gcFunction()
  return sample()
}

/** Samples memory now, without collecting. */
export function sample(): MemorySample {
  const m = process.memoryUsage()
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external }
}

/** Highest RSS and heap seen by sampling every `everyMs` until `stop()` is called. */
export function peakSampler(everyMs = 20): { stop(): MemorySample } {
  const peak = sample()
  const timer = setInterval(() => {
    const s = sample()
    peak.rss = Math.max(peak.rss, s.rss)
    peak.heapUsed = Math.max(peak.heapUsed, s.heapUsed)
    peak.external = Math.max(peak.external, s.external)
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      return peak
    },
  }
}

/** Kilobytes, rounded. */
export function kb(bytes: number): number {
  return Math.round(bytes / 1024)
}
