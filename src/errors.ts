/**
 * The error hierarchy of switchyard. Every error carries a stable string `code`; branch on it (or on
 * `instanceof`), never on the message. No error ever carries a password, community or key: messages built from
 * device output go through {@link redactSecrets} first.
 */
import { redactConfigLines, redactConfigSecrets, secretValuesIn } from './config-secrets.js'

const BRAND = Symbol.for('switchyard.error')

/** Every stable error code switchyard raises. */
export type SwitchyardErrorCode =
  | 'SY_CONNECTION'
  | 'SY_AUTHENTICATION'
  | 'SY_AUTHORIZATION'
  | 'SY_TIMEOUT'
  | 'SY_ABORTED'
  | 'SY_COMMAND_REJECTED'
  | 'SY_VALIDATION'
  | 'SY_UNSUPPORTED'
  | 'SY_COMMIT_FAILED'
  | 'SY_PARSE'
  | 'SY_CLOSED'
  | 'SY_HOST_KEY'
  | 'SY_OUTCOME_UNKNOWN'
  | 'SY_CONFLICT'
  | 'SY_SESSION_LIMIT'
  | 'SY_COMMIT_TIMER_PENDING'
  | 'SY_COMMIT_EXPIRED'
  | 'SY_RESPONSE_TOO_LARGE'

/** Base class of every error switchyard throws. */
export class SwitchyardError extends Error {
  /** Stable machine-readable code. */
  readonly code: SwitchyardErrorCode
  /** The device the error is about, when there is one (host[:port], never credentials). */
  readonly host: string | undefined
  /**
   * For transport failures: whether the request may have reached the device (its bytes were written to an open
   * connection). `false` means it certainly did not; `undefined` that the question does not apply.
   */
  readonly requestSent: boolean | undefined

  constructor(code: SwitchyardErrorCode, message: string, options: { cause?: unknown; host?: string; requestSent?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.host = options.host
    this.requestSent = options.requestSent
    this.name = new.target.name
    Object.defineProperty(this, BRAND, { value: true })
  }

  /** True for any switchyard error, even one from another copy of the package. */
  static isSwitchyardError(value: unknown): value is SwitchyardError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true
  }
}

/** The device could not be reached, or the connection broke. */
export class ConnectionError extends SwitchyardError {
  constructor(message: string, options: { cause?: unknown; host?: string; requestSent?: boolean } = {}) {
    super('SY_CONNECTION', message, options)
  }
}

/** The device refused the credentials (eAPI HTTP 401, SSH auth failure, SNMP auth). */
export class AuthenticationError extends SwitchyardError {
  constructor(message: string, options: { cause?: unknown; host?: string } = {}) {
    super('SY_AUTHENTICATION', message, options)
  }
}

/** The user is authenticated but not allowed to run a command (eAPI error 1005). */
export class AuthorizationError extends SwitchyardError {
  constructor(message: string, options: { cause?: unknown; host?: string } = {}) {
    super('SY_AUTHORIZATION', message, options)
  }
}

/** Which step of a call ran out of time. */
export type TimeoutPhase = 'connect' | 'handshake' | 'authentication' | 'command'

/** The call did not complete within its `timeoutMs`. */
export class TimeoutError extends SwitchyardError {
  /** The time limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number
  /** The step that timed out: TCP connect, SSH handshake, authentication, or the command itself. */
  readonly phase: TimeoutPhase
  constructor(message: string, timeoutMs: number, options: { cause?: unknown; host?: string; phase?: TimeoutPhase; requestSent?: boolean } = {}) {
    super('SY_TIMEOUT', message, options)
    this.timeoutMs = timeoutMs
    this.phase = options.phase ?? 'command'
  }
}

/** The device's SSH host key is not the one expected: possibly a man in the middle. Nothing was sent. */
export class HostKeyError extends SwitchyardError {
  /** The fingerprint the device presented, `SHA256:…`. */
  readonly presented: string
  constructor(message: string, presented: string, options: { host?: string } = {}) {
    super('SY_HOST_KEY', message, options)
    this.presented = presented
  }
}

/** The caller's AbortSignal fired. */
export class AbortedError extends SwitchyardError {
  constructor(message: string, options: { cause?: unknown; host?: string; requestSent?: boolean } = {}) {
    super('SY_ABORTED', message, options)
  }
}

/** The device rejected a command: carries the command, its 0-based index in what was sent and the device's message. */
export class CommandRejectedError extends SwitchyardError {
  /** The rejected command, as sent, with secret values (`secret …`, `community …`, `key …`) removed. */
  readonly command: string
  /** Index of the command among the commands of the change (0-based), or -1 when not known. */
  readonly index: number
  /** The device's own error text, e.g. `Invalid input (at token 1: 'bogus')`. */
  readonly deviceMessage: string
  /** The device's error code where the transport has one (eAPI: 1002, 1000, …). */
  readonly deviceCode: number | undefined

  constructor(
    init: { command: string; index: number; deviceMessage: string; deviceCode?: number },
    options: { cause?: unknown; host?: string } = {},
  ) {
    const deviceMessage = redactSecrets(redactConfigSecrets(init.deviceMessage), secretValuesIn(init.command))
    super('SY_COMMAND_REJECTED', `device rejected command ${init.index >= 0 ? `#${init.index + 1} ` : ''}'${clip(redactConfigSecrets(init.command))}': ${clip(deviceMessage)}`, options)
    this.command = redactConfigSecrets(init.command)
    this.index = init.index
    this.deviceMessage = deviceMessage
    this.deviceCode = init.deviceCode
  }
}

/** One problem found in user input. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `['id']`. */
  path: ReadonlyArray<string | number>
  /** What is wrong, readable. */
  message: string
}

/** User input is invalid; nothing was sent to the device. */
export class ValidationError extends SwitchyardError {
  /** Every problem found. */
  readonly issues: readonly ValidationIssue[]
  constructor(message: string, issues: readonly ValidationIssue[] = [], options: { cause?: unknown; host?: string } = {}) {
    super('SY_VALIDATION', message, options)
    this.issues = issues
  }
}

/** The driver or platform cannot do this feature; checked before anything is sent. */
export class UnsupportedError extends SwitchyardError {
  /** The driver that was asked. */
  readonly driver: string
  /** The feature, e.g. `vlans.write`. */
  readonly feature: string
  /** What would do it instead. */
  readonly alternative: string | undefined
  constructor(init: { driver: string; feature: string; reason: string; alternative?: string }, options: { host?: string } = {}) {
    super(
      'SY_UNSUPPORTED',
      `${init.feature} is not supported by the ${init.driver} driver: ${init.reason}${init.alternative ? ` (use ${init.alternative} instead)` : ''}`,
      options,
    )
    this.driver = init.driver
    this.feature = init.feature
    this.alternative = init.alternative
  }
}

/** A change could not be committed; the device was left as it was (the session was aborted or rolled back). */
export class CommitFailedError extends SwitchyardError {
  /** The commands of the change that failed. */
  readonly commands: readonly string[]
  constructor(message: string, commands: readonly string[], options: { cause?: unknown; host?: string } = {}) {
    super('SY_COMMIT_FAILED', redactConfigSecrets(message), options)
    this.commands = redactConfigLines(commands)
  }
}

/** The device answered with output that does not fit the model (never returned as a raw string). */
export class ParseError extends SwitchyardError {
  /** The command whose output failed to parse. */
  readonly command: string
  constructor(command: string, detail: string, options: { cause?: unknown; host?: string; requestSent?: boolean } = {}) {
    super('SY_PARSE', `could not parse the output of '${clip(command)}': ${clip(detail)}`, options)
    this.command = command
  }
}

/** The device handle was closed. */
export class ClosedError extends SwitchyardError {
  constructor(options: { host?: string } = {}) {
    super('SY_CLOSED', 'the device connection is closed', options)
  }
}

/**
 * The SDK cannot tell whether a change was applied: the request that commits it may have reached the device, and
 * the device could not be asked afterwards. Never raised when the SDK could find out. `sessionName` names the
 * configure session to look at (`sw.sessionOutcome(name)`, or `show configuration sessions detail` on the device).
 */
export class OutcomeUnknownError extends SwitchyardError {
  /** The configure session (or MOS checkpoint) that holds the change. */
  readonly sessionName: string
  /** The configuration lines of the change. */
  readonly commands: readonly string[]
  /** What to check on the device to settle the outcome. */
  readonly check: string
  constructor(message: string, init: { sessionName: string; commands: readonly string[]; check: string }, options: { cause?: unknown; host?: string } = {}) {
    super('SY_OUTCOME_UNKNOWN', redactConfigSecrets(`${message}; ${init.check}`), options)
    this.sessionName = init.sessionName
    this.commands = redactConfigLines(init.commands)
    this.check = init.check
  }
}

/**
 * The device changed under the change (another client committed, or the facts the change was planned on no longer
 * hold), so it was not applied: the device is as the other writer left it. Re-read and plan again.
 */
export class ConflictError extends SwitchyardError {
  /** What differed: the device's diff lines that the plan did not produce, or the precondition that failed. */
  readonly differences: readonly string[]
  constructor(message: string, differences: readonly string[], options: { cause?: unknown; host?: string } = {}) {
    super('SY_CONFLICT', redactConfigSecrets(message), options)
    this.differences = redactConfigLines(differences)
  }
}

/** The device refused a new configure session: its pending-session limit (5 on EOS) is reached. Nothing changed. */
export class SessionLimitError extends SwitchyardError {
  constructor(message: string, options: { cause?: unknown; host?: string } = {}) {
    super('SY_SESSION_LIMIT', message, options)
  }
}

/**
 * Another configure session holds a commit timer that is not yet confirmed: committing now could be undone when that
 * timer rolls back, so the change was not applied. Retry once it is confirmed or rolled back.
 */
export class CommitTimerPendingError extends SwitchyardError {
  /** The session whose commit timer runs. */
  readonly pendingSession: string
  constructor(message: string, pendingSession: string, options: { cause?: unknown; host?: string } = {}) {
    super('SY_COMMIT_TIMER_PENDING', message, options)
    this.pendingSession = pendingSession
  }
}

/** A timed commit can no longer be confirmed: its timer ran out (the device rolled it back) or it was rolled back. */
export class CommitExpiredError extends SwitchyardError {
  /** The session that was to be confirmed. */
  readonly sessionName: string
  constructor(message: string, sessionName: string, options: { cause?: unknown; host?: string } = {}) {
    super('SY_COMMIT_EXPIRED', message, options)
    this.sessionName = sessionName
  }
}

/** The device's answer exceeded `maxResponseBytes`; the request was cut off and nothing of the answer is used. */
export class ResponseTooLargeError extends SwitchyardError {
  /** The limit, in bytes. */
  readonly limitBytes: number
  constructor(message: string, limitBytes: number, options: { cause?: unknown; host?: string; requestSent?: boolean } = {}) {
    super('SY_RESPONSE_TOO_LARGE', message, { requestSent: true, ...options })
    this.limitBytes = limitBytes
  }
}

/** Longest piece of untrusted text (a device message, an echoed value) an error message quotes. */
export const MAX_QUOTED_CHARS = 200

/** Cuts untrusted text to {@link MAX_QUOTED_CHARS} characters, marking the cut. */
export function clip(text: string, max = MAX_QUOTED_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`
}

/**
 * Replaces every occurrence of each secret in `text` with `***`. Empty secrets are ignored.
 * @example redactSecrets('input=hunter2', ['hunter2']) // 'input=***'
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***')
  }
  return out
}

/**
 * The secrets of a connection as they can show up in device output: each one as given, and the HTTP Basic token
 * (base64 of `user:password`) that a device echoing its request headers would print.
 */
export function secretsOf(options: { username?: string | undefined; password?: string | undefined; enablePassword?: string | undefined }): string[] {
  const out: string[] = []
  if (options.password) out.push(options.password)
  if (options.enablePassword) out.push(options.enablePassword)
  if (options.username !== undefined && options.password) out.push(Buffer.from(`${options.username}:${options.password}`).toString('base64'))
  return out
}
