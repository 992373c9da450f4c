import { command, NO_OUTPUT, type CommandSpec } from './command-grammar.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'
import type { MosConfig, MosPortConfig } from '../mos/mos-config.js'
import { mosRunningConfigJson, renderMosRunningConfig } from '../mos/mos-running-config.js'
import { showAggregationCounters, showMetawatchStatus, showMosCounterErrors, showMosCounters, showMosInterfacesStatus, showMosVersion } from '../mos/mos-show.js'
import { showHostname } from '../show/show-system.js'
import { showMosInterface } from '../mos/mos-show-interface.js'
import type { MosHost } from './cli-host.js'
import { COMMON_EXEC_COMMANDS } from './common-exec-commands.js'

type S = CliSession

function mosOf(s: S): MosConfig {
  const mos = s.target().mos
  if (!mos) throw new CliError('Not a 7130', 1000)
  return mos
}

function hostOf(s: S): MosHost {
  const host = s.host.mos
  if (!host) throw new CliError('Not a 7130', 1000)
  return host
}

function eachPort(s: S, edit: (port: MosPortConfig, name: string) => void): typeof NO_OUTPUT {
  if (s.mode.kind !== 'if') throw new CliError('Not in interface configuration mode', 1000)
  const mos = mosOf(s)
  for (const name of s.mode.names) edit(mos.ports[name] as MosPortConfig, name)
  return NO_OUTPUT
}

function setSource(s: S, source: string): typeof NO_OUTPUT {
  const mos = mosOf(s)
  if (source !== 'mac' && !mos.ports[source]) throw new CliError(`Invalid input (at token 1: '${source}')`)
  return eachPort(s, (port, name) => {
    if (name === source) throw new CliError(`Interface ${name} cannot be its own source`, 1000)
    port.source = source
  })
}

function app(s: S, edit: (mw: MosConfig['metawatch']) => void): typeof NO_OUTPUT {
  if (s.mode.kind !== 'app') throw new CliError('Not in application configuration mode', 1000)
  edit(mosOf(s).metawatch)
  return NO_OUTPUT
}

function running(s: S) {
  const id = hostOf(s).identity
  const text = renderMosRunningConfig(s.host.running, { modelCode: id.modelCode, version: id.version })
  return { json: () => mosRunningConfigJson(text), text: () => text }
}

const exits = [
  command<S>('exit', (s) => {
    s.mode = { kind: 'config' }
    return NO_OUTPUT
  }),
  command<S>('end', (s) => {
    s.leaveConfig()
    return NO_OUTPUT
  }),
].flat()

/** MOS show commands (every mode). */
export const MOS_SHOW_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('show version', (s) => showMosVersion(hostOf(s).identity)),
  command<S>('show hostname', (s) => showHostname(s.host.running.hostname)),
  command<S>('show interfaces status', (s) => showMosInterfacesStatus(s.host.running, (port) => s.host.linkUp(port))),
  command<S>('show interfaces <port:mosport>', (s, a) => {
    const port = a.port as string
    if (!s.host.running.mos?.ports[port]) throw new CliError(`Invalid input (at token 2: '${port}')`)
    return showMosInterface(s.host.running, hostOf(s).traffic, (p) => s.host.linkUp(p), port)
  }),
  command<S>('show interfaces counters', (s) => showMosCounters(s.host.running, hostOf(s).traffic)),
  command<S>('show interfaces counters errors', (s) => showMosCounterErrors(s.host.running)),
  command<S>('show running-config', (s) => running(s), { privileged: true }),
  command<S>('show metawatch status', (s) => showMetawatchStatus(s.host.running)),
  command<S>('show metawatch aggregation counters', (s) => showAggregationCounters(hostOf(s).traffic)),
].flat()

/** MOS exec mode: the shared commands plus checkpoints on flash: (MOS has no configure sessions). */
export const MOS_EXEC_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  COMMON_EXEC_COMMANDS,
  command<S>('copy running-config <dest:word>', (s, a) => {
    const m = /^flash:([\w.-]+)$/.exec(String(a.dest))
    if (!m) throw new CliError(`Invalid input (at token 2: '${a.dest}')`)
    hostOf(s).flash.set(m[1] as string, structuredClone(s.host.running))
    return { json: () => ({ messages: ['Copy completed successfully.'] }), text: () => 'Copy completed successfully.\n' }
  }, { privileged: true }),
  command<S>('copy <src:word> running-config', (s, a) => {
    const m = /^flash:([\w.-]+)$/.exec(String(a.src))
    const saved = m ? hostOf(s).flash.get(m[1] as string) : undefined
    if (!saved) throw new CliError(`File not found: ${a.src}`, 1000)
    s.host.running = structuredClone(saved)
    return { json: () => ({ messages: ['Copy completed successfully.'] }), text: () => 'Copy completed successfully.\n' }
  }, { privileged: true }),
  command<S>('delete <file:word>', (s, a) => {
    const m = /^flash:([\w.-]+)$/.exec(String(a.file))
    if (!m || !hostOf(s).flash.delete(m[1] as string)) throw new CliError(`File not found: ${a.file}`, 1000)
    return NO_OUTPUT
  }, { privileged: true }),
].flat()

/** MOS global configuration. */
export const MOS_CONFIG_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('hostname <name:word>', (s, a) => {
    s.target().hostname = a.name as string
    return NO_OUTPUT
  }),
  command<S>('interface <name:mosport>', (s, a) => {
    const name = a.name as string
    if (!mosOf(s).ports[name]) throw new CliError(`Invalid input (at token 1: '${name}')`)
    s.mode = { kind: 'if', names: [name] }
    return NO_OUTPUT
  }),
  command<S>('app metawatch', (s) => {
    s.mode = { kind: 'app', name: 'metawatch' }
    return NO_OUTPUT
  }),
  command<S>('exit', (s) => {
    s.leaveConfig()
    return NO_OUTPUT
  }),
  command<S>('end', (s) => {
    s.leaveConfig()
    return NO_OUTPUT
  }),
].flat()

/** MOS interface configuration: the L1 source of the port's output, description, shutdown. */
export const MOS_INTERFACE_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('source <port:mosport>', (s, a) => setSource(s, a.port as string)),
  command<S>('source mac', (s) => setSource(s, 'mac')),
  command<S>('no source', (s) => eachPort(s, (p) => delete p.source)),
  command<S>('description <text:rest>', (s, a) => eachPort(s, (p) => (p.description = a.text as string))),
  command<S>('no description', (s) => eachPort(s, (p) => delete p.description)),
  command<S>('shutdown', (s) => eachPort(s, (p) => (p.shutdown = true))),
  command<S>('no shutdown', (s) => eachPort(s, (p) => (p.shutdown = false))),
  exits,
].flat()

const RUNNING = 'timesource setting cannot be changed while metawatch is running, shutdown metawatch first'

/** MOS `app metawatch` mode. */
export const MOS_APP_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('shutdown', (s) => app(s, (mw) => (mw.enabled = false))),
  command<S>('no shutdown', (s) => app(s, (mw) => (mw.enabled = true))),
  command<S>('timesource <ts:auto|freerun|pps|ptp|system>', (s, a) =>
    app(s, (mw) => {
      if (mw.enabled) throw new CliError(RUNNING, 1000)
      mw.timesource = a.ts as MosConfig['metawatch']['timesource']
    }),
  ),
  command<S>('ts-clock source <src:auto|crystal|module|onboard>', (s, a) =>
    app(s, (mw) => {
      if (mw.enabled) throw new CliError(RUNNING.replace('timesource', 'ts-clock'), 1000)
      mw.tsClockSource = a.src as MosConfig['metawatch']['tsClockSource']
    }),
  ),
  exits,
].flat()
