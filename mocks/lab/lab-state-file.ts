import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { MockLab } from '../mock-lab.js'
import { MockSwitchStateSchema } from './device-state-schema.js'
import type { MockSwitchState } from '../mock-switch.js'

/** The `--state` file: each device's state by hostname. */
export const LabStateFileSchema = z.strictObject({
  version: z.literal(1),
  savedAt: z.string(),
  devices: z.record(z.string(), MockSwitchStateSchema),
})

/** The state of every device of a lab, by hostname. */
export function labState(lab: MockLab): Record<string, MockSwitchState> {
  return Object.fromEntries(lab.devices.map((d) => [d.identity.hostname, d.snapshot()]))
}

/** Reads a state file; `undefined` when it does not exist. A file that is not a valid state file throws. */
export async function readLabStateFile(path: string): Promise<Record<string, MockSwitchState> | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`${path} is not a switchyard lab state file: ${error instanceof Error ? error.message : String(error)}`)
  }
  const parsed = LabStateFileSchema.safeParse(json)
  if (!parsed.success) throw new Error(`${path} is not a switchyard lab state file: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`)
  return parsed.data.devices as unknown as Record<string, MockSwitchState>
}

/** Writes a state file atomically (a temporary file renamed over it), readable by its owner only. */
export async function writeLabStateFile(path: string, devices: Record<string, MockSwitchState>): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, `${JSON.stringify({ version: 1, savedAt: new Date().toISOString(), devices }, null, 2)}\n`, { mode: 0o600 })
  await rename(temporary, path)
}

/**
 * Keeps a lab's state in a file: restores the devices found in it at start, saves after changes (at most one write
 * per `delayMs`, never two at once) and on {@link stop}. Devices of the lab absent from the file start fresh; devices
 * in the file absent from the lab are dropped at the next save.
 */
export class LabStateKeeper {
  readonly #unsubscribe: Array<() => void> = []
  #timer: NodeJS.Timeout | undefined
  #writing: Promise<void> = Promise.resolve()
  #dirty = false

  private constructor(
    private readonly lab: MockLab,
    private readonly path: string,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Restores the lab from `path` (when the file exists) and starts saving to it; returns the keeper and what it restored. */
  static async start(lab: MockLab, path: string, options: { delayMs?: number; onError?: (error: unknown) => void } = {}): Promise<{ keeper: LabStateKeeper; restored: string[] }> {
    const saved = await readLabStateFile(path)
    const restored: string[] = []
    for (const device of lab.devices) {
      const state = saved?.[device.identity.hostname]
      if (!state) continue
      device.restore(state)
      restored.push(device.identity.hostname)
    }
    const keeper = new LabStateKeeper(lab, path, options.delayMs ?? 200, options.onError ?? (() => {}))
    for (const device of lab.devices) keeper.#unsubscribe.push(device.onChange(() => keeper.#schedule()))
    await keeper.save()
    return { keeper, restored }
  }

  /** Writes the state now (after any write under way). */
  save(): Promise<void> {
    this.#dirty = false
    const state = labState(this.lab)
    this.#writing = this.#writing.then(() => writeLabStateFile(this.path, state)).catch(this.onError)
    return this.#writing
  }

  /** Stops watching and writes the final state. */
  async stop(): Promise<void> {
    for (const u of this.#unsubscribe.splice(0)) u()
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
    await this.save()
  }

  #schedule(): void {
    this.#dirty = true
    if (this.#timer) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      if (this.#dirty) void this.save()
    }, this.delayMs)
    this.#timer.unref()
  }
}
