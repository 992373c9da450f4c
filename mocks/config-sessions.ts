import type { DeviceConfig } from './device-config.js'
import { CliError } from './cli/cli-error.js'

/** State of a configure session, as `show configuration sessions` reports it. */
export type SessionState = 'pending' | 'pendingCommitTimer' | 'completed'

/** One configure session of the mock. */
export interface ConfigSession {
  name: string
  state: SessionState
  /** The session's own copy of the configuration, edited by its commands. */
  config: DeviceConfig
  /** For a timed commit: the running-config to restore if it is not confirmed. */
  revert?: DeviceConfig
  timer?: NodeJS.Timeout
  /** For a timed commit: when it rolls back (epoch ms). */
  expiresAt?: number
  completedAt?: number
}

/** EOS keeps at most 5 pending sessions. */
export const MAX_PENDING_SESSIONS = 5

/**
 * The configure sessions of one mock device: opened as a copy of the running-config, committed whole, committed with
 * a timer that really rolls back when it runs out, or aborted. While one session's commit timer runs, committing
 * another is refused: its rollback would otherwise undo the later commit too. (The mock's choice, not confirmed on
 * EOS; switchyard also checks for a pending timer before it commits.)
 */
export class ConfigSessionStore {
  readonly #sessions = new Map<string, ConfigSession>()
  #counter = 0

  constructor(
    private readonly getRunning: () => DeviceConfig,
    private readonly setRunning: (config: DeviceConfig) => void,
  ) {}

  /** Every session, in creation order. */
  list(): ConfigSession[] {
    return [...this.#sessions.values()]
  }

  get(name: string): ConfigSession | undefined {
    return this.#sessions.get(name)
  }

  /** Opens a new session or re-enters a pending one; a name is made up when none is given. */
  open(name?: string): ConfigSession {
    const sessionName = name ?? `session${Date.now()}${++this.#counter}`
    const existing = this.#sessions.get(sessionName)
    if (existing) {
      if (existing.state !== 'pending') throw new CliError(`Cannot enter session ${sessionName} (session state is ${existing.state})`, 1000)
      return existing
    }
    const pending = this.list().filter((s) => s.state !== 'completed').length
    if (pending >= MAX_PENDING_SESSIONS) {
      throw new CliError('Maximum number of pending sessions has been reached. Please commit or abort a pending session.', 1000)
    }
    const session: ConfigSession = { name: sessionName, state: 'pending', config: structuredClone(this.getRunning()) }
    this.#sessions.set(sessionName, session)
    return session
  }

  /** Commits a pending session, or confirms one whose commit timer runs. */
  commit(name: string, timerSeconds?: number): void {
    const session = this.#require(name)
    if (session.state === 'pendingCommitTimer') {
      if (timerSeconds !== undefined) throw new CliError(`Session ${name} already has a commit timer running`, 1000)
      clearTimeout(session.timer)
      delete session.timer
      delete session.revert
      delete session.expiresAt
      this.#complete(session)
      return
    }
    if (session.state !== 'pending') throw new CliError(`Session ${name} is already committed`, 1000)
    const timed = this.list().find((s) => s.state === 'pendingCommitTimer')
    if (timed) {
      throw new CliError(`Cannot commit session ${name}: session ${timed.name} has a commit timer pending; confirm or abort it first`, 1000)
    }
    const before = this.getRunning()
    this.setRunning(structuredClone(session.config))
    if (timerSeconds === undefined) {
      this.#complete(session)
      return
    }
    session.state = 'pendingCommitTimer'
    session.revert = before
    session.expiresAt = Date.now() + timerSeconds * 1000
    session.timer = setTimeout(() => this.#rollback(session), timerSeconds * 1000)
    session.timer.unref()
  }

  /** Discards a pending session; for a timed commit, rolls the running-config back now. */
  abort(name: string): void {
    const session = this.#require(name)
    if (session.state === 'pendingCommitTimer') {
      this.#rollback(session)
      return
    }
    if (session.state === 'completed') throw new CliError(`Session ${name} is already committed`, 1000)
    this.#sessions.delete(name)
  }

  /**
   * Moves the commit timers `seconds` closer to running out, as if that much time had passed on the device: a timer
   * that runs out in that time rolls its commit back now (the simulated clock drives it; see `MockSwitch.advanceTime`).
   */
  advanceTimers(seconds: number): void {
    for (const session of this.list()) {
      if (session.state !== 'pendingCommitTimer' || session.expiresAt === undefined) continue
      session.expiresAt -= seconds * 1000
      clearTimeout(session.timer)
      const remaining = session.expiresAt - Date.now()
      if (remaining <= 0) {
        this.#rollback(session)
        continue
      }
      session.timer = setTimeout(() => this.#rollback(session), remaining)
      session.timer.unref()
    }
  }

  /** Forgets every session and stops their timers without rolling back (a reload: nothing survives it). */
  clear(): void {
    this.dispose()
    this.#sessions.clear()
  }

  /** Stops every commit timer (used when the mock shuts down). */
  dispose(): void {
    for (const s of this.#sessions.values()) clearTimeout(s.timer)
  }

  #rollback(session: ConfigSession): void {
    clearTimeout(session.timer)
    if (session.revert) this.setRunning(session.revert)
    this.#sessions.delete(session.name)
  }

  #complete(session: ConfigSession): void {
    session.state = 'completed'
    session.completedAt = Date.now()
    for (const s of this.list().filter((x) => x.state === 'completed').slice(0, -20)) this.#sessions.delete(s.name)
  }

  #require(name: string): ConfigSession {
    const session = this.#sessions.get(name)
    if (!session) throw new CliError(`Session ${name} does not exist`, 1000)
    return session
  }
}
