import { bitRate, clockDuration, dottedMac, spelledDuration, utilisation } from './text-format.js'

/** The part of a `show interfaces` JSON entry the text form reads (the text is printed from the model). */
export interface InterfaceEntry {
  name: string
  description: string
  interfaceStatus: string
  lineProtocolStatus: string
  hardware: string
  forwardingModel: string
  mtu: number
  bandwidth: number
  physicalAddress: string
  burnedInAddress?: string
  duplex?: string
  autoNegotiate?: string
  interfaceMembership?: string
  memberInterfaces?: Record<string, { duplex: string; bandwidth: number }>
  interfaceAddress: Array<{ primaryIp: { address: string; maskLen: number } } & Record<string, unknown>>
  interfaceStatistics?: { updateInterval: number; inBitsRate: number; outBitsRate: number; inPktsRate: number; outPktsRate: number }
  interfaceCounters?: Record<string, unknown> & {
    inOctets: bigint
    inTotalPkts: bigint
    inBroadcastPkts: bigint
    inMulticastPkts: bigint
    inDiscards: bigint
    totalInErrors: bigint
    outOctets: bigint
    outUcastPkts: bigint
    outBroadcastPkts: bigint
    outMulticastPkts: bigint
    outDiscards: bigint
    totalOutErrors: bigint
    linkStatusChanges: number
    inputErrorsDetail: { runtFrames: number; giantFrames: number; fcsErrors: bigint; alignmentErrors: number; symbolErrors: number; rxPause: number }
    outputErrorsDetail: { collisions: number; lateCollisions: number; deferredTransmissions: number; txPause: number }
  }
}

/** What the text adds to the model: the admin state and the times, on the device's simulated clock. */
export interface InterfaceTextExtras {
  adminDown: boolean
  /** Seconds since the last status change. */
  sinceChangeS: number
  /** Seconds since `clear counters`, or `undefined` when never cleared. */
  sinceClearS: number | undefined
}

const HARDWARE: Record<string, string> = { ethernet: 'Ethernet', portChannel: 'Port-Channel', vlan: 'Vlan', loopback: 'Loopback' }

/** `1Gb/s`, `10Gb/s`, `100Mb/s`: the speed in the duplex line. */
function speedText(bps: number): string {
  return bps >= 1e9 ? `${bps / 1e9}Gb/s` : `${bps / 1e6}Mb/s`
}

function description(text: string): string {
  // Newer EOS quotes a description with spaces (cEOS capture: `Description: "Test interface Et1"`, but
  // `Description: VLAN100`); older releases did not (ntc-templates raw). The rule is [unconfirmed].
  return /\s/.test(text) ? `"${text}"` : text
}

function rateLines(e: InterfaceEntry, lagLike: boolean): string[] {
  const s = e.interfaceStatistics ?? { updateInterval: 300, inBitsRate: 0, outBitsRate: 0, inPktsRate: 0, outPktsRate: 0 }
  const minutes = s.updateInterval % 60 === 0 ? `${s.updateInterval / 60} minutes` : `${s.updateInterval} seconds`
  const pct = (bps: number, pps: number) => (lagLike && e.bandwidth === 0 ? '-' : `${utilisation(bps, pps, e.bandwidth).toFixed(1)}%`)
  return [
    `  ${minutes} input rate ${bitRate(s.inBitsRate)} (${pct(s.inBitsRate, s.inPktsRate)} with framing overhead), ${Math.round(s.inPktsRate)} packets/sec`,
    `  ${minutes} output rate ${bitRate(s.outBitsRate)} (${pct(s.outBitsRate, s.outPktsRate)} with framing overhead), ${Math.round(s.outPktsRate)} packets/sec`,
  ]
}

function counterLines(e: InterfaceEntry, lag: boolean): string[] {
  const c = e.interfaceCounters
  if (!c) return []
  const i = c.inputErrorsDetail
  const o = c.outputErrorsDetail
  const outTotal = c.outUcastPkts + c.outMulticastPkts + c.outBroadcastPkts
  if (lag) {
    return [
      `     ${c.inTotalPkts} packets input, ${c.inOctets} bytes`,
      `     Received ${c.inBroadcastPkts} broadcasts, ${c.inMulticastPkts} multicast`,
      `     ${c.totalInErrors} input errors, ${c.inDiscards} input discards`,
      `     ${outTotal} packets output, ${c.outOctets} bytes`,
      `     Sent ${c.outBroadcastPkts} broadcasts, ${c.outMulticastPkts} multicast`,
      `     ${c.totalOutErrors} output errors, ${c.outDiscards} output discards`,
    ]
  }
  return [
    `     ${c.inTotalPkts} packets input, ${c.inOctets} bytes`,
    `     Received ${c.inBroadcastPkts} broadcasts, ${c.inMulticastPkts} multicast`,
    `     ${i.runtFrames} runts, ${i.giantFrames} giants`,
    `     ${c.totalInErrors} input errors, ${i.fcsErrors} CRC, ${i.alignmentErrors} alignment, ${i.symbolErrors} symbol, ${c.inDiscards} input discards`,
    `     ${i.rxPause} PAUSE input`,
    `     ${outTotal} packets output, ${c.outOctets} bytes`,
    `     Sent ${c.outBroadcastPkts} broadcasts, ${c.outMulticastPkts} multicast`,
    `     ${c.totalOutErrors} output errors, ${o.collisions} collisions`,
    `     ${o.lateCollisions} late collision, ${o.deferredTransmissions} deferred, ${c.outDiscards} output discards`,
    `     ${o.txPause} PAUSE output`,
  ]
}

/**
 * One interface of `show interfaces` as text, printed from its JSON entry. Layout: the ntc-templates raw recordings
 * (`arista_eos_show_interfaces.raw`, `…_portchannel.raw`: Ethernet, routed Ethernet, Port-Channel, Loopback,
 * Management, Vlan blocks) and the cEOS capture in fakenos' `docs/platforms/arista_eos.md` (`Loopback Mode : None`,
 * `IP MTU 1500 bytes (default)`), which also hold an up Port-Channel with its member list
 * (`... Ethernet47 , Full-duplex, 1Gb/s`) and routed ports that answer with the system MAC and print no `bia`.
 */
export function interfaceText(e: InterfaceEntry, x: InterfaceTextExtras): string {
  const state = x.adminDown ? 'administratively down' : e.interfaceStatus === 'connected' ? 'up' : 'down'
  const out = [`${e.name} is ${state}, line protocol is ${e.lineProtocolStatus.toLowerCase()} (${e.interfaceStatus})`]
  const hw = HARDWARE[e.hardware] ?? e.hardware
  const lag = e.hardware === 'portChannel'
  if (e.hardware === 'loopback') out.push(`  Hardware is ${hw}`)
  else if (lag) out.push(`  Hardware is ${hw}, address is ${dottedMac(e.physicalAddress)}`)
  else if (e.burnedInAddress !== undefined && e.burnedInAddress !== e.physicalAddress) out.push(`  Hardware is ${hw}, address is ${dottedMac(e.physicalAddress)}`)
  else out.push(`  Hardware is ${hw}, address is ${dottedMac(e.physicalAddress)} (bia ${dottedMac(e.physicalAddress)})`)
  if (e.description !== '') out.push(`  Description: ${description(e.description)}`)
  if (e.interfaceMembership) out.push(`  ${e.interfaceMembership}`)
  const ip = e.interfaceAddress[0]?.primaryIp
  if (ip) out.push(`  Internet address is ${ip.address}/${ip.maskLen}`, '  Broadcast address is 255.255.255.255')
  else if (e.forwardingModel === 'routed') out.push('  No Internet protocol address assigned')
  const bw = e.hardware === 'ethernet' || (lag && e.bandwidth > 0) ? `, BW ${e.bandwidth / 1000} kbit` : ''
  out.push(e.forwardingModel === 'routed' ? `  IP MTU ${e.mtu} bytes (default)${bw}` : `  Ethernet MTU ${e.mtu} bytes${bw}`)
  if (e.hardware === 'ethernet') {
    out.push(`  Full-duplex, ${speedText(e.bandwidth)}, auto negotiation: ${e.autoNegotiate === 'success' ? 'on' : 'off'}, uni-link: n/a`)
  } else if (lag) {
    const members = Object.entries(e.memberInterfaces ?? {})
    out.push(e.bandwidth > 0 ? `  Full-duplex, ${speedText(e.bandwidth)}` : '  Full-duplex, Unconfigured')
    out.push(`  Active members in this channel: ${e.bandwidth > 0 ? members.length : 0}`)
    if (e.bandwidth > 0) for (const [m, info] of members) out.push(`  ... ${m} , Full-duplex, ${speedText(info.bandwidth)}`)
    out.push('  Fallback mode is: off')
  }
  out.push(`  ${e.interfaceStatus === 'connected' ? 'Up' : 'Down'} ${spelledDuration(x.sinceChangeS)}`)
  if (e.hardware === 'ethernet') out.push('  Loopback Mode : None')
  if (e.interfaceCounters) {
    out.push(`  ${e.interfaceCounters.linkStatusChanges} link status changes since last clear`)
    out.push(`  Last clearing of "show interface" counters ${x.sinceClearS === undefined ? 'never' : `${clockDuration(x.sinceClearS)} ago`}`)
    out.push(...rateLines(e, lag), ...counterLines(e, lag))
  }
  return `${out.join('\n')}\n`
}
