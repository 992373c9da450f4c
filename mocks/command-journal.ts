import { redactConfigSecrets } from '../src/config-secrets.js'
/** The face of a mock device a line came in on. */
export type JournalFace = 'eapi' | 'ssh' | 'snmp' | 'console'

/** One line a device received, with what became of it. */
export interface JournalEntry {
  /** Increases by one per entry over the device's life (a reader asks for entries after the last it saw). */
  seq: number
  /** When it was received (ISO 8601, wall clock). */
  time: string
  face: JournalFace
  /** The line, clipped, with secrets (`secret …`, `password …`, `community …`, `key …`) removed. */
  line: string
  /** `ok`: ran; `error`: the device refused it (the error text is in `error`). */
  outcome: 'ok' | 'error'
  /** The device's error text, clipped (for `error`). */
  error?: string
}

/** Longest line or error text kept in an entry. */
export const MAX_JOURNAL_TEXT = 512

/** Entries kept at most; the oldest go first. */
export const MAX_JOURNAL_ENTRIES = 10_000

/** A line without the secret values EOS configuration lines can carry (the SDK's own rule, so both agree). */
export function redactSecrets(line: string): string {
  return redactConfigSecrets(line)
}

function clipText(text: string): string {
  return text.length > MAX_JOURNAL_TEXT ? `${text.slice(0, MAX_JOURNAL_TEXT)}…` : text
}

/**
 * A bounded log of every line a mock device received over each face (eAPI commands, SSH shell and exec lines, the CLI
 * lines an SNMP SET becomes, console lines), with its outcome. The control API serves it to tests in any language.
 */
export class CommandJournal {
  readonly #entries: JournalEntry[] = []
  #seq = 0

  /** Records one line. */
  record(face: JournalFace, line: string, error?: string): void {
    const text = line.trim()
    if (text === '') return
    const entry: JournalEntry = { seq: ++this.#seq, time: new Date().toISOString(), face, line: clipText(redactSecrets(text)), outcome: error === undefined ? 'ok' : 'error' }
    if (error !== undefined) entry.error = clipText(redactSecrets(error.replace(/^% /, '').trim()))
    this.#entries.push(entry)
    if (this.#entries.length > MAX_JOURNAL_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_JOURNAL_ENTRIES)
  }

  /** Entries with `seq` greater than `after`, oldest first, at most `limit`. */
  entries(after = 0, limit = MAX_JOURNAL_ENTRIES): JournalEntry[] {
    const start = this.#entries.findIndex((e) => e.seq > after)
    if (start < 0) return []
    return this.#entries.slice(start, start + limit).map((e) => ({ ...e }))
  }

  /** The `seq` of the newest entry (0 when none yet). */
  get lastSeq(): number {
    return this.#seq
  }

  /** Forgets every entry (`seq` keeps increasing). */
  clear(): void {
    this.#entries.length = 0
  }
}
