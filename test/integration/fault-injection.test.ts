import { afterAll, describe, expect, it } from 'vitest'
import { connect, SwitchyardError, type Device, type Transaction } from '../../src/index.js'
import { MockSwitch, type MockEndpoints } from '../../mocks/index.js'
import { FaultProxy, type Fault } from '../support/fault-proxy.js'
import { SeededRandom } from '../support/seeded-random.js'

/**
 * Fault injection: a proxy between switchyard and the mock cuts, resets, delays or stalls the traffic at a random
 * byte offset in either direction, or the caller's AbortSignal fires at a random moment, while a random multi-change
 * plan is applied. After each trial the mock's running-config is compared with the state before and with the state a
 * second, fault-free mock reaches with the same plan. Invariants: nothing half-applied, no success without the change,
 * no definite failure with the change applied, and no pending session left that the SDK does not know it must abort.
 *
 * Trials per fault kind and driver: SWITCHYARD_FAULT_TRIALS (default 200). Seed: SWITCHYARD_FAULT_SEED.
 */
const TRIALS = Number(process.env.SWITCHYARD_FAULT_TRIALS ?? 200)
const SEED = Number(process.env.SWITCHYARD_FAULT_SEED ?? 20261121)
const LANES = 4
const TIMEOUT_MS = 250
const KINDS = ['cut-up', 'cut-down', 'reset', 'delay-up', 'delay-down', 'stall', 'abort'] as const
type Kind = (typeof KINDS)[number]
type Outcome = 'applied' | 'not-applied' | 'unknown'

interface Row {
  trials: number
  fired: number
  applied: number
  notApplied: number
  unknown: number
  violations: string[]
}

const table = new Map<string, Row>()

afterAll(() => {
  const lines = ['driver kind        trials fired applied not-applied unknown violations']
  for (const [key, r] of table) {
    lines.push(`${key.padEnd(18)} ${String(r.trials).padStart(6)} ${String(r.fired).padStart(5)} ${String(r.applied).padStart(7)} ${String(r.notApplied).padStart(11)} ${String(r.unknown).padStart(7)} ${String(r.violations.length).padStart(10)}`)
  }
  console.log(`\nfault injection outcome table (seed ${SEED}, ${TRIALS} trials per kind and driver)\n${lines.join('\n')}`)
})

/** A random plan of 1-4 changes that fits the device's current state. */
function randomPlan(rand: SeededRandom, mock: MockSwitch): (tx: Transaction) => void {
  const vlans = Object.keys(mock.running.vlans).map(Number).filter((id) => id !== 1)
  const free = Array.from({ length: 100 }, (_, i) => 100 + i).filter((id) => !vlans.includes(id))
  const steps: Array<(tx: Transaction) => void> = []
  const usedVlans = new Set<number>()
  const usedPorts = new Set<string>()
  const count = rand.int(1, 4)
  for (let i = 0; i < count; i++) {
    const op = rand.int(0, 4)
    if (op === 0 && free.length > 0) {
      const id = rand.pick(free.filter((v) => !usedVlans.has(v)).length > 0 ? free.filter((v) => !usedVlans.has(v)) : free)
      if (usedVlans.has(id)) continue
      usedVlans.add(id)
      const name = `v${id}x${rand.int(0, 999)}`
      steps.push((tx) => tx.vlans.create({ id, name }))
    } else if (op === 1 && vlans.some((v) => !usedVlans.has(v))) {
      const id = rand.pick(vlans.filter((v) => !usedVlans.has(v)))
      usedVlans.add(id)
      const name = `r${rand.int(0, 99999)}`
      steps.push((tx) => tx.vlans.update(id, { name }))
    } else if (op === 2 && vlans.some((v) => !usedVlans.has(v)) && vlans.length > 3) {
      const id = rand.pick(vlans.filter((v) => !usedVlans.has(v)))
      usedVlans.add(id)
      steps.push((tx) => tx.vlans.delete(id))
    } else {
      const port = `Ethernet${rand.int(1, 8)}`
      if (usedPorts.has(port)) continue
      usedPorts.add(port)
      const description = `p${rand.int(0, 99999)}`
      steps.push((tx) => tx.interfaces.configure(port, { description }))
    }
  }
  if (steps.length === 0) {
    const port = 'Ethernet1'
    const description = `p${rand.int(0, 99999)}`
    steps.push((tx) => tx.interfaces.configure(port, { description }))
  }
  return (tx) => {
    for (const step of steps) step(tx)
  }
}

function pendingSessions(mock: MockSwitch): string[] {
  return mock.sessions.list().filter((s) => s.state !== 'completed').map((s) => s.name)
}

interface Lane {
  mock: MockSwitch
  shadow: MockSwitch
  proxy: FaultProxy
  endpoints: MockEndpoints
  shadowEndpoints: MockEndpoints
  sw: Device
  shadowSw: Device
  calibrated: { up: number; down: number }
}

async function openLane(driver: 'eapi' | 'ssh', index: number): Promise<Lane> {
  const mock = new MockSwitch({ hostname: 'fault1', ports: 8, username: 'admin', password: 'pw-fault' })
  const shadow = new MockSwitch({ hostname: 'fault1', ports: 8, username: 'admin', password: 'pw-fault' })
  for (let id = 10; id < 15; id++) mock.cli(['configure', `vlan ${id + index}`, `name seed${id}`, 'end'])
  const [endpoints, shadowEndpoints] = await Promise.all([mock.listen(), shadow.listen()])
  const face = driver === 'eapi' ? endpoints.eapiHttp : endpoints.ssh
  const proxy = new FaultProxy(face.port)
  await proxy.listen()
  const sw = await connect({ ...face.connectOptions, port: proxy.port, timeoutMs: TIMEOUT_MS })
  const shadowSw = await connect(driver === 'eapi' ? shadowEndpoints.eapiHttp.connectOptions : shadowEndpoints.ssh.connectOptions)
  return { mock, shadow, proxy, endpoints, shadowEndpoints, sw, shadowSw, calibrated: { up: 2000, down: 2000 } }
}

async function closeLane(lane: Lane): Promise<void> {
  await Promise.allSettled([lane.sw.close(), lane.shadowSw.close()])
  await lane.proxy.close()
  await Promise.all([lane.mock.close(), lane.shadow.close()])
}

function faultFor(kind: Kind, rand: SeededRandom, lane: Lane): Fault | undefined {
  const offset = (dir: 'up' | 'down') => rand.int(0, Math.ceil(lane.calibrated[dir] * 1.1))
  switch (kind) {
    case 'cut-up':
      return { kind: 'cut', direction: 'up', atByte: offset('up') }
    case 'cut-down':
      return { kind: 'cut', direction: 'down', atByte: offset('down') }
    case 'reset': {
      const direction = rand.pick(['up', 'down'] as const)
      return { kind: 'reset', direction, atByte: offset(direction) }
    }
    case 'delay-up':
      return { kind: 'delay', direction: 'up', atByte: offset('up'), delayMs: TIMEOUT_MS + rand.int(20, 200) }
    case 'delay-down':
      return { kind: 'delay', direction: 'down', atByte: offset('down'), delayMs: TIMEOUT_MS + rand.int(20, 200) }
    case 'stall': {
      const direction = rand.pick(['up', 'down'] as const)
      return { kind: 'stall', direction, atByte: offset(direction) }
    }
    case 'abort':
      return undefined
  }
}

/** Runs one trial and returns its outcome, or throws an invariant violation. */
async function trial(lane: Lane, kind: Kind, rand: SeededRandom, row: Row, label: string): Promise<void> {
  const { mock, shadow, proxy, sw, shadowSw } = lane
  const remembered = new Set(sw.unresolvedSessions)
  const leftover = pendingSessions(mock).filter((s) => !remembered.has(s))
  if (leftover.length > 0) throw new Error(`${label}: pending sessions the SDK does not know of before the trial: ${leftover.join(', ')}`)
  shadow.running = structuredClone(mock.running)
  const before = mock.runningConfig()
  const plan = randomPlan(rand, mock)
  await shadowSw.configure(plan)
  const expected = shadow.runningConfig()
  const fault = faultFor(kind, rand, lane)
  proxy.arm(fault)
  const controller = new AbortController()
  const abortTimer = kind === 'abort' ? setTimeout(() => controller.abort(), rand.int(0, 12)) : undefined
  let outcome: Outcome
  let detail = ''
  try {
    const result = await sw.configure(plan, kind === 'abort' ? { signal: controller.signal } : {})
    outcome = result.applied ? 'applied' : 'not-applied'
  } catch (error) {
    if (!SwitchyardError.isSwitchyardError(error)) throw new Error(`${label}: untyped error ${String(error)}`)
    outcome = error.code === 'SY_OUTCOME_UNKNOWN' ? 'unknown' : 'not-applied'
    detail = `${error.code}: ${error.message}`
  } finally {
    clearTimeout(abortTimer)
  }
  if (proxy.fired || (kind === 'abort' && controller.signal.aborted)) row.fired++
  proxy.releaseStalls()
  await proxy.flushed()
  proxy.arm(undefined)
  if (outcome === 'unknown') {
    row.unknown++
    const name = /session (switchyard-\S+?)[ ':;]/.exec(detail)?.[1]
    if (name) {
      const state = await sw.sessionOutcome(name)
      outcome = state.applied ? 'applied' : 'not-applied'
      if (state.state === 'pendingCommitTimer') {
        mock.cli(`configure session ${name} abort`)
        outcome = 'not-applied'
      }
    }
  } else if (outcome === 'applied') row.applied++
  else row.notApplied++
  const after = mock.runningConfig()
  if (outcome === 'applied' && after !== expected) row.violations.push(`${label}: reported applied but the device does not hold the change (${detail})`)
  if (outcome === 'not-applied' && after !== before) {
    row.violations.push(`${label}: reported not applied (${detail}) but the device changed${after === expected ? ' (the whole change landed)' : ' (half-applied)'}`)
  }
  if (after !== before && after !== expected) row.violations.push(`${label}: half-applied state`)
  const stillRemembered = new Set(sw.unresolvedSessions)
  const unknownLeft = pendingSessions(mock).filter((s) => !stillRemembered.has(s))
  if (unknownLeft.length > 0) row.violations.push(`${label}: pending session(s) left that the SDK does not know of: ${unknownLeft.join(', ')}`)
}

for (const driver of ['eapi', 'ssh'] as const) {
  describe(`fault injection over ${driver}`, () => {
    it(`keeps every outcome honest across ${KINDS.length} fault kinds x ${TRIALS} random plans`, async () => {
      const lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => openLane(driver, i)))
      try {
        for (const lane of lanes) {
          lane.proxy.arm(undefined)
          await lane.sw.configure((tx) => tx.interfaces.configure('Ethernet2', { description: 'calibration' }))
          lane.calibrated = lane.proxy.counted
        }
        for (const kind of KINDS) {
          const row: Row = { trials: 0, fired: 0, applied: 0, notApplied: 0, unknown: 0, violations: [] }
          table.set(`${driver} ${kind}`, row)
          await Promise.all(
            lanes.map(async (lane, laneIndex) => {
              const rand = new SeededRandom(SEED + laneIndex * 7919 + KINDS.indexOf(kind) * 104729 + (driver === 'ssh' ? 1 : 0))
              for (let t = laneIndex; t < TRIALS; t += LANES) {
                row.trials++
                await trial(lane, kind, rand, row, `${driver} ${kind} trial ${t} (lane ${laneIndex}, seed ${rand.seed})`)
              }
            }),
          )
          expect(row.violations).toEqual([])
          expect(row.fired).toBeGreaterThan(row.trials / 3)
        }
      } finally {
        await Promise.all(lanes.map(closeLane))
      }
    }, 1_200_000)
  })
}
