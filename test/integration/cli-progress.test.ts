import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAB_PASSWORD, startFleetLab, type FleetLab } from '../support/fleet-lab.js'
import { REPO_ROOT } from '../support/run-cli.js'

const hasTmux = spawnSync('tmux', ['-V']).status === 0
const required = process.env.SWITCHYARD_REQUIRE_INTEROP === '1'
if (!hasTmux && !required) console.warn('skipping the TTY progress test: tmux is missing (install: apt-get install tmux)')

let lab: FleetLab
let dir: string
beforeAll(async () => {
  lab = await startFleetLab(4)
  dir = await mkdtemp(join(tmpdir(), 'sy-tty-'))
  await writeFile(join(dir, 'inventory.yaml'), lab.yaml)
}, 60_000)
afterAll(async () => {
  await lab.close()
  await rm(dir, { recursive: true, force: true })
})

describe.skipIf(!hasTmux && !required)('progress bar on a terminal', () => {
  it('is drawn on stderr when it is a TTY (under tmux), while stdout goes to a file', async () => {
    const session = `sy-progress-${process.pid}`
    const out = join(dir, 'out.txt')
    const done = join(dir, 'done')
    const command = `cd ${REPO_ROOT} && SY_LAB_PASSWORD=${LAB_PASSWORD} ${process.execPath} --import tsx cli/main.ts facts -i ${join(dir, 'inventory.yaml')} > ${out}; echo $? > ${done}; sleep 30`
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '20', command])
    try {
      for (let i = 0; i < 200 && !existsSync(done); i++) await sleep(100)
      const screen = execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' })
      expect((await readFile(done, 'utf8')).trim()).toBe('0')
      expect(screen).toMatch(/facts \[[=█░ -]+\] 4\/4 hosts \| failed 0/)
      expect(await readFile(out, 'utf8')).toMatch(/^host\s+hostname/)
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session])
    }
  }, 30_000)
})
