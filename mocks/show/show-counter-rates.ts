import { compareInterfaceNames, shortInterfaceName } from '../../src/interface-names.js'
import type { CommandResult } from '../cli/command-grammar.js'
import { LOAD_INTERVAL_S } from '../interface-rates.js'
import { ratesOf, speedMbps, type InterfaceView } from './show-interfaces.js'
import { intervalText, utilisation } from './text-format.js'

/**
 * `show interfaces [IF] counters rates`: each port's rates over the load interval (see {@link ratesOf}).
 *
 * JSON, confirmed field by field against ANTA's recorded model (anta `tests/units/anta_tests/test_interfaces.py`,
 * VerifyInterfaceUtilization) and a second public parser test with the same keys: `{interfaces: {NAME: {description,
 * interval, inBpsRate, inPktsRate, inPpsRate, outBpsRate, outPktsRate, outPpsRate, lastUpdateTimestamp}}}`.
 * `inPktsRate`/`outPktsRate` are, despite their names, the utilisation in percent with framing overhead: the recorded
 * values equal (bps + pps × 160) / bandwidth × 100 to four digits.
 *
 * Text, in the column layout of public captures (an EANTC 2024 test report's `show interfaces counters rates | nz`
 * and ANTA's early text test inputs): `Port Name Intvl In Mbps % In Kpps Out Mbps % Out Kpps`, the name cut to 11
 * characters, the interval as m:ss.
 */
export function showCounterRates(view: InterfaceView, only?: string): CommandResult {
  const rows = () =>
    Object.keys(view.running.interfaces)
      .filter((n) => /^(Ethernet|Port-Channel|Management)/.test(n) && (only === undefined || n === only))
      .sort(compareInterfaceNames)
      .flatMap((name) => {
        const r = ratesOf(view, name)
        if (!r) return []
        const bandwidth = speedMbps(view, name) * 1e6
        return [{ name, description: view.running.interfaces[name]?.description ?? '', r, inPct: utilisation(r.inBps, r.inPps, bandwidth), outPct: utilisation(r.outBps, r.outPps, bandwidth) }]
      })
  return {
    json: () => {
      const lastUpdateTimestamp = view.bootTime / 1000 + view.traffic.elapsedSeconds
      const interfaces: Record<string, unknown> = {}
      for (const { name, description, r, inPct, outPct } of rows()) {
        interfaces[name] = { description, interval: LOAD_INTERVAL_S, inBpsRate: r.inBps, inPktsRate: inPct, inPpsRate: r.inPps, outBpsRate: r.outBps, outPktsRate: outPct, outPpsRate: r.outPps, lastUpdateTimestamp }
      }
      return { interfaces }
    },
    text: () => {
      const out = ['Port      Name        Intvl   In Mbps      %  In Kpps  Out Mbps      % Out Kpps']
      for (const { name, description, r, inPct, outPct } of rows()) {
        out.push(
          shortInterfaceName(name).padEnd(10) +
            description.slice(0, 11).padEnd(11) +
            intervalText(LOAD_INTERVAL_S).padStart(6) +
            (r.inBps / 1e6).toFixed(1).padStart(10) +
            `${inPct.toFixed(1)}%`.padStart(7) +
            String(Math.round(r.inPps / 1000)).padStart(9) +
            (r.outBps / 1e6).toFixed(1).padStart(10) +
            `${outPct.toFixed(1)}%`.padStart(7) +
            String(Math.round(r.outPps / 1000)).padStart(9),
        )
      }
      return `${out.join('\n')}\n`
    },
  }
}
