import type { DeviceConfig } from '../device-config.js'
import { compareMosPortNames, type MosConfig } from './mos-config.js'

/**
 * Renders a 7130's configuration as MOS prints `show running-config`: `!` header lines, blocks indented by four
 * spaces, `end`. Only non-default settings appear.
 */
export function renderMosRunningConfig(config: DeviceConfig, header: { modelCode: string; version: string }): string {
  const mos = config.mos as MosConfig
  const out = ['! command: show running-config', `! device: ${config.hostname} (${header.modelCode}, MOS-${header.version})`, `hostname ${config.hostname}`, '!']
  for (const name of Object.keys(mos.ports).sort(compareMosPortNames)) {
    const p = mos.ports[name]
    if (!p) continue
    const lines: string[] = []
    if (p.description !== undefined) lines.push(`description ${p.description}`)
    if (p.shutdown) lines.push('shutdown')
    if (p.source !== undefined) lines.push(`source ${p.source}`)
    if (lines.length > 0) out.push(`interface ${name}`, ...lines.map((l) => `    ${l}`), '!')
  }
  const mw = mos.metawatch
  out.push('app metawatch', `    timesource ${mw.timesource}`, `    ts-clock source ${mw.tsClockSource}`, mw.enabled ? '    no shutdown' : '    shutdown', '!')
  out.push('management api', '    no shutdown', '!', 'end')
  return `${out.join('\n')}\n`
}

function camel(line: string): string {
  const words = line.split(/[\s-]+/).filter(Boolean)
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1))).join('')
}

/**
 * MOS's JSON form of the running-config: a flat object keyed by the camel-cased top-level line (`interfaceEt1`,
 * `appMetawatch`), each holding its sub-lines, plus `comments` and `end` (the shape of the napalm-mos recordings).
 */
export function mosRunningConfigJson(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = { comments: [] }
  let current: string[] | undefined
  for (const line of text.split('\n')) {
    if (line.startsWith('!')) {
      if (line.length > 1) (out.comments as string[]).push(line)
      current = undefined
      continue
    }
    if (line.trim() === '') continue
    if (line.startsWith(' ')) {
      current?.push(line.trim())
      continue
    }
    current = []
    out[camel(line)] = current
  }
  return out
}
