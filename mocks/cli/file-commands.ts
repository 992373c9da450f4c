import { command, type CommandResult, type CommandSpec } from './command-grammar.js'
import { CliError } from './cli-error.js'
import type { CliSession } from './cli-session.js'
import { flashFiles, saveRunningConfig } from '../startup-config.js'

type S = CliSession

/** EOS's answer to a successful copy to startup-config (ssh.md §4.2); over eAPI it comes as `messages`. */
const COPIED = 'Copy completed successfully.'

function save(s: S): CommandResult {
  saveRunningConfig(s.host)
  return { json: () => ({ messages: [COPIED] }), text: () => `${COPIED}\n` }
}

const FLASH_TOTAL = 3_999_125_504

function directory(s: S, all: boolean): CommandResult {
  const files = flashFiles(s.host)
  const stamp = listingTime(s.host.bootTime)
  const used = files.reduce((n, f) => n + f.size, 0)
  const flash = [
    'Directory of flash:/',
    '',
    ...files.map((f) => `       -rwx  ${String(f.size).padStart(12)}  ${stamp}  ${f.name}`),
    '',
    `${FLASH_TOTAL} bytes total (${FLASH_TOTAL - used} bytes free)`,
  ]
  const system = ['', 'Directory of system:/', '', `       -rw-  ${String(0).padStart(12)}  ${stamp}  running-config`, '']
  return { text: () => `${[...flash, ...(all ? system : [])].join('\n')}\n` }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `Jan  5 09:07`, as `ls -l` prints a recent time. */
function listingTime(epochMs: number): string {
  const t = new Date(epochMs)
  const hh = String(t.getUTCHours()).padStart(2, '0')
  const mm = String(t.getUTCMinutes()).padStart(2, '0')
  return `${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2)} ${hh}:${mm}`
}

/**
 * Exec commands about files and saving: `copy running-config startup-config`, `write [memory]`, `dir [flash:]`,
 * `dir all-filesystems` (ansible eos_facts reads the `Directory of X/` lines) and the one bash line eos_facts sends
 * over SSH to learn the image (`bash timeout 5 cat /mnt/flash/boot-config`, answered `SWI=flash:/EOS-<ver>.swi`).
 * The listing's layout is the mock's own approximation of EOS's (the references hold no recording of `dir`).
 */
export const FILE_COMMANDS: ReadonlyArray<CommandSpec<S>> = [
  command<S>('copy running-config startup-config', (s) => save(s), { privileged: true }),
  command<S>('write', (s) => save(s), { privileged: true }),
  command<S>('write memory', (s) => save(s), { privileged: true }),
  command<S>('dir', (s) => directory(s, false), { privileged: true }),
  command<S>('dir flash:', (s) => directory(s, false), { privileged: true }),
  command<S>('dir all-filesystems', (s) => directory(s, true), { privileged: true }),
  command<S>('bash timeout <seconds:int> cat <path:word>', (s, a) => {
    const path = a.path as string
    const file = path.startsWith('/mnt/flash/') ? flashFiles(s.host).find((f) => `/mnt/flash/${f.name}` === path) : undefined
    if (!file?.content) throw new CliError(`cat: ${path}: No such file or directory`, 1000)
    const content = file.content
    return { text: () => content }
  }, { privileged: true }),
].flat()
