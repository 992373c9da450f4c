import { command, type CommandSpec } from './command-grammar.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'
import { showHostname, showVersion } from '../show/show-system.js'
import { showClock } from '../show/show-clock.js'
import { showInventory } from '../show/show-inventory.js'
import { showVlan } from '../show/show-vlan.js'
import { showInterfaces, showInterfacesStatus, showInterfacesSwitchport } from '../show/show-interfaces.js'
import { showPortChannel, showPortChannelSummary } from '../show/show-port-channel.js'
import { showCounterDiscards, showCounterErrors, showCounters, showQueueDetail, showQueueDrops } from '../show/show-counters.js'
import { showDhcpRelay } from '../show/show-dhcp-relay.js'
import { showCounterRates } from '../show/show-counter-rates.js'
import { LANZ_SHOW_COMMANDS } from './lanz-commands.js'
import { showConfigurationSessions } from '../show/show-sessions.js'
import { renderRunningConfig, runningConfigToJson } from '../running-config.js'
import { configTextDiff } from '../../src/config-text-diff.js'
import { runningConfigSection } from '../running-config-section.js'
import { showIpInterface, showIpv6Interface } from '../show/show-ip-interface.js'
import { showLldpNeighbors } from '../show/show-lldp.js'
import { showInterfacesDescription, showIpInterfaceBrief } from '../show/show-brief.js'
import { renderStartupConfig } from '../startup-config.js'

type S = CliSession

function runningConfig(s: S, all: boolean, config = s.host.running) {
  const text = renderRunningConfig(config, s.host.profile, all)
  return { json: () => runningConfigToJson(text), text: () => text }
}

/** The interface named on the line, refused as EOS does when the device has no such interface. */
function existing(s: S, name: unknown): string {
  if (typeof name !== 'string' || !s.host.running.interfaces[name]) throw new CliError('Interface does not exist', 1002)
  return name
}

/**
 * `show running-config interfaces NAME`: the interface's block alone, without the header (ssh.md §4, from
 * fake-switches' tests); its JSON is that block in the running-config model [unconfirmed].
 */
function interfaceBlock(s: S, name: string) {
  const lines = renderRunningConfig(s.host.running, s.host.profile).split('\n')
  const at = lines.indexOf(`interface ${name}`)
  const block: string[] = []
  if (at >= 0) for (let i = at; i < lines.length && (i === at || (lines[i] as string).startsWith(' ')); i++) block.push(lines[i] as string)
  const text = block.length === 0 ? '' : `${block.join('\n')}\n`
  return { json: () => runningConfigToJson(text), text: () => text }
}

function section(s: S, all: boolean, regex: string) {
  const text = runningConfigSection(renderRunningConfig(s.host.running, s.host.profile, all), regex)
  return { text: () => text }
}

function sessionDiffResult(s: S, name: string | undefined) {
  const sessionName = name ?? s.sessionName
  if (sessionName === undefined) throw new CliError('Not in a configuration session', 1000)
  const session = s.host.sessions.get(sessionName)
  if (!session) throw new CliError(`Session ${sessionName} does not exist`, 1000)
  return {
    text: () => {
      const running = renderRunningConfig(s.host.running, s.host.profile)
      // Both files carry the running device's header: a hostname change shows as the `hostname` line alone.
      const device = /^! device: .*$/m.exec(running)?.[0] ?? ''
      const staged = renderRunningConfig(session.config, s.host.profile).replace(/^! device: .*$/m, () => device)
      return configTextDiff(running, staged, { from: 'system:/running-config', to: `session:/${sessionName}-session-config` })
    },
  }
}

const UNSUPPORTED_PLATFORM = 'Unavailable command (not supported on this hardware platform)'

/** The `show` commands, available in every mode (as EOS allows `show` from configuration modes). */
export const SHOW_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('show version', (s) => showVersion(s.host.identity)),
  command<S>('show hostname', (s) => showHostname(s.host.running.hostname)),
  command<S>('show clock', (s) => showClock(s.host)),
  command<S>('show inventory', (s) => showInventory(s.host.identity, s.host.running)),
  command<S>('show vlan [<ids:vlans>]', (s, a) => showVlan(s.host, a.ids as number[] | undefined)),
  command<S>('show interfaces [<name:iface>]', (s, a) => {
    const name = a.name as string | undefined
    if (name !== undefined && !s.host.running.interfaces[name]) throw new CliError(`Interface does not exist`, 1002)
    return showInterfaces(s.host, name)
  }),
  // EOS's `show vlan` is already its brief table; `brief` prints the same.
  command<S>('show vlan brief', (s) => showVlan(s.host)),
  command<S>('show interfaces description', (s) => showInterfacesDescription(s.host)),
  command<S>('show interfaces <name:iface> description', (s, a) => {
    const name = a.name as string
    if (!s.host.running.interfaces[name]) throw new CliError(`Interface does not exist`, 1002)
    return showInterfacesDescription(s.host, name)
  }),
  command<S>('show ip interface brief', (s) => showIpInterfaceBrief(s.host)),
  command<S>('show interfaces switchport', (s) => showInterfacesSwitchport(s.host)),
  command<S>('show interfaces <name:iface> switchport', (s, a) => showInterfacesSwitchport(s.host, existing(s, a.name))),
  command<S>('show interfaces status', (s) => showInterfacesStatus(s.host)),
  command<S>('show interfaces <name:iface> status', (s, a) => showInterfacesStatus(s.host, existing(s, a.name))),
  command<S>('show interfaces counters', (s) => showCounters(s.host)),
  command<S>('show interfaces <name:iface> counters', (s, a) => showCounters(s.host, existing(s, a.name))),
  command<S>('show interfaces counters errors', (s) => showCounterErrors(s.host)),
  command<S>('show interfaces <name:iface> counters errors', (s, a) => showCounterErrors(s.host, existing(s, a.name))),
  command<S>('show interfaces counters discards', (s) => showCounterDiscards(s.host)),
  command<S>('show interfaces <name:iface> counters discards', (s, a) => showCounterDiscards(s.host, existing(s, a.name))),
  command<S>('show interfaces counters rates', (s) => showCounterRates(s.host)),
  command<S>('show interfaces <name:iface> counters rates', (s, a) => showCounterRates(s.host, existing(s, a.name))),
  command<S>('show interfaces counters queue drops', (s) => {
    if (s.host.profile.queueCounters !== 'voq') throw new CliError("Incomplete command (at token 4: 'drops')")
    return showQueueDrops(s.host)
  }),
  command<S>('show interfaces counters queue detail', (s) => {
    if (s.host.profile.queueCounters !== 'egress-queue') throw new CliError(`${UNSUPPORTED_PLATFORM} (at token 4: 'detail')`)
    return showQueueDetail(s.host)
  }),
  LANZ_SHOW_COMMANDS,
  command<S>('show port-channel [detailed]', (s) => showPortChannel(s.host)),
  command<S>('show port-channel summary', (s) => showPortChannelSummary(s.host)),
  command<S>('show ip dhcp relay', (s) => showDhcpRelay(s.host.running)),
  command<S>('show running-config', (s) => runningConfig(s, false), { privileged: true }),
  command<S>('show running-config all', (s) => runningConfig(s, true), { privileged: true }),
  command<S>('show running-config interfaces <name:iface>', (s, a) => interfaceBlock(s, existing(s, a.name)), { privileged: true }),
  command<S>('show running-config section <regex:rest>', (s, a) => section(s, false, a.regex as string), { privileged: true }),
  command<S>('show running-config all section <regex:rest>', (s, a) => section(s, true, a.regex as string), { privileged: true }),
  command<S>('show startup-config', (s) => {
    const text = renderStartupConfig(s.host)
    return { json: () => runningConfigToJson(text), text: () => text }
  }, { privileged: true }),
  command<S>('show lldp neighbors [<port:iface>]', (s, a) => showLldpNeighbors(s.host, a.port as string | undefined)),
  command<S>('show ip interface', (s) => showIpInterface(s.host)),
  command<S>('show ipv6 interface', (s) => showIpv6Interface(s.host)),
  command<S>('show session-config', (s) => runningConfig(s, false, s.target()), { privileged: true }),
  command<S>('show session-config diffs', (s) => sessionDiffResult(s, undefined), { privileged: true }),
  command<S>('show session-config named <name:word> diffs', (s, a) => sessionDiffResult(s, a.name as string), { privileged: true }),
  command<S>('show configuration sessions [detail]', (s) => showConfigurationSessions(s.host.sessions, s.host.identity.bootTime), {
    privileged: true,
  }),
].flat()
