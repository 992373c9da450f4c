import type { MockSwitch } from '../mock-switch.js'
import type { LabSpec } from './lab-spec.js'
import { wireFeed } from '../traffic-model.js'

/**
 * Connects both ends of every link of a lab: a port receives, as its own clock advances, what the port at the other
 * end sends at its steady rate (`MockSwitch.transmitOver`), nothing while the link is down or either end shut down.
 */
export function connectWires(devices: ReadonlyMap<string, MockSwitch>, links: LabSpec['links']): void {
  for (const [a, b] of links) {
    const da = devices.get(a.device)
    const db = devices.get(b.device)
    if (!da || !db) continue
    da.connectWire(a.port, wireFeed((seconds) => db.transmitOver(b.port, seconds)))
    db.connectWire(b.port, wireFeed((seconds) => da.transmitOver(a.port, seconds)))
  }
}
