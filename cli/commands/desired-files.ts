import type { Fleet } from '../../fleet/index.js'
import { loadDesiredStateFiles } from '../../fleet/index.js'
import type { DesiredState } from '../../src/index.js'
import type { CommandIo } from '../fleet-output.js'

/** The hosts of `hosts` that have desired-state files in `dir`, with their documents; others are named on stderr. */
export async function desiredStateOf(hosts: Fleet, dir: string, io: CommandIo): Promise<{ fleet: Fleet; documentOf: (host: { name: string }) => DesiredState }> {
  const { documents, missing } = await loadDesiredStateFiles(dir, hosts.hosts)
  if (missing.length > 0) io.stderr.write(`no desired-state file in ${dir} for ${missing.length} host(s), left alone: ${missing.join(', ')}\n`)
  const chosen = hosts.hosts.filter((h) => documents.has(h.name)).map((h) => h.name)
  return {
    fleet: chosen.length === hosts.hosts.length ? hosts : hosts.select(chosen.length > 0 ? chosen.join(',') : '!*'),
    documentOf: (host) => documents.get(host.name) as DesiredState,
  }
}
