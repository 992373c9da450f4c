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
  close(): Promise<void>
}

/**
 * Creates namespace `<name>` (IPv6 off, so no background traffic) with `pairs` veth pairs whose peers live in
 * `<name>-peer`, sends a few UDP datagrams across the first ones so counters are not all zero, then starts snmpd on
 * 127.0.0.1:`port` inside the namespace, read-only community `public`. Needs root (CAP_NET_ADMIN).
 */
export async function startSnmpdLab(name: string, pairs: number, port = 16161): Promise<SnmpdLab> {
  const peer = `${name}-peer`
  const ip = (args: string[]) => run('ip', args)
  await ip(['netns', 'del', name]).catch(() => undefined)
  await ip(['netns', 'del', peer]).catch(() => undefined)
  await ip(['netns', 'add', name])
  await ip(['netns', 'add', peer])
  for (const ns of [name, peer]) {
    await run('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1'])
  }
  const batch: string[] = [`link set lo up`]
  const peerBatch: string[] = ['link set lo up']
  for (let i = 0; i < pairs; i++) {
    batch.push(`link add v${i} type veth peer name w${i} netns ${peer}`)
  }
  await writeBatch(name, batch)
  const up: string[] = []
  for (let i = 0; i < pairs; i++) {
    up.push(`link set v${i} up`, `addr add 10.${100 + Math.floor(i / 64)}.${(i % 64) * 4}.1/30 dev v${i}`)
    peerBatch.push(`link set w${i} up`, `addr add 10.${100 + Math.floor(i / 64)}.${(i % 64) * 4}.2/30 dev w${i}`)
  }
  await writeBatch(name, up)
  await writeBatch(peer, peerBatch)
  const sendUdp = `const s=require('dgram').createSocket('udp4');let n=0;const t=${JSON.stringify(
    Array.from({ length: Math.min(pairs, 4) }, (_, i) => Array.from({ length: i + 1 }, () => `10.100.${i * 4}.2`)).flat(),
  )};for(const a of t)s.send(Buffer.alloc(64),9,a,()=>{if(++n===t.length)setTimeout(()=>s.close(),300)})`
  await run('ip', ['netns', 'exec', name, process.execPath, '-e', sendUdp])
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-snmpd-'))
  const conf = join(dir, 'snmpd.conf')
  await writeFile(
    conf,
    [`agentAddress udp:127.0.0.1:${port}`, 'rocommunity public 127.0.0.1', 'sysName snmpd-under-test', 'dontLogTCPWrappersConnects yes', `[snmp] persistentDir ${dir}/persist`, ''].join('\n'),
  )
  const child: ChildProcess = spawn('ip', ['netns', 'exec', name, 'snmpd', '-f', '-Lo', '-C', '-c', conf, '-I', '-smux', '-p', join(dir, 'snmpd.pid')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MIBS: '' },
  })
  let log = ''
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()))
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
  return {
    namespace: name,
    port,
    community: 'public',
    exec,
    close: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)))
      await ip(['netns', 'del', name]).catch(() => undefined)
      await ip(['netns', 'del', peer]).catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function writeBatch(ns: string, lines: string[]): Promise<void> {
  const child = spawn('ip', ['-n', ns, '-batch', '-'], { stdio: ['pipe', 'ignore', 'pipe'] })
  let err = ''
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
  child.stdin?.end(`${lines.join('\n')}\n`)
  const code = await new Promise<number | null>((r) => child.once('exit', r))
  if (code !== 0) throw new Error(`ip -batch in ${ns} failed: ${err}`)
}
