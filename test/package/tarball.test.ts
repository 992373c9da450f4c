import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')
const installed = (name: string): string => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version

/** Every subpath the README documents, with the package's own export map. */
const SUBPATHS = ['switchyard', 'switchyard/mocks', 'switchyard/mocks/msw', 'switchyard/drivers/eos', 'switchyard/drivers/eapi', 'switchyard/drivers/ssh', 'switchyard/drivers/snmp', 'switchyard/drivers/mos', 'switchyard/fleet']

/** The JSON Schemas the package publishes for editors. */
const SCHEMAS = ['schema/desired-state.json', 'schema/inventory.json', 'schema/lab-topology.json']

/** A strict user's tsconfig: nothing of the library's own declarations is skipped. */
const TSCONFIG = {
  compilerOptions: {
    target: 'es2023',
    lib: ['es2023'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    types: ['node'],
    outDir: 'out',
  },
  files: ['main.ts'],
}

/** The user's program: every subpath but msw (its own types need the DOM lib), a VLAN created and read back. */
const PROGRAM = `
import { connect, stringifyJson, SwitchyardError, ValidationError, type Device, type Vlan } from 'switchyard'
import { MockSwitch } from 'switchyard/mocks'
import * as eos from 'switchyard/drivers/eos'
import * as eapi from 'switchyard/drivers/eapi'
import * as ssh from 'switchyard/drivers/ssh'
import * as snmp from 'switchyard/drivers/snmp'
import * as mos from 'switchyard/drivers/mos'

function typesAreReal(sw: Device): void {
  // @ts-expect-error a VLAN id is a number
  void sw.vlans.create({ id: 'ten', name: 'x' })
}

const dev = new MockSwitch({ hostname: 'packed1', ports: 8, username: 'admin', password: 'pack-pw' })
try {
  const { eapi: endpoint } = await dev.listen()
  const sw = await connect(endpoint.connectOptions)
  try {
    const created = await sw.vlans.create({ id: 42, name: 'from-tarball' })
    const vlan: Vlan | undefined = await sw.vlans.get(42)
    const rejected = await sw.vlans.create({ id: 5000, name: 'x' }).then(() => undefined, (e: unknown) => e)
    const counters = await sw.counters.interfaces()
    const modules = Object.fromEntries(Object.entries({ eos, eapi, ssh, snmp, mos }).map(([k, m]) => [k, Object.keys(m).length]))
    console.log(stringifyJson({
      applied: created.applied,
      vlan,
      rejected: rejected instanceof ValidationError && SwitchyardError.isSwitchyardError(rejected) ? rejected.code : String(rejected),
      firstCounter: counters[0],
      modules,
      typesAreReal: typeof typesAreReal,
    }))
  } finally {
    await sw.close()
  }
} finally {
  await dev.close()
}
`

describe('the npm tarball, installed into a fresh strict TypeScript project', () => {
  let dir = ''
  let project = ''
  let files: string[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchyard-pack-'))
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 })
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>
    if (!packed) throw new Error(`npm pack printed no result: ${stdout}`)
    files = packed.files.map((f) => f.path)
    project = join(dir, 'project')
    await mkdir(project)
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'switchyard-user', private: true, type: 'module' }))
    await writeFile(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2))
    await writeFile(join(project, 'main.ts'), PROGRAM)
    await npmInstall([join(dir, packed.filename), `@types/node@${installed('@types/node')}`])
  }, 180_000)
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  async function npmInstall(specs: string[]): Promise<void> {
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...specs], { cwd: project, timeout: 120_000 })
  }

  it('holds the built library and CLI, the schemas, the control-API doc, README, LICENSE and package.json, and nothing else (no maps, bench, examples or tests)', () => {
    const expected = ['LICENSE', 'README.md', 'package.json', 'docs/control-api.md', ...SCHEMAS]
    expect(files).toEqual(expect.arrayContaining([...expected, 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/mocks/msw/index.js', 'dist/cli/main.js', 'dist/fleet/index.js']))
    const unexpected = files.filter((f) => !expected.includes(f) && !/^dist\/(src|drivers|mocks|cli|fleet)\/.+\.(js|d\.ts)$/.test(f))
    expect(unexpected).toEqual([])
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004/)
  })

  it('type-checks a strict program against the installed declarations (skipLibCheck: false)', async () => {
    const result = await run(process.execPath, [TSC, '-p', project], { cwd: project, timeout: 60_000 }).catch((e: { stdout?: string; message: string }) => ({ stdout: e.stdout ?? e.message }))
    expect(result.stdout).toBe('')
  })

  it('imports every documented subpath; switchyard/mocks works without msw, switchyard/mocks/msw asks for it', async () => {
    const script = `
      const out = {}
      for (const s of ${JSON.stringify(SUBPATHS)}) {
        try { out[s] = Object.keys(await import(s)).length } catch (e) { out[s] = e.code + ': ' + e.message.split('\\n')[0] }
      }
      console.log(JSON.stringify(out))`
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, timeout: 30_000 })
    const loaded = JSON.parse(stdout) as Record<string, number | string>
    for (const s of SUBPATHS.filter((p) => p !== 'switchyard/mocks/msw')) expect(loaded[s], s).toBeGreaterThan(0)
    expect(loaded['switchyard/mocks/msw']).toMatch(/^ERR_MODULE_NOT_FOUND: Cannot find package 'msw'/)
  })

  it('installs the switchyard command, and the published schemas resolve as subpaths', async () => {
    const { stdout } = await run(join(project, 'node_modules/.bin/switchyard'), ['--help'], { cwd: project, timeout: 30_000 })
    for (const command of ['mock', 'facts', 'plan', 'apply', 'worker']) expect(stdout).toContain(command)
    const version = await run(join(project, 'node_modules/.bin/switchyard'), ['--version'], { cwd: project, timeout: 30_000 })
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version)
    const script = `const out = {}; for (const s of ${JSON.stringify(SCHEMAS.map((p) => `switchyard/${p}`))}) out[s] = (await import(s, { with: { type: 'json' } })).default.$schema; console.log(JSON.stringify(out))`
    const schemas = JSON.parse((await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, timeout: 30_000 })).stdout) as Record<string, string>
    for (const value of Object.values(schemas)) expect(value).toMatch(/json-schema\.org/)
  })

  it('runs the compiled program against a MockSwitch: connects over eAPI (TLS verified), creates a VLAN and reads it back', async () => {
    const { stdout } = await run(process.execPath, [join(project, 'out/main.js')], { cwd: project, timeout: 30_000 })
    const result = JSON.parse(stdout) as Record<string, unknown>
    expect(result).toMatchObject({
      applied: true,
      vlan: { id: 42, name: 'from-tarball', state: 'active' },
      rejected: 'SY_VALIDATION',
      firstCounter: { interface: 'Ethernet1', inOctets: expect.stringMatching(/^\d+$/) },
      typesAreReal: 'function',
    })
    expect(Object.values(result.modules as Record<string, number>).every((n) => n > 0)).toBe(true)
  })

  it('switchyard/mocks/msw answers eAPI through msw once msw is installed next to it', async () => {
    await npmInstall([`msw@${installed('msw')}`])
    const script = `
      import { setupServer } from 'msw/node'
      import { connect } from 'switchyard'
      import { MockSwitch } from 'switchyard/mocks'
      import { eapiHandlers } from 'switchyard/mocks/msw'
      const server = setupServer(...eapiHandlers(new MockSwitch({ hostname: 'msw1', username: 'u', password: 'p' }), 'http://msw1.test'))
      server.listen({ onUnhandledRequest: 'error' })
      const sw = await connect({ host: 'msw1.test', driver: 'eapi', protocol: 'http', username: 'u', password: 'p' })
      console.log(JSON.stringify(await sw.facts()))
      await sw.close()
      server.close()`
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, timeout: 30_000 })
    expect(JSON.parse(stdout)).toMatchObject({ hostname: 'msw1', platform: 'eos' })
  }, 120_000)
})
