import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Debian's snmpd running inside a network namespace made for it, with veth pairs as its interfaces. */
export interface SnmpdLab {
  namespace: string
  port: number
  community: string
  /** Runs a command inside the namespace. */
  exec(command: string, args: string[]): Promise<string>
  /** Stops snmpd and removes both namespaces (with their veths) and the temp dir. Safe to call twice. */
  close(): Promise<void>
}

/**
 * Creates namespace `<name>` with `pairs` veth pairs whose peers live in `<name>-peer`, sends a few UDP datagrams
 * across the first ones so counters are not all zero, waits until the kernel's counters stop moving, then starts
 * snmpd on 127.0.0.1:`port` inside the namespace, read-only community `public`. Needs root (CAP_NET_ADMIN).
 *
 * The veths are kept silent so that two reads of their counters agree: IPv6 is off on every one of them (no router
 * or neighbour solicitations, no DAD) and both ends know each other's MAC from permanent neighbour entries (no ARP,
 * hence no unicast re-probe of a stale entry seconds later). Everything made so far is removed when a step fails.
 */
export async function startSnmpdLab(name: string, pairs: number, port = 16161): Promise<SnmpdLab> {
  const peer = `${name}-peer`
  const undo: Array<() => Promise<unknown>> = []
  const close = async () => {
    for (const step of undo.splice(0).reverse()) await step().catch(() => undefined)
  }
  try {
    await removeNamespaces(name, peer)
    undo.push(() => removeNamespaces(name, peer))
    await run('ip', ['netns', 'add', name])
    await run('ip', ['netns', 'add', peer])
    for (const ns of [name, peer]) await sysctl(ns, ['net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1'])
    await writeBatch(name, ['link set lo up', ...range(pairs).map((i) => `link add v${i} address ${mac(0, i)} type veth peer name w${i} address ${mac(1, i)} netns ${peer}`)])
    await sysctl(name, range(pairs).map((i) => `net.ipv6.conf.v${i}.disable_ipv6=1`))
    await sysctl(peer, range(pairs).map((i) => `net.ipv6.conf.w${i}.disable_ipv6=1`))
    await writeBatch(
      name,
      range(pairs).flatMap((i) => [`link set v${i} addrgenmode none`, `addr add ${address(i, 1)}/30 dev v${i}`, `neigh replace ${address(i, 2)} lladdr ${mac(1, i)} dev v${i} nud permanent`, `link set v${i} up`]),
    )
    await writeBatch(peer, [
      'link set lo up',
      ...range(pairs).flatMap((i) => [`link set w${i} addrgenmode none`, `addr add ${address(i, 2)}/30 dev w${i}`, `neigh replace ${address(i, 1)} lladdr ${mac(0, i)} dev w${i} nud permanent`, `link set w${i} up`]),
    ])
    const targets = range(Math.min(pairs, 4)).flatMap((i) => range(i + 1).map(() => address(i, 2)))
    const sendUdp = `const s=require('dgram').createSocket('udp4');let n=0;const t=${JSON.stringify(targets)};for(const a of t)s.send(Buffer.alloc(64),9,a,()=>{if(++n===t.length)setTimeout(()=>s.close(),300)})`
    await run('ip', ['netns', 'exec', name, process.execPath, '-e', sendUdp])
    await waitForQuietLinks(name)

    const dir = await mkdtemp(join(tmpdir(), 'switchyard-snmpd-'))
    undo.push(() => rm(dir, { recursive: true, force: true }))
    const conf = join(dir, 'snmpd.conf')
    await writeFile(
      conf,
      [`agentAddress udp:127.0.0.1:${port}`, 'rocommunity public 127.0.0.1', 'sysName snmpd-under-test', 'dontLogTCPWrappersConnects yes', `[snmp] persistentDir ${dir}/persist`, ''].join('\n'),
    )
    const child: ChildProcess = spawn('ip', ['netns', 'exec', name, 'snmpd', '-f', '-Lo', '-C', '-c', conf, '-I', '-smux', '-p', join(dir, 'snmpd.pid')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MIBS: '' },
    })
    undo.push(() => stop(child))
    let log = ''
    child.stdout?.on('data', (c: Buffer) => (log += c.toString()))
    child.stderr?.on('data', (c: Buffer) => (log += c.toString()))
    const spawned = new Promise<void>((resolve, reject) => child.once('spawn', resolve).once('error', reject))
    await spawned
    const exec = async (command: string, args: string[]) => (await run('ip', ['netns', 'exec', name, command, ...args], { maxBuffer: 64 * 1024 * 1024 })).stdout
    const deadline = Date.now() + 10_000
    for (;;) {
      const ok = await exec('snmpget', ['-v2c', '-c', 'public', '-t', '0.3', '-r', '0', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.5.0']).then(
        () => true,
        () => false,
      )
      if (ok) break
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`snmpd did not start in ${name}: ${log}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    return { namespace: name, port, community: 'public', exec, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** Waits until two reads of the namespace's link counters, 300 ms apart, are the same (at most 10 s). */
export async function waitForQuietLinks(namespace: string): Promise<void> {
  const deadline = Date.now() + 10_000
  let before = await linkCounters(namespace)
  for (;;) {
    await new Promise((r) => setTimeout(r, 300))
    const after = await linkCounters(namespace)
    if (after === before) return
    if (Date.now() > deadline) throw new Error(`the links in ${namespace} did not go quiet in 10 s`)
    before = after
  }
}

async function linkCounters(namespace: string): Promise<string> {
  const { stdout } = await run('ip', ['-n', namespace, '-j', '-s', 'link', 'show'], { maxBuffer: 64 * 1024 * 1024 })
  const links = JSON.parse(stdout) as Array<{ ifname: string; stats64?: unknown }>
  return JSON.stringify(links.map((l) => [l.ifname, l.stats64]))
}

async function removeNamespaces(...names: string[]): Promise<void> {
  for (const ns of names) await run('ip', ['netns', 'del', ns]).catch(() => undefined)
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

async function sysctl(namespace: string, settings: string[]): Promise<void> {
  for (let i = 0; i < settings.length; i += 200) await run('ip', ['netns', 'exec', namespace, 'sysctl', '-qw', ...settings.slice(i, i + 200)])
}

async function writeBatch(ns: string, lines: string[]): Promise<void> {
  const child = spawn('ip', ['-n', ns, '-batch', '-'], { stdio: ['pipe', 'ignore', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
  child.stdin?.end(`${lines.join('\n')}\n`)
  const code = await new Promise<number | null>((r) => child.once('exit', r))
  if (code !== 0) throw new Error(`ip -batch in ${ns} failed: ${err}`)
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i)
}

/** The /30 of pair `i`: host 1 is the snmpd side (v), host 2 the peer (w). */
function address(i: number, host: 1 | 2): string {
  return `10.${100 + Math.floor(i / 64)}.${(i % 64) * 4}.${host}`
}

/** A locally administered MAC for side 0 (v) or 1 (w) of pair `i`. */
function mac(side: 0 | 1, i: number): string {
  return `02:53:59:0${side}:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`
}
