import type { CommandResult } from '../cli/command-grammar.js'
import type { DeviceConfig } from '../device-config.js'
import { mosCount, mosStatusEntries } from './mos-show.js'
import type { MosTraffic } from './mos-traffic.js'

/**
 * MOS `show interfaces PORT` (e.g. `show interfaces et5`). The text carries the fields the project's MetaWatch notes
 * record for `show interface ma5` (`Rx: up (link)`, `Tx: …`, `Source: …`, `Speed: …`, `Type: …`, [C]), one per line
 * with the port's counts after them; the line layout and the JSON (the port's `show interfaces status` entry with
 * its counts) are the mock's own [unconfirmed]: no public recording of either was found.
 */
export function showMosInterface(config: DeviceConfig, traffic: MosTraffic, linkUp: (port: string) => boolean, port: string): CommandResult {
  const model = (): Record<string, string> => {
    const status = mosStatusEntries(config, linkUp, port)[port] ?? {}
    const rx = traffic.rx.get(port) ?? { octets: 0n, frames: 0n }
    const tx = traffic.tx.get(port) ?? { octets: 0n, frames: 0n }
    return { ...status, rxoctets: mosCount(rx.octets), rxucastpkts: mosCount(rx.frames), txoctets: mosCount(tx.octets), txucastpkts: mosCount(tx.frames) }
  }
  return {
    json: () => ({ interfaces: { [port]: model() } }),
    text: () => {
      const m = model()
      const out = [port]
      if (m.name) out.push(`  Description: ${m.name}`)
      out.push(
        `  Rx: ${m.rx ?? ''}`,
        `  Tx: ${m.tx ?? ''}`,
        `  Source: ${m.source ?? ''}`,
        `  Speed: ${m.speed ?? ''}`,
        `  Type: ${m.type ?? ''}`,
        `  Received ${m.rxucastpkts} frames, ${m.rxoctets} octets`,
        `  Transmitted ${m.txucastpkts} frames, ${m.txoctets} octets`,
      )
      return `${out.map((l) => l.trimEnd()).join('\n')}\n`
    },
  }
}
