import { z } from 'zod'
import { readStageYaml, type AnsibleLab } from './ansible-lab.js'
import { configSessions, execLines } from './ansible-sessions.js'

const SessionSchema = z.union([
  z.enum(['commit', 'abort']),
  z.strictObject({ commit: z.array(z.string()) }),
  z.strictObject({ abort: z.array(z.string()) }),
])

/**
 * What a scenario leaves on its device, read by the test through the control API after the play
 * (`scenarios/<scenario>.expect.yml`):
 * - `state`: console commands (`POST /cli`) and strings their output must (`present`) or must not (`absent`) hold;
 * - `unchanged`: the running-config is the same as before the play;
 * - `sessions`: the configuration sessions the play opened (command log), in order, and how each ended; with lines,
 *   the lines entered into it (in any order). Check mode and an idempotent second run open none (eos_config's check
 *   mode opens one and aborts it);
 * - `exec`: the exec commands other than `show` the play sent, in order (e.g. `copy running-config startup-config`).
 * Every line the device received must have succeeded.
 */
export const ExpectationSchema = z.strictObject({
  state: z.array(z.strictObject({ cli: z.string(), present: z.array(z.string()).optional(), absent: z.array(z.string()).optional() })).optional(),
  unchanged: z.boolean().optional(),
  sessions: z.array(SessionSchema),
  exec: z.array(z.string()).optional(),
})

/** A scenario's expectation (see {@link ExpectationSchema}). */
export type Expectation = z.infer<typeof ExpectationSchema>

/** Reads and checks `scenarios/<scenario>.expect.yml`. */
export function readExpectation(scenario: string): Expectation {
  return ExpectationSchema.parse(readStageYaml(`scenarios/${scenario}.expect.yml`))
}

/**
 * Reads a device through the control API and lists every way it differs from its scenario's expectation (none: `[]`).
 * `runningBefore` is its running-config before the play.
 */
export async function differences(lab: AnsibleLab, device: string, expectation: Expectation, runningBefore: string): Promise<string[]> {
  const found: string[] = []
  for (const check of expectation.state ?? []) {
    const output = await lab.cli(device, check.cli)
    for (const text of check.present ?? []) if (!output.includes(text)) found.push(`${check.cli} lacks ${JSON.stringify(text)}; it printed:\n${output}`)
    for (const text of check.absent ?? []) if (output.includes(text)) found.push(`${check.cli} holds ${JSON.stringify(text)}; it printed:\n${output}`)
  }
  if (expectation.unchanged && (await lab.cli(device, 'show running-config')) !== runningBefore) found.push('the running-config changed')
  const log = await lab.log(device)
  for (const e of log.filter((entry) => entry.outcome !== 'ok')) found.push(`the device refused ${JSON.stringify(e.line)} (${e.face}): ${e.error ?? ''}`)
  const sessions = configSessions(log)
  const seen = sessions.map((s) => `${s.outcome}: ${[...s.lines].sort().join(' | ')}`)
  const wanted = expectation.sessions.map((s) => (typeof s === 'string' ? s : Object.keys(s)[0] as string))
  const sessionsMatch =
    sessions.length === wanted.length &&
    sessions.every((s, i) => {
      const want = expectation.sessions[i]
      if (s.outcome !== wanted[i]) return false
      if (want === undefined || typeof want === 'string') return true
      return JSON.stringify([...s.lines].sort()) === JSON.stringify([...(Object.values(want)[0] ?? [])].sort())
    })
  if (!sessionsMatch) found.push(`configuration sessions: expected ${JSON.stringify(expectation.sessions)}, the log shows ${JSON.stringify(seen)}`)
  const exec = execLines(log)
  if (JSON.stringify(exec) !== JSON.stringify(expectation.exec ?? [])) found.push(`exec commands: expected ${JSON.stringify(expectation.exec ?? [])}, the log shows ${JSON.stringify(exec)}`)
  return found
}
