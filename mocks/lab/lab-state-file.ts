import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import type { MockLab } from '../mock-lab.js'
import { MockSwitchStateSchema } from './device-state-schema.js'
import type { MockSwitchState } from '../mock-switch.js'
import { deviceKeysFromStored, storeDeviceKeys, type MockDeviceKeys, type StoredDeviceKeys } from '../device-keys.js'

const Pem = z.string().min(1).max(16_384)

const StoredDeviceKeysSchema = z.strictObject({
  tls: z.strictObject({ certificatePem: Pem, privateKeyPem: Pem }),
  ssh: z.strictObject({ ed25519: Pem, rsa: Pem }),
})

/**
 * The `--state` file: each device's state by hostname, and each device's keys (HTTPS certificate and key, SSH host
 * keys) so that its fingerprints survive restarts. It holds private keys: it is written readable by its owner only.
 */
export const LabStateFileSchema = z.strictObject({
  version: z.literal(1),
  savedAt: z.string(),
  devices: z.record(z.string(), MockSwitchStateSchema),
  keys: z.record(z.string(), StoredDeviceKeysSchema).optional(),
})

/** A state file read back: device states and device keys (checked), by hostname. */
export interface LabStateFile {
  devices: Record<string, MockSwitchState>
  keys: Record<string, MockDeviceKeys>
  /** The entries as the file holds them (JSON), by hostname: those of devices not in the lab are written back untouched. */
  stored?: StoredEntries
}

/** State file entries as JSON, by hostname. */
export interface StoredEntries {
  devices: Record<string, unknown>
  keys: Record<string, unknown>
}

/** The state of every device of a lab, by hostname. */
export function labState(lab: MockLab): Record<string, MockSwitchState> {
  return Object.fromEntries(lab.devices.map((d) => [d.identity.hostname, d.snapshot()]))
}

/** The keys of every device of a lab that has them (made or loaded once it listens), by hostname. */
export function labKeys(lab: MockLab): Record<string, MockDeviceKeys> {
  const keys: Record<string, MockDeviceKeys> = {}
  for (const device of lab.devices) {
    const own = device.deviceKeys()
    if (own) keys[device.identity.hostname] = own
  }
  return keys
}

function omitLab(entries: Record<string, unknown>, lab: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([hostname]) => !lab.has(hostname)))
}

/** A state file's device states and its entries as JSON, keys unchecked (the lab already has its keys). */
async function readStoredFile(path: string): Promise<Pick<LabStateFile, 'devices' | 'stored'> | undefined> {
  const data = await readStateJson(path)
  return data ? { devices: data.devices as unknown as Record<string, MockSwitchState>, stored: storedEntries(data) } : undefined
}

/** Reads a state file; `undefined` when it does not exist. A file that is not a valid state file throws. */
export async function readLabStateFile(path: string): Promise<Record<string, MockSwitchState> | undefined> {
  return (await readStateJson(path))?.devices as unknown as Record<string, MockSwitchState> | undefined
}

/**
 * Reads a state file with the device keys it holds, each checked (certificate valid now and matching its key, host
 * keys that parse and sign); `undefined` when the file does not exist. A file that is not a valid state file, or
 * holds unusable keys, throws an error naming the file and the device.
 */
export async function loadLabStateFile(path: string): Promise<LabStateFile | undefined> {
  const data = await readStateJson(path)
  if (!data) return undefined
  const keys: Record<string, MockDeviceKeys> = {}
  const checked = new Map<string, MockDeviceKeys>()
  for (const [hostname, stored] of Object.entries(data.keys ?? {})) {
    const text = JSON.stringify(stored)
    let device = checked.get(text)
    if (!device) {
      try {
        device = deviceKeysFromStored(stored as StoredDeviceKeys)
      } catch (error) {
        throw new Error(
          `${path}: the keys stored for ${hostname} are unusable: ${error instanceof Error ? error.message : String(error)}; delete keys.${hostname} from the file to make new ones (its fingerprints will change)`,
        )
      }
      checked.set(text, device)
    }
    keys[hostname] = device
  }
  return { devices: data.devices as unknown as Record<string, MockSwitchState>, keys, stored: storedEntries(data) }
}

function storedEntries(data: z.infer<typeof LabStateFileSchema>): StoredEntries {
  return { devices: { ...data.devices }, keys: { ...data.keys } }
}

async function readStateJson(path: string): Promise<z.infer<typeof LabStateFileSchema> | undefined> {
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
  return parsed.data
}

/**
 * Writes a state file atomically (a temporary file renamed over it), readable by its owner only (mode 0600): with
 * `keys`, it holds the devices' private keys. `kept`: entries (JSON, as read) of devices that are not in the lab,
 * written after the lab's own.
 */
export async function writeLabStateFile(
  path: string,
  devices: Record<string, MockSwitchState>,
  keys: Record<string, MockDeviceKeys> = {},
  kept: StoredEntries = { devices: {}, keys: {} },
): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  const stored = { ...Object.fromEntries(Object.entries(keys).map(([hostname, k]) => [hostname, storeDeviceKeys(k)])), ...omit(kept.keys, keys) }
  const body = { version: 1, savedAt: new Date().toISOString(), devices: { ...devices, ...omit(kept.devices, devices) }, ...(Object.keys(stored).length > 0 ? { keys: stored } : {}) }
  await writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 })
  await chmod(temporary, 0o600)
  await rename(temporary, path)
}

function omit(entries: Record<string, unknown>, present: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([hostname]) => !Object.hasOwn(present, hostname)))
}

/**
 * Keeps a lab's state in a file: restores the devices found in it at start, saves after changes (at most one write
 * per `delayMs`, never two at once) and on {@link stop}. Devices of the lab absent from the file start fresh; the
 * entries (state and keys) of devices in the file but not in the lab are kept in it untouched.
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
    private readonly kept: StoredEntries,
  ) {}

  /**
   * Restores the lab from `path` (when the file exists) and starts saving to it, device keys included; returns the
   * keeper, the devices it restored and the hostnames of entries it keeps for devices not in the lab. A stored state
   * that does not fit its device (another platform or port count since the topology changed) throws an error naming
   * the file and the device, before any device is restored and without writing the file. `saved`: the file as
   * {@link loadLabStateFile} already read it (its keys given to the lab when it was made), so that it is not read twice.
   */
  static async start(
    lab: MockLab,
    path: string,
    options: { delayMs?: number; onError?: (error: unknown) => void; saved?: LabStateFile | undefined } = {},
  ): Promise<{ keeper: LabStateKeeper; restored: string[]; kept: string[] }> {
    const file = 'saved' in options ? options.saved : await readStoredFile(path)
    const saved = file?.devices ?? {}
    const inLab = new Set(lab.devices.map((d) => d.identity.hostname))
    const states: Record<string, MockSwitchState> = {}
    for (const device of lab.devices) {
      const hostname = device.identity.hostname
      const state = saved[hostname]
      if (!state) continue
      try {
        device.checkSnapshot(state)
      } catch (error) {
        throw new Error(
          `${path}: the state stored for ${hostname} does not fit the device: ${error instanceof Error ? error.message : String(error)}; delete devices.${hostname} from the file to start ${hostname} with a fresh configuration (its stored configuration is lost), or change the topology back`,
        )
      }
      states[hostname] = state
    }
    const restored = lab.restore(states)
    const stored = file?.stored ?? { devices: saved, keys: {} }
    const kept = { devices: omitLab(stored.devices, inLab), keys: omitLab(stored.keys, inLab) }
    const keeper = new LabStateKeeper(lab, path, options.delayMs ?? 200, options.onError ?? (() => {}), kept)
    for (const device of lab.devices) keeper.#unsubscribe.push(device.onChange(() => keeper.#schedule()))
    await keeper.save()
    return { keeper, restored, kept: [...new Set([...Object.keys(kept.devices), ...Object.keys(kept.keys)])] }
  }

  /** Writes the state now (after any write under way). */
  save(): Promise<void> {
    this.#dirty = false
    const state = labState(this.lab)
    const keys = labKeys(this.lab)
    this.#writing = this.#writing.then(() => writeLabStateFile(this.path, state, keys, this.kept)).catch(this.onError)
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
