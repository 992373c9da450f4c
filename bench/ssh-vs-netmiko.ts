/**
 * Connect, enable and the same 10 show commands: switchyard's SSH channel vs Debian's netmiko (2.4.2), against the
 * same mock (own process), in one run. Both time from connect to the last output (the host key is checked on ours;
 * netmiko accepts any).
 */
import { SshChannel } from '../drivers/ssh/index.js'
import { median, report, timeMs } from './bench-util.js'
import { spawnMock } from './spawn-mock.js'
import { runNetmikoScript, sshOptionsOf } from './spawned-mock-ssh.js'

const COMMANDS = [
  'show version',
  'show hostname',
  'show vlan',
  'show interfaces status',
  'show port-channel summary',
  'show ip dhcp relay',
  'show version',
  'show vlan',
  'show hostname',
  'show interfaces status',
]

export async function benchSshVsNetmiko(): Promise<void> {
  const mock = await spawnMock('100-119')
  try {
    const options = sshOptionsOf(mock)
    const samples: number[] = []
    for (let i = 0; i < 5; i++) {
      samples.push(
        await timeMs(async () => {
          const channel = new SshChannel(options)
          await channel.runText(COMMANDS)
          await channel.close()
        }),
      )
    }
    const stdout = await runNetmikoScript('netmiko_session.py', mock, 300_000)
    const theirs = (JSON.parse(stdout) as { seconds: number }).seconds * 1000
    const ours = median(samples)
    report('SSH connect + enable + 10 show commands: switchyard (median of 5) vs netmiko 2.4.2', {
      switchyardMs: ours,
      netmikoMs: theirs,
      speedup: `${(theirs / ours).toFixed(1)}x`,
    })
  } finally {
    await mock.stop()
  }
}
