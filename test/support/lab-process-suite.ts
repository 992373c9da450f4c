import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { LabProcess } from './lab-process.js'

/** The temporary folder, topology file and lab process of one describe block (filled in by its `beforeAll`). */
export interface LabProcessSuite {
  /** A fresh folder below the system's temporary folder, removed after the block. */
  dir: string
  /** `lab.yaml` in `dir`, holding the topology text. */
  topology: string
  /** The running `switchyard mock`, if any; killed with SIGKILL after the block when still running. */
  lab: LabProcess | undefined
}

/**
 * Registers the `beforeAll` and `afterAll` of a describe block that runs `switchyard mock` as a process: before, a
 * temporary folder with the topology written to `lab.yaml`, and the lab started by `start` when given; after, the lab
 * killed and the folder removed. Call it inside the describe block; the fields are set once `beforeAll` has run.
 */
export function useLabProcessSuite(topologyText: string, start?: (suite: LabProcessSuite) => Promise<LabProcess>): LabProcessSuite {
  const suite: LabProcessSuite = { dir: '', topology: '', lab: undefined }
  beforeAll(async () => {
    suite.dir = await mkdtemp(join(tmpdir(), 'switchyard-lab-process-'))
    suite.topology = join(suite.dir, 'lab.yaml')
    await writeFile(suite.topology, topologyText)
    if (start) suite.lab = await start(suite)
  }, 90_000)
  afterAll(async () => {
    try {
      await suite.lab?.stop('SIGKILL')
    } finally {
      if (suite.dir) await rm(suite.dir, { recursive: true, force: true })
    }
  })
  return suite
}
