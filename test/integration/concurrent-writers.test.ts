import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect, SwitchyardError, type ConnectOptions, type Device } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'

/**
 * Two clients change the same device at once: one in this process, one in a child process (as two automation jobs
 * would), over eAPI+eAPI, SSH+SSH and SSH+eAPI. Each round both create their own VLAN and set the same port's
 * description. Every round must end with both changes applied, or one refused (SY_CONFLICT, or SY_COMMIT_TIMER_PENDING
 * when it met the other's commit timer) with the device holding exactly the other change.
 */
const ROUNDS = Number(process.env.SWITCHYARD_CONCURRENCY_ROUNDS ?? 100)
const CLIENT = fileURLToPath(new URL('../support/concurrent-client.ts', import.meta.url))

class ChildClient {
  readonly #child: ChildProcessWithoutNullStreams
  readonly #waiting = new Map<number, (outcome: string) => void>()

  constructor() {
    this.#child = spawn(process.execPath, ['--import', 'tsx', CLIENT], { stdio: 'pipe' })
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      const { id, outcome } = JSON.parse(line) as { id: number; outcome: string }
      this.#waiting.get(id)?.(outcome)
      this.#waiting.delete(id)
    })
  }

  run(command: { id: number; [key: string]: unknown }): Promise<string> {
    return new Promise((resolve) => {
      this.#waiting.set(command.id, resolve)
      this.#child.stdin.write(`${JSON.stringify(command)}\n`)
    })
  }

  async close(): Promise<void> {
    this.#child.stdin.end()
    await new Promise((resolve) => this.#child.once('exit', resolve))
  }
}

const summary: string[] = []
afterAll(() => console.log(`\nconcurrent writers (${ROUNDS} rounds each)\n${summary.join('\n')}`))

for (const [here, there] of [
  ['eapi', 'eapi'],
  ['ssh', 'ssh'],
  ['ssh', 'eapi'],
] as const) {
  describe(`two writers at once: ${here} here, ${there} in another process`, () => {
    let mock: MockSwitch
    let endpoints: MockEndpoints
    let local: Device
    let child: ChildClient
    beforeAll(async () => {
      mock = new MockSwitch({ hostname: 'race1', ports: 8, username: 'admin', password: 'pw-race' })
      endpoints = await mock.listen()
      local = await connect(here === 'eapi' ? endpoints.eapi.connectOptions : endpoints.ssh.connectOptions)
      child = new ChildClient()
    })
    afterAll(async () => {
      await child.close()
      await local.close()
      await mock.close()
    })

    it(`${ROUNDS} rounds: both applied, or one refused and the device holding exactly the other`, async () => {
      const remote: ConnectOptions = there === 'eapi' ? endpoints.eapiHttp.connectOptions : endpoints.ssh.connectOptions
      const counts = { both: 0, localWon: 0, remoteWon: 0, refusals: new Map<string, number>() }
      for (let round = 0; round < ROUNDS; round++) {
        const mine = { vlan: 2000 + round, name: `here${round}`, description: `here ${round}` }
        const theirs = { vlan: 3000 + round, name: `there${round}`, description: `there ${round}` }
        const [localOutcome, remoteOutcome] = await Promise.all([
          local
            .configure((tx) => {
              tx.vlans.create({ id: mine.vlan, name: mine.name })
              tx.interfaces.configure('Ethernet1', { description: mine.description })
            })
            .then(
              () => 'applied',
              (error: unknown) => (SwitchyardError.isSwitchyardError(error) ? error.code : `untyped: ${String(error)}`),
            ),
          child.run({ id: round, connectOptions: remote, vlan: theirs.vlan, name: theirs.name, port: 'Ethernet1', description: theirs.description }),
        ])
        const vlans = mock.running.vlans
        const description = mock.running.interfaces.Ethernet1?.description
        const has = (v: { vlan: number; name: string }) => vlans[v.vlan]?.name === v.name
        const label = `round ${round}: here ${localOutcome}, there ${remoteOutcome}`
        expect(mock.sessions.list().filter((s) => s.state !== 'completed'), label).toEqual([])
        if (localOutcome === 'applied' && remoteOutcome === 'applied') {
          counts.both++
          if (!(has(mine) && has(theirs)) && process.env.DEBUG_RACE) console.log(label, JSON.stringify(vlans), mock.commandLog.slice(-60).join('\n'))
          expect(has(mine) && has(theirs), label).toBe(true)
          expect([mine.description, theirs.description], label).toContain(description)
          continue
        }
        const refused = localOutcome === 'applied' ? remoteOutcome : localOutcome
        expect(['SY_CONFLICT', 'SY_COMMIT_TIMER_PENDING'], label).toContain(refused)
        counts.refusals.set(refused, (counts.refusals.get(refused) ?? 0) + 1)
        const winner = localOutcome === 'applied' ? mine : theirs
        const loser = localOutcome === 'applied' ? theirs : mine
        expect(localOutcome === 'applied' || remoteOutcome === 'applied', label).toBe(true)
        if (localOutcome === 'applied') counts.localWon++
        else counts.remoteWon++
        expect(has(winner), label).toBe(true)
        expect(vlans[loser.vlan], label).toBeUndefined()
        expect(description, label).toBe(winner.description)
      }
      summary.push(
        `${here}+${there}: both applied ${counts.both}, one refused ${counts.localWon + counts.remoteWon} (${[...counts.refusals].map(([c, n]) => `${c} ${n}`).join(', ')})`,
      )
    }, 300_000)
  })
}
