import { z } from 'zod'
import type { AggregationCore, Metawatch, Timesource, TsClockSource } from '../../src/model/metawatch.js'
import { TimesourceSchema, TsClockSourceSchema } from '../../src/model/metawatch.js'
import { parseOutput } from '../eos/eos-json.js'
import type { L1Port } from '../../src/model/l1.js'

const FlatConfig = z.record(z.string(), z.array(z.string()))

/**
 * Builds MetaWatch settings and aggregation cores from MOS's flat JSON running-config (`appMetawatch: [...]`,
 * `interfaceAp45: ["description Core 0 Port 0", "source et1"]`) and the ports' sources. Cores and their port order
 * come from the app ports' generated descriptions (`Core N Port M`, `Core N Out`), as on a real 7130-48L.
 */
export function parseMetawatch(runningConfig: unknown, ports: readonly L1Port[]): Metawatch {
  const config = parseOutput(FlatConfig, runningConfig, 'show running-config')
  const app = config.appMetawatch ?? []
  const setting = (prefix: string) => app.find((l) => l.startsWith(`${prefix} `))?.slice(prefix.length + 1)
  const timesource = TimesourceSchema.safeParse(setting('timesource') ?? 'auto')
  const tsClock = TsClockSourceSchema.safeParse(setting('ts-clock source') ?? 'auto')
  const cores = new Map<number, { inputs: Array<{ n: number; appPort: string }>; output?: string }>()
  const core = (i: number) => {
    let c = cores.get(i)
    if (!c) cores.set(i, (c = { inputs: [] }))
    return c
  }
  for (const [key, lines] of Object.entries(config)) {
    const port = /^interfaceAp(\d+)$/.exec(key)
    if (!port) continue
    const description = lines.find((l) => l.startsWith('description '))?.slice('description '.length) ?? ''
    const input = /^Core (\d+) Port (\d+)$/.exec(description)
    const out = /^Core (\d+) Out$/.exec(description)
    if (input) core(Number(input[1])).inputs.push({ n: Number(input[2]), appPort: `ap${port[1]}` })
    else if (out) core(Number(out[1])).output = `ap${port[1]}`
  }
  const sourceOf = new Map(ports.map((p) => [p.name, p.source]))
  const aggregation: AggregationCore[] = [...cores.entries()]
    .filter(([, c]) => c.output !== undefined)
    .sort(([a], [b]) => a - b)
    .map(([index, c]) => ({
      index,
      inputs: c.inputs.sort((a, b) => a.n - b.n).map((i) => ({ appPort: i.appPort, source: sourceOf.get(i.appPort) ?? null })),
      output: { appPort: c.output as string, deliveredTo: ports.filter((p) => p.source === c.output).map((p) => p.name) },
    }))
  return {
    enabled: app.includes('no shutdown') || (app.length > 0 && !app.includes('shutdown')),
    timesource: (timesource.success ? timesource.data : 'auto') as Timesource,
    tsClockSource: (tsClock.success ? tsClock.data : 'auto') as TsClockSource,
    cores: aggregation,
  }
}
