import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/**
 * The Python interpreter that sees Debian's python3-pyeapi and python3-netmiko: `/usr/bin/python3` (another
 * `python3` may come first on PATH, e.g. pyenv's), or `SWITCHYARD_PYTHON` when set (a venv with both installed).
 */
export const PYTHON = process.env.SWITCHYARD_PYTHON ?? '/usr/bin/python3'

/** When `1`, a missing tool fails the test instead of skipping it (`.ci/run` sets it). */
export const REQUIRE_INTEROP = process.env.SWITCHYARD_REQUIRE_INTEROP === '1'

/** What an interop test can need from the machine. */
export type InteropNeed = 'python3-pyeapi' | 'python3-netmiko' | 'snmp' | 'snmpd' | 'ssh' | 'iproute2' | 'sysctl' | 'root' | 'redis-server' | 'ansible'

interface Check {
  /** Why it is missing, or `undefined` when present. */
  missing(): string | undefined
  install: string
}

const CHECKS: Record<InteropNeed, Check> = {
  'python3-pyeapi': { missing: () => pythonModule('pyeapi'), install: 'sudo apt-get install -y python3-pyeapi' },
  'python3-netmiko': { missing: () => pythonModule('netmiko'), install: 'sudo apt-get install -y python3-netmiko' },
  snmp: { missing: () => commands(['snmpbulkwalk', 'snmpget', 'snmpset']), install: 'sudo apt-get install -y snmp' },
  snmpd: { missing: () => commands(['snmpd']), install: 'sudo apt-get install -y snmpd' },
  ssh: { missing: () => commands(['ssh', 'ssh-keygen']), install: 'sudo apt-get install -y openssh-client' },
  iproute2: { missing: () => commands(['ip']), install: 'sudo apt-get install -y iproute2' },
  sysctl: { missing: () => commands(['sysctl']), install: 'sudo apt-get install -y procps' },
  'redis-server': { missing: () => commands(['redis-server', 'redis-cli']), install: 'sudo apt-get install -y redis-server' },
  ansible: { missing: () => commands(['ansible-playbook', 'ansible-galaxy']) ?? ansibleCollections(['arista.eos', 'ansible.netcommon']), install: 'sudo apt-get install -y ansible' },
  root: {
    missing: () => (process.getuid?.() === 0 ? undefined : 'not running as root (network namespaces need CAP_NET_ADMIN)'),
    install: 'run this stage as root: sudo -E npm run test:interop',
  },
}

/** The unmet needs, each with why and how to install it. */
export function missingNeeds(needs: readonly InteropNeed[]): Array<{ need: InteropNeed; reason: string; install: string }> {
  return needs.flatMap((need) => {
    const reason = CHECKS[need].missing()
    return reason === undefined ? [] : [{ need, reason, install: CHECKS[need].install }]
  })
}

function pythonModule(module: string): string | undefined {
  const result = spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8', timeout: 20_000 })
  if (result.error) return `${PYTHON} cannot run (${(result.error as NodeJS.ErrnoException).code ?? result.error.message})`
  if (result.status !== 0) return `${PYTHON} cannot import ${module} (${result.stderr.trim().split('\n').at(-1) ?? ''})`
  return undefined
}

function ansibleCollections(names: readonly string[]): string | undefined {
  const result = spawnSync('ansible-galaxy', ['collection', 'list'], { encoding: 'utf8', timeout: 60_000 })
  if (result.error || result.status !== 0) return `ansible-galaxy collection list failed (${result.error?.message ?? result.stderr.trim().split('\n').at(-1) ?? ''})`
  const absent = names.filter((name) => !new RegExp(`^${name.replace('.', '\\.')}\\s`, 'm').test(result.stdout))
  return absent.length === 0 ? undefined : `ansible collections ${absent.join(', ')} not installed`
}

function commands(names: readonly string[]): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean)
  const absent = names.filter((name) => !dirs.some((dir) => isExecutable(join(dir, name))))
  return absent.length === 0 ? undefined : `${absent.join(', ')} not found on PATH`
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}
