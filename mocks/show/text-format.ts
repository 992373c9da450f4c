/**
 * Small formatters shared by the EOS text renderers. Forms are taken from public recordings of EOS text output
 * (ntc-templates `tests/arista_eos/show_interfaces/*.raw`; a cEOS `show interfaces` capture in fakenos
 * `docs/platforms/arista_eos.md`); where a form was seen only for some values, the others are marked [unconfirmed].
 */

/** `44:4c:a8:cd:33:7e` → `444c.a8cd.337e`, the form EOS prints in `Hardware is …, address is …`. */
export function dottedMac(mac: string): string {
  const hex = mac.replace(/[^0-9a-fA-F]/g, '').toLowerCase().padStart(12, '0')
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8, 12)}`
}

/**
 * A duration as `show interfaces` prints it after `Up`/`Down`: `7 seconds`, `14 minutes, 2 seconds`,
 * `6 days, 11 hours, 16 minutes, 54 seconds` (leading zero units left out). The singular for a count of 1 is
 * [unconfirmed].
 */
export function spelledDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds))
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86400), 'day'],
    [Math.floor(s / 3600) % 24, 'hour'],
    [Math.floor(s / 60) % 60, 'minute'],
    [s % 60, 'second'],
  ]
  const first = parts.findIndex(([n]) => n > 0)
  return parts
    .slice(first < 0 ? 3 : first)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(', ')
}

/** `0:15:31` or `6 days, 11:19:37`, the form of `Last clearing of "show interface" counters … ago`. */
export function clockDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds))
  const days = Math.floor(s / 86400)
  const hms = `${Math.floor(s / 3600) % 24}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
  return days > 0 ? `${days} day${days === 1 ? '' : 's'}, ${hms}` : hms
}

/** A bit rate with three significant digits: `0 bps`, `426 bps`, `14.3 kbps`, `6.34 kbps`, `1.25 Gbps`. */
export function bitRate(bps: number): string {
  const units = ['bps', 'kbps', 'Mbps', 'Gbps', 'Tbps']
  let value = Math.max(0, bps)
  let unit = 0
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  if (unit === 0) return `${Math.round(value)} bps`
  return `${value >= 99.95 ? value.toFixed(0) : value >= 9.995 ? value.toFixed(1) : value.toFixed(2)} ${units[unit]}`
}

/** Bits of Ethernet framing overhead per packet (preamble and inter-frame gap, 20 bytes) that EOS counts in `%`. */
export const FRAMING_BITS = 160

/**
 * Utilisation in percent with framing overhead, as EOS reports it (`inPktsRate` in `show interfaces counters rates`:
 * (bps + pps × 160) / bandwidth × 100; checked against ANTA's recorded model, where it matches to 4 digits).
 */
export function utilisation(bps: number, pps: number, bandwidthBps: number): number {
  return bandwidthBps > 0 ? ((bps + pps * FRAMING_BITS) / bandwidthBps) * 100 : 0
}

/** `m:ss` of the load interval, as the `Intvl` column prints it (`5:00`). */
export function intervalText(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}
