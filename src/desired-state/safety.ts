import { interfaceKind, type DeviceState, type EosDeviceState } from './device-state.js'
import type { Problem } from './target-context.js'

/**
 * The interfaces a plan protects by default: on EOS every Management interface and the interface whose address the
 * connection goes to (when the device has it); on a 7130 the management ports (`ma…`).
 */
export function defaultProtectedInterfaces(state: DeviceState, connectedAddress?: string): Set<string> {
  if (state.platform === 'mos') return new Set([...state.sources.keys()].filter((p) => p.startsWith('ma')).concat(['ma1']))
  const out = new Set<string>()
  for (const [name, e] of state.interfaces) {
    if (interfaceKind(name) === 'management') out.add(name)
    const addresses = e.ipv4 ? [e.ipv4.primary, ...e.ipv4.secondary] : []
    if (connectedAddress !== undefined && [...addresses, ...e.ipv6].some((a) => a.split('/')[0] === connectedAddress)) out.add(name)
  }
  return out
}

/**
 * The changes of a plan that could cut this connection off the device: the management interfaces and the one the
 * connection runs through removed, shut down, re-addressed, moved to another VRF or made a switchport, or the VLAN
 * of such an SVI deleted. A plan refuses them unless `force` is given.
 */
export function cutOffProblems(current: DeviceState, target: DeviceState, guarded: ReadonlySet<string>): Problem[] {
  if (current.platform !== 'eos' || target.platform !== 'eos') return []
  const problems: Problem[] = []
  for (const name of guarded) {
    const s = current.interfaces.get(name)
    if (!s) continue
    const t = (target as EosDeviceState).interfaces.get(name)
    const say = (what: string) => problems.push({ path: ['interfaces'], message: `${name} carries management access: the plan would ${what}; pass force: true if that is intended` })
    if (!t) {
      say('remove it')
      continue
    }
    if (s.enabled && !t.enabled) say('shut it down')
    if (s.ipv4 && JSON.stringify(s.ipv4) !== JSON.stringify(t.ipv4)) say(t.ipv4 ? `change its address ${s.ipv4.primary} to ${t.ipv4.primary}` : `remove its address ${s.ipv4.primary}`)
    if (s.vrf !== t.vrf) say(`move it from VRF ${s.vrf} to ${t.vrf}`)
    if ((t.mode === 'access' || t.mode === 'trunk') && s.mode !== t.mode) say('make it a switchport')
    const vlan = /^Vlan(\d+)$/.exec(name)
    if (vlan && current.vlans.has(Number(vlan[1])) && !target.vlans.has(Number(vlan[1]))) say(`delete VLAN ${vlan[1]}`)
  }
  return problems
}
