import { createHash } from 'node:crypto'
import { initialConfig, type DeviceConfig } from './device-config.js'
import { configFingerprint } from './config-fingerprint.js'
import { EOS_PROFILES, MOS_7130_48L, type EosProfileId, type PlatformProfile } from './platform-profiles.js'
import { initialMosConfig } from './mos/mos-config.js'
import { MosTraffic, type MosOffer } from './mos/mos-traffic.js'
import { ConfigSessionStore } from './config-sessions.js'
import { steadyTransmit, TrafficModel, type TrafficProfile, type Transmission, type WireFeed } from './traffic-model.js'
import { HardwareDropCounters } from './hardware-drops.js'
import { egressEnvironment } from './lanz.js'
import { CliSession } from './cli/cli-session.js'
import { runForTerminal } from './cli/terminal-output.js'
import type { CliHost, CommandRejection, MosHost } from './cli/cli-host.js'
import type { SystemIdentity } from './show/show-system.js'
import { EapiRequestHandler, type EapiAuth } from './eapi/eapi-request-handler.js'
import { startEapiServer, type EapiEndpoint, type EapiFaults } from './eapi/eapi-server.js'
import { newDeviceKeys, sharedDeviceKeys, type MockDeviceKeys } from './device-keys.js'
import { startSshServer, type SshEndpoint } from './ssh/ssh-server.js'
import type { SshFaults } from './ssh/shell-session.js'
import { startSnmpAgent, type SnmpCredentials, type SnmpEndpoint } from './snmp/snmp-agent.js'
import type { LldpNeighbor } from './show/show-lldp.js'
import { reloadFromStartup } from './startup-config.js'
import { journaled } from './ssh/shell-session.js'
import { CommandJournal } from './command-journal.js'
import { checkSnapshotFits, frontPanelPortsOf } from './snapshot-fit.js'

/** Options of a {@link MockSwitch}. */
export interface MockSwitchOptions {
  hostname?: string
  /** `eos` (default): an EOS switch; `mos`: a 7130-48L running MOS with MetaWatch. */
  platform?: 'eos' | 'mos'
  /** EOS hardware profile: `veos` (default), `7280r` (VOQ queue drops) or `7050x` (egress queue drops). */
  profile?: EosProfileId
  /** Number of front-panel Ethernet ports (default 48). */
  ports?: number
  /** EOS: buffer of each egress queue (port and traffic class) in bytes (default: the profile's). */
  queueBufferBytes?: number
  /** 7130: buffer of each MetaWatch aggregation core in bytes (default 8 GiB). */
  coreBufferBytes?: number
  /** 7130: line rate of each core's output in Gb/s (default 10). */
  coreOutputGbps?: number
  username?: string
  password?: string
  /** When set, `enable` requires it. */
  enablePassword?: string
  serialNumber?: string
  /** SSH banner shown before authentication. */
  banner?: string
  /** Text printed when an SSH shell opens, before the first prompt. */
  motd?: string
  /** OpenSSH public key lines allowed to log in over SSH as `username`. */
  authorizedKeys?: string[]
  /** SSH authentication methods offered (default: password, keyboard-interactive, publickey). */
  sshAuthMethods?: Array<'password' | 'keyboard-interactive' | 'publickey'>
  /** SNMP credentials (default: communities `public` (read-only) and `private` (read-write), v3 user `switchyard`). */
  snmp?: Partial<SnmpCredentials>
  /**
   * The device's HTTPS certificate and SSH host keys, e.g. kept in a lab's state file so that its fingerprints stay
   * the same across restarts. Absent: the mock makes keys at its first {@link MockSwitch.listen}: a certificate and
   * an ed25519 host key of its own, and the RSA host key of the process unless {@link ownRsaHostKey}.
   */
  keys?: MockDeviceKeys
  /**
   * Use the HTTPS certificate and SSH host keys shared by every mock in the process that sets this, instead of keys
   * of its own. A device's own keys cost about 6 ms, so labs of hundreds of mocks set it; the price is that trusting
   * one such mock trusts them all (default false: each mock has its own).
   */
  sharedKeys?: boolean
  /**
   * An RSA host key of its own as well (made at the first listen: 100–200 ms of CPU). Default: the device's own
   * ed25519 host key (the one clients pin) and the RSA host key every mock of the process shares.
   */
  ownRsaHostKey?: boolean
  /** @deprecated The same as {@link sharedKeys} (which also shares the SSH host keys). */
  sharedCertificate?: boolean
  /** eAPI: largest request body accepted; a larger one is answered HTTP 413 while it streams in (default 16 MiB). */
  maxRequestBytes?: number
  /** Longest CLI line accepted over SSH (shell or exec) and as one eAPI command (default 64 KiB). */
  maxLineBytes?: number
  /** eAPI: largest JSON-RPC answer built; past it the request ends in a JSON-RPC -32603 error (default 64 MiB). */
  maxResponseBytes?: number
  /** LLDP neighbours seen on local ports (`show lldp neighbors`); a lab sets them from its links. */
  lldpNeighbors?: LldpNeighbor[]
}

/** Ports to listen on, per face (0 or absent: one the OS picks). */
export interface MockListenPorts {
  eapiHttps?: number
  eapiHttp?: number
  ssh?: number
  snmp?: number
}

/**
 * What a device keeps across restarts (`switchyard mock --state`) and what a snapshot holds: plain JSON, no secrets.
 * Counters and the simulated clock are not kept.
 */
export interface MockSwitchState {
  version: 1
  hostname: string
  /** The hardware profile it was taken on (absent in states saved before the mock recorded it); a restore on another profile is refused. */
  profile?: string
  /** The running-config, as the mock holds it. */
  running: DeviceConfig
  /** The startup-config (absent in states saved before the mock had one). */
  startup?: DeviceConfig
  /** Ports whose link is down (cable pulled). */
  linksDown: string[]
}

/** The servers a mock exposes once listening. */
export interface MockEndpoints {
  /** eAPI over HTTPS, with a self-signed certificate that `connectOptions` trusts. */
  eapi: EapiEndpoint
  /** eAPI over plain HTTP. */
  eapiHttp: EapiEndpoint
  /** The CLI over SSH, host key pinned in `connectOptions`. */
  ssh: SshEndpoint
  /** The SNMP agent (v2c and v3). */
  snmp: SnmpEndpoint
}

/** Faults a test can inject. */
export interface MockFaults extends EapiFaults, SshFaults {
  /** Refuse every login. */
  rejectAuth: boolean
}

/**
 * One simulated Arista EOS switch: its configuration (the running-config it prints is the source of truth),
 * configure sessions with real commit timers, live link and counter state on a simulated clock, and an EOS CLI
 * interpreter. Its eAPI servers (HTTP and HTTPS on 127.0.0.1) and msw handlers all drive that one interpreter.
 *
 * @example
 * ```ts
 * const dev = new MockSwitch({ hostname: 'sw1', ports: 48, username: 'admin', password: 'admin' })
 * const { eapi } = await dev.listen()
 * const sw = await connect(eapi.connectOptions)
 * dev.cli('show vlan')
 * await dev.close()
 * ```
 */
export class MockSwitch implements CliHost {
  readonly platform: 'eos' | 'mos'
  readonly profile: PlatformProfile
  /** The 7130 side (platform `mos`), or `undefined`. */
  readonly mos: MosHost | undefined
  readonly identity: SystemIdentity
  readonly sessions: ConfigSessionStore
  readonly traffic: TrafficModel
  readonly enablePassword: string | undefined
  readonly systemMac: string
  readonly bootTime = Date.now()
  /** Lines the device refuses with a message of your choice (see {@link rejectCommand}). */
  readonly rejections: CommandRejection[] = []
  /** Every line run on the device (over any face), oldest first; tests read it to check what was sent. */
  readonly commandLog: string[] = []
  /** Live fault knobs of the servers. */
  readonly faults: MockFaults = { latencyMs: 0, dropConnections: false, rejectAuth: false, splitWrites: false, doubledEcho: false, forcePaging: false, maxSessions: 0 }
  /** Every line each face received (eAPI, SSH, SNMP SET, console) with its outcome, bounded; served by the lab's control API. */
  readonly journal = new CommandJournal()
  /** Handles eAPI HTTP requests (used by the server and by the msw handlers). */
  readonly eapiHandler: EapiRequestHandler
  #startupConfig: DeviceConfig | undefined
  /** LLDP neighbours on local ports (see {@link setLldpNeighbors}). */
  lldpNeighbors: readonly LldpNeighbor[]
  #running: DeviceConfig | undefined
  #revision = 0
  readonly #linkDown = new Set<string>()
  /** Ports whose peer (in a lab) is administratively down: no light, so the link is down here too. */
  readonly #peerDown = new Set<string>()
  /** The front-panel ports the device was built with (a snapshot must have the same). */
  readonly #frontPanelPorts: readonly string[]
  readonly #changeListeners = new Set<() => void>()
  readonly #endpoints: Array<{ close(): Promise<void> }> = []
  readonly #options: MockSwitchOptions
  #transmitting = false
  readonly #auth: EapiAuth
  #console: CliSession | undefined
  #keys: Promise<MockDeviceKeys> | undefined
  #madeKeys: MockDeviceKeys | undefined
  /** listen() calls under way; close() waits for them. */
  readonly #listening = new Set<Promise<unknown>>()
  /** Bumped by every close(): a listen() that started before sees it moved and closes what it opened. */
  #closeGeneration = 0
  #closing: Promise<void> | undefined

  constructor(options: MockSwitchOptions = {}) {
    this.#options = options
    const hostname = options.hostname ?? 'switch'
    this.platform = options.platform ?? 'eos'
    this.profile = this.platform === 'mos' ? MOS_7130_48L : EOS_PROFILES[options.profile ?? 'veos']
    const ports = this.platform === 'mos' ? 0 : (options.ports ?? 48)
    const digest = createHash('sha256').update(hostname).digest()
    this.systemMac = ['02', '1c', '73', ...[...digest.subarray(0, 3)].map((b) => b.toString(16).padStart(2, '0'))].join(':')
    this.identity = {
      get hostname() {
        return hostname
      },
      profile: this.profile,
      serialNumber: options.serialNumber ?? `SY${digest.toString('hex').slice(0, 9).toUpperCase()}`,
      systemMac: this.systemMac,
      bootTime: this.bootTime,
    }
    this.running = initialConfig(hostname, ports)
    if (this.platform === 'mos') {
      this.running = { ...this.running, interfaces: {}, vlans: {}, mos: initialMosConfig(options.ports ?? 48) }
      this.mos = {
        identity: {
          device: 'Arista Networks 7130-48L',
          sku: 'DCS-7130-48L',
          modelCode: 'M48L-A3',
          version: MOS_7130_48L.version,
          serialNumber: options.serialNumber ?? `M48L-A3-${digest.toString('hex').slice(0, 5).toUpperCase()}-1`,
          applications: 'metawatch-3.2.0',
          bootTime: this.bootTime,
        },
        traffic: new MosTraffic(options.coreOutputGbps ?? 10, options.coreBufferBytes ?? 8 * 1024 ** 3),
        flash: new Map(),
      }
    } else {
      this.mos = undefined
    }
    this.startupConfig = structuredClone(this.running)
    this.#frontPanelPorts = frontPanelPortsOf(this.running)
    this.lldpNeighbors = [...(options.lldpNeighbors ?? [])]
    this.enablePassword = options.enablePassword
    this.sessions = new ConfigSessionStore(
      () => this.running,
      (config) => {
        this.running = config
      },
    )
    this.traffic = new TrafficModel([...Array.from({ length: ports }, (_, i) => `Ethernet${i + 1}`), 'Management1'])
    if (this.profile.hardwareDropChip) this.traffic.hardwareDrops = new HardwareDropCounters(this.profile.hardwareDropChip)
    this.#auth = {
      username: options.username ?? 'admin',
      password: options.password ?? 'admin',
      rejectAll: () => this.faults.rejectAuth,
    }
    this.eapiHandler = new EapiRequestHandler(
      this,
      this.#auth,
      {
        ...(options.maxLineBytes === undefined ? {} : { maxCommandBytes: options.maxLineBytes }),
        ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
      },
      this.journal,
    )
  }

  /**
   * What `copy running-config startup-config` saved; starts as the initial configuration. A {@link reload} loads it.
   * Saving a different configuration counts as a change (a lab's state file is written).
   */
  get startupConfig(): DeviceConfig {
    return this.#startupConfig as DeviceConfig
  }

  set startupConfig(config: DeviceConfig) {
    const changed = this.#startupConfig !== undefined && configFingerprint(config) !== configFingerprint(this.#startupConfig)
    this.#startupConfig = config
    if (changed) this.touch()
  }

  /** The configuration that `show running-config` prints; replacing it (a commit, a rollback) counts as a change. */
  get running(): DeviceConfig {
    return this.#running as DeviceConfig
  }

  set running(config: DeviceConfig) {
    const changed = this.#running === undefined || configFingerprint(config) !== configFingerprint(this.#running)
    this.#running = config
    if (changed) this.touch()
  }

  /**
   * Increases with every change of configuration (a commit, a line of a plain `configure` that changes something, a
   * rollback) or live state (links, traffic, the simulated clock), and only then: reads over any face, `enable`,
   * `terminal …`, opening, editing or aborting a configure session leave it as it is. Tests use it to prove that
   * nothing changed.
   */
  get revision(): number {
    return this.#revision
  }

  /** Marks the device as changed (the revision moves, and cached views such as the SNMP agent's are rebuilt). */
  touch(): void {
    this.#revision++
    for (const listener of this.#changeListeners) listener()
  }

  /** Calls `listener` after every change (see {@link revision}); returns an undo. The lab saves its state file this way. */
  onChange(listener: () => void): () => void {
    this.#changeListeners.add(listener)
    return () => this.#changeListeners.delete(listener)
  }

  /** The device's configuration and link state as plain JSON (see {@link MockSwitchState}). */
  snapshot(): MockSwitchState {
    return {
      version: 1,
      hostname: this.identity.hostname,
      profile: this.profile.id,
      running: structuredClone(this.running),
      startup: structuredClone(this.startupConfig),
      linksDown: [...this.#linkDown].sort(),
    }
  }

  /**
   * Throws when `state` cannot be restored on this device: it is another device's (hostname), another platform's
   * (a 7130's has `running.mos`), has other front-panel ports (another port count), or names in `linksDown` a port
   * it does not have. A `SnapshotMismatchError` says why.
   */
  checkSnapshot(state: MockSwitchState): void {
    checkSnapshotFits({ hostname: this.identity.hostname, platform: this.platform, profile: this.profile.id, frontPanelPorts: this.#frontPanelPorts }, state)
    const ports = new Set([...Object.keys(state.running.interfaces), ...Object.keys(state.running.mos?.ports ?? {})])
    const unknown = state.linksDown.find((p) => !ports.has(p))
    if (unknown !== undefined) throw new Error(`no such port in the restored configuration: ${unknown}`)
  }

  /**
   * Puts back a {@link snapshot}: the running-config, startup-config and link state (pending configure sessions are
   * kept). A snapshot that does not fit the device ({@link checkSnapshot}) is refused and the device left as it was.
   */
  restore(state: MockSwitchState): void {
    this.checkSnapshot(state)
    this.#linkDown.clear()
    for (const port of state.linksDown) this.#linkDown.add(port)
    this.running = structuredClone(state.running)
    if (state.startup) this.startupConfig = structuredClone(state.startup)
    this.touch()
  }

  /**
   * Whether a port's link is up: its cable is plugged ({@link setLink}) and, in a lab, the port at the other end is
   * not shut down ({@link setPeerAdminDown}). All ports start up.
   */
  linkUp(port: string): boolean {
    return !this.#linkDown.has(port) && !this.#peerDown.has(port)
  }

  /**
   * In a lab: the port at the other end of this port's cable is administratively down (or up again). While it is,
   * this port is down (`notconnect`, not `disabled`) and shows no LLDP neighbour; its cable state (what a snapshot
   * keeps in `linksDown`) is not changed. Counts as a change only when the state moves.
   */
  setPeerAdminDown(port: string, down: boolean): void {
    if (this.#peerDown.has(port) === down) return
    if (down) this.#peerDown.add(port)
    else this.#peerDown.delete(port)
    this.touch()
  }

  /** Whether a port is shut down in the running-config (`shutdown` on EOS or MOS). */
  adminDown(port: string): boolean {
    return (this.running.interfaces[port]?.shutdown ?? this.running.mos?.ports[port]?.shutdown) === true
  }

  /** Plugs or unplugs a port. */
  setLink(port: string, up: boolean): void {
    if (!this.running.interfaces[port] && !this.running.mos?.ports[port]) throw new Error(`no such port: ${port}`)
    if (up) this.#linkDown.delete(port)
    else this.#linkDown.add(port)
    this.touch()
  }

  /** Replaces the LLDP neighbours the device sees (a neighbour on a port whose link is down is not shown). */
  setLldpNeighbors(neighbors: readonly LldpNeighbor[]): void {
    this.lldpNeighbors = [...neighbors]
    this.touch()
  }

  /**
   * Reboots the device's configuration: the running-config becomes the startup-config, configure sessions and
   * commit timers are gone, and the console starts a new CLI session. Servers, links and counters stay as they are.
   */
  reload(): void {
    reloadFromStartup(this)
    this.#console = undefined
    this.touch()
  }

  /** Sets the traffic offered on a port (rates, packet size, congestion drop ratio, traffic class). */
  setTraffic(port: string, profile: TrafficProfile | undefined): void {
    this.traffic.setProfile(port, profile)
    this.touch()
  }

  /** Advances the simulated clock: counters grow by what the traffic profiles imply for `seconds`, and commit timers run down. */
  advanceTime(seconds: number): void {
    if (this.mos && this.running.mos) {
      this.mos.traffic.advance(seconds, this.running.mos, (port) => this.linkUp(port))
      this.traffic.elapsedSeconds += seconds
    } else {
      const drops = this.traffic.hardwareDrops
      this.traffic.advance(
        seconds,
        (port) => this.linkUp(port) && !this.running.interfaces[port]?.shutdown,
        egressEnvironment(this, this.#options.queueBufferBytes),
        drops ? (_port, _tc, packets, atS) => drops.recordCongestion(packets, atS) : undefined,
      )
    }
    this.sessions.advanceTimers(seconds)
    this.touch()
  }

  /**
   * Offers a burst to a port's egress on top of its steady traffic: `outMbps` for `durationMs` of simulated time,
   * starting `startInMs` from now (default: now). Beyond the port's line rate it fills the egress queue of
   * `trafficClass` (LANZ records it when on), and once the queue's buffer is full the excess is dropped. The burst
   * plays out as {@link advanceTime} moves the clock.
   */
  burst(port: string, burst: { outMbps: number; durationMs: number; startInMs?: number; packetBytes?: number; trafficClass?: number; from?: string[] }): void {
    if (!this.running.interfaces[port] || !port.startsWith('Ethernet')) throw new Error(`no such Ethernet port: ${port}`)
    if (!(burst.outMbps > 0 && burst.durationMs > 0)) throw new Error('a burst needs a positive rate and duration')
    const startS = this.traffic.elapsedSeconds + (burst.startInMs ?? 0) / 1000
    this.traffic.egress.addBurst({
      port,
      trafficClass: burst.trafficClass ?? 0,
      bytesPerSecond: (burst.outMbps * 1e6) / 8,
      packetBytes: burst.packetBytes ?? 1000,
      startS,
      endS: startS + burst.durationMs / 1000,
      ingress: burst.from ?? [],
    })
    this.touch()
  }

  /** 7130: offers traffic on a front port (received from the wire); it follows the L1 sources from there. */
  offerTraffic(port: string, offer: MosOffer | undefined): void {
    if (!this.mos || !this.running.mos?.ports[port]) throw new Error(`no such 7130 port: ${port}`)
    this.mos.traffic.offer(port, offer)
    this.touch()
  }

  /**
   * In a lab: connects a port to the other end of its cable. `feed(seconds)` tells what arrives during a step of this
   * device's clock ({@link advanceTime}); it is counted on top of the port's own traffic (`inMbps`, a 7130's offer)
   * while the port forwards. `undefined` disconnects it.
   */
  connectWire(port: string, feed: WireFeed | undefined): void {
    if (!this.running.interfaces[port] && !this.running.mos?.ports[port]) throw new Error(`no such port: ${port}`)
    const wires = this.mos ? this.mos.traffic.wires : this.traffic.wires
    if (feed === undefined) wires.delete(port)
    else wires.set(port, feed)
  }

  /**
   * What a port puts on its cable during `seconds` at its steady rate (see `steadyTransmit`; a 7130 port: what its
   * L1 source receives, or its core's output); `undefined` when it sends nothing (link down, shut down, no traffic).
   * A loop of 7130 sources across cables yields `undefined` where it closes.
   */
  transmitOver(port: string, seconds: number): Transmission | undefined {
    if (this.#transmitting || !this.linkUp(port) || this.adminDown(port)) return undefined
    this.#transmitting = true
    try {
      if (this.mos && this.running.mos) return this.mos.traffic.steadyTransmit(port, seconds, this.running.mos, (p) => this.linkUp(p))
      const profile = this.traffic.profile(port)
      if (!profile || !((profile.outMbps ?? 0) > 0)) return undefined
      return steadyTransmit(profile, seconds, egressEnvironment(this, this.#options.queueBufferBytes).lineBytesPerSecond(port))
    } finally {
      this.#transmitting = false
    }
  }

  /** Makes the device refuse lines matching `match` with `message`, as a real device refuses a command. Returns an undo. */
  rejectCommand(match: RegExp, message: string): () => void {
    const rejection = { match, message }
    this.rejections.push(rejection)
    return () => {
      const i = this.rejections.indexOf(rejection)
      if (i >= 0) this.rejections.splice(i, 1)
    }
  }

  /**
   * Runs lines on the device's console (privileged, sharing one CLI session across calls, so `configure` then
   * `vlan 10` works across calls) and returns the text output; an error comes back as EOS prints it (`% …`), and
   * `| json` prints the JSON model.
   */
  cli(lines: string | string[]): string {
    this.#console ??= new CliSession(this, { privileged: true, log: false })
    const console = this.#console
    return (Array.isArray(lines) ? lines : [lines]).map((line) => journaled(this.journal, 'console', line, runForTerminal(console, line))).join('')
  }

  /**
   * Runs lines in a console session of their own that starts in privileged exec mode and ends with them (as one
   * SSH login would): a `configure` in one call does not carry over to the next. Returns each line's output.
   */
  cliOnce(lines: readonly string[]): string[] {
    const session = new CliSession(this, { privileged: true, log: false })
    return lines.map((line) => journaled(this.journal, 'console', line, runForTerminal(session, line)))
  }

  /** The running-config as `show running-config` prints it. */
  runningConfig(): string {
    return this.cli('show running-config')
  }

  /**
   * The device's HTTPS certificate and SSH host keys, private halves included (a lab stores them in its state file);
   * `undefined` until the first {@link listen} has made or loaded them. Keep them out of logs.
   */
  deviceKeys(): MockDeviceKeys | undefined {
    return this.#madeKeys
  }

  /**
   * Starts the eAPI servers (HTTPS and HTTP), the SSH server and the SNMP agent on 127.0.0.1, on free ports or on
   * the `ports` given. A port already taken fails with its EADDRINUSE error and nothing left listening.
   */
  listen(ports: MockListenPorts = {}): Promise<MockEndpoints> {
    if (this.#closing) return Promise.reject(new Error(`mock ${this.identity.hostname}: listen() while close() is under way; call it once close() has finished`))
    const attempt = this.#listen(ports, this.#closeGeneration)
    const tracked = attempt.then(
      () => undefined,
      () => undefined,
    )
    this.#listening.add(tracked)
    void tracked.then(() => this.#listening.delete(tracked))
    return attempt
  }

  async #listen(ports: MockListenPorts, generation: number): Promise<MockEndpoints> {
    const credentials = { username: this.#auth.username, password: this.#auth.password }
    this.#keys ??= this.#options.keys
      ? Promise.resolve(this.#options.keys)
      : this.#options.sharedKeys || this.#options.sharedCertificate
        ? sharedDeviceKeys()
        : newDeviceKeys(this.identity.hostname, { ownRsa: this.#options.ownRsaHostKey === true })
    const keys = await this.#keys
    this.#madeKeys = keys
    const certificate = keys.tls
    const snmpCredentials: SnmpCredentials = {
      readOnlyCommunity: 'public',
      readWriteCommunity: 'private',
      v3User: { name: 'switchyard', authKey: 'switchyard-auth', privKey: 'switchyard-priv' },
      ...this.#options.snmp,
    }
    const limits = this.#options.maxRequestBytes === undefined ? {} : { maxRequestBytes: this.#options.maxRequestBytes }
    const started = await Promise.allSettled([
      startEapiServer({ protocol: 'https', handler: this.eapiHandler, faults: this.faults, certificate, credentials, ...limits, port: ports.eapiHttps ?? 0 }),
      startEapiServer({ protocol: 'http', handler: this.eapiHandler, faults: this.faults, credentials, ...limits, port: ports.eapiHttp ?? 0 }),
      startSshServer({
        port: ports.ssh ?? 0,
        hostKeys: keys.ssh,
        journal: this.journal,
        host: this,
        auth: {
          ...credentials,
          authorizedKeys: this.#options.authorizedKeys ?? [],
          methods: this.#options.sshAuthMethods ?? ['password', 'keyboard-interactive', 'publickey'],
          rejectAll: () => this.faults.rejectAuth,
        },
        faults: this.faults,
        ...(this.#options.banner ? { banner: this.#options.banner } : {}),
        ...(this.#options.motd ? { motd: this.#options.motd } : {}),
        ...(this.#options.maxLineBytes === undefined ? {} : { maxLineBytes: this.#options.maxLineBytes }),
      }),
      startSnmpAgent({ host: this, credentials: snmpCredentials, port: ports.snmp ?? 0, journal: this.journal }),
    ])
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (failed || generation !== this.#closeGeneration) {
      await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)))
      throw failed ? failed.reason : new Error(`mock ${this.identity.hostname}: closed while listen() was starting; nothing is left listening`)
    }
    const [eapi, eapiHttp, ssh, snmp] = started.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [EapiEndpoint, EapiEndpoint, SshEndpoint, SnmpEndpoint]
    if (this.enablePassword !== undefined) {
      for (const endpoint of [eapi, eapiHttp, ssh]) endpoint.connectOptions.enablePassword = this.enablePassword
    }
    this.#endpoints.push(eapi, eapiHttp, ssh, snmp)
    return { eapi, eapiHttp, ssh, snmp }
  }

  /**
   * Stops the servers and commit timers. A {@link listen} still starting is waited for, its servers are closed and it
   * rejects; a listen() called while close() runs rejects at once. Once close() has resolved, nothing of this mock
   * listens, and listen() may start it again.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close().finally(() => {
      this.#closing = undefined
    })
    return this.#closing
  }

  async #close(): Promise<void> {
    this.#closeGeneration++
    this.sessions.dispose()
    while (this.#listening.size > 0) await Promise.all([...this.#listening])
    await Promise.all(this.#endpoints.splice(0).map((e) => e.close()))
  }
}
