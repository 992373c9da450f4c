import { compareInterfaceNames, shortInterfaceName } from '../../src/interface-names.js'
import type { CommandResult } from '../cli/command-grammar.js'
import type { InterfaceConfig } from '../device-config.js'
import { isOperUp } from '../port-state.js'
import { routedInterfaces } from './show-ip-interface.js'
import type { InterfaceView } from './show-interfaces.js'

// Text layouts follow a vEOS 4.24.0F capture published in arista-netdevops-community/automation_and_telemetry_demo
// (ansible/snapshots/DC1-LEAF2A/report.md). The JSON models are [unconfirmed] against a real device: field names
// follow the ones EOS uses in `show interfaces` and `show ip interface`.

function adminAndProtocol(view: InterfaceView, name: string, i: InterfaceConfig): { status: 'up' | 'down' | 'adminDown'; protocol: 'up' | 'down' } {
  const up = isOperUp(view, name)
  return { status: i.shutdown ? 'adminDown' : up ? 'up' : 'down', protocol: up ? 'up' : 'down' }
}

const statusText = (s: 'up' | 'down' | 'adminDown') => (s === 'adminDown' ? 'admin down' : s)

/** `show interfaces [NAME] description`: status, protocol and description of every interface (or one). */
export function showInterfacesDescription(view: InterfaceView, only?: string): CommandResult {
  const rows = () =>
    Object.entries(view.running.interfaces)
      .filter(([name]) => only === undefined || name === only)
      .sort(([a], [b]) => compareInterfaceNames(a, b))
      .map(([name, i]) => ({ name, description: i.description ?? '', ...adminAndProtocol(view, name, i) }))
  return {
    json: () => ({
      interfaceDescriptions: Object.fromEntries(rows().map((r) => [r.name, { description: r.description, interfaceStatus: r.status, lineProtocolStatus: r.protocol }])),
    }),
    text: () => {
      const out = [`${'Interface'.padEnd(30)} ${'Status'.padEnd(14)} ${'Protocol'.padEnd(18)} Description`]
      for (const r of rows()) out.push(`${shortInterfaceName(r.name).padEnd(30)} ${statusText(r.status).padEnd(14)} ${r.protocol.padEnd(18)} ${r.description}`.trimEnd())
      return `${out.join('\n')}\n`
    },
  }
}

/** `show ip interface brief`: every routed interface with its primary address (`unassigned` without one) and MTU. */
export function showIpInterfaceBrief(view: InterfaceView): CommandResult {
  const rows = () =>
    routedInterfaces(view).map(([name, i]) => ({ name, address: i.ipAddress, mtu: name.startsWith('Loopback') ? 65535 : 1500, ...adminAndProtocol(view, name, i) }))
  return {
    json: () => {
      const interfaces: Record<string, unknown> = {}
      for (const r of rows()) {
        const [address = '0.0.0.0', maskLen = '0'] = r.address?.split('/') ?? []
        interfaces[r.name] = {
          name: r.name,
          interfaceStatus: r.status === 'adminDown' ? 'disabled' : r.status === 'up' ? 'connected' : 'notconnect',
          lineProtocolStatus: r.protocol,
          mtu: r.mtu,
          interfaceAddress: { ipAddr: { address, maskLen: Number(maskLen) } },
        }
      }
      return { interfaces }
    },
    text: () => {
      const out = [
        `${' '.repeat(72)}Address`,
        `${'Interface'.padEnd(15)} ${'IP Address'.padEnd(20)} ${'Status'.padEnd(10)} ${'Protocol'.padEnd(12)} ${'MTU'.padStart(10)} Owner`,
        `${'-'.repeat(15)} ${'-'.repeat(20)} ${'-'.repeat(10)} ${'-'.repeat(12)} ${'-'.repeat(10)} ${'-'.repeat(7)}`,
      ]
      for (const r of rows()) {
        out.push(`${r.name.padEnd(15)} ${(r.address ?? 'unassigned').padEnd(20)} ${statusText(r.status).padEnd(10)} ${r.protocol.padEnd(12)} ${String(r.mtu).padStart(10)}`)
      }
      return `${out.join('\n')}\n`
    },
  }
}
