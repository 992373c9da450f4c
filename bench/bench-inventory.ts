import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MultiMockProcess } from './spawn-multi-mock.js'

/** Environment variable the benchmark inventories take the mocks' password from. */
export const BENCH_PASSWORD_ENV = 'SWITCHYARD_BENCH_PASSWORD'

/**
 * Writes a switchyard inventory (YAML) of every mock of `processes` to `dir/inventory.yaml`: one group per process
 * whose defaults pin that process's shared certificate by fingerprint (verified TLS), eAPI over HTTPS, the password
 * as `{ env: SWITCHYARD_BENCH_PASSWORD }`. Returns the file's path.
 */
export async function writeBenchInventory(processes: readonly MultiMockProcess[], dir: string): Promise<string> {
  const lines = ['defaults:', '  driver: eapi', '  protocol: https', '  username: admin', `  password: { env: ${BENCH_PASSWORD_ENV} }`, 'groups:']
  processes.forEach((p, i) => lines.push(`  mocks${i + 1}:`, `    defaults: { tls: { fingerprintSha256: "${p.fingerprintSha256}" } }`))
  lines.push('hosts:')
  processes.forEach((p, i) => {
    for (const d of p.devices) lines.push(`  ${d.hostname}: { address: 127.0.0.1, port: ${d.port}, groups: [mocks${i + 1}] }`)
  })
  const path = join(dir, 'inventory.yaml')
  await writeFile(path, `${lines.join('\n')}\n`)
  return path
}
