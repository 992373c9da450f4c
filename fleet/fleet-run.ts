import type { FleetEvent } from './fleet-events.js'
import type { HostResult } from './host-result.js'

/**
 * A fleet run under way: `await` it for the results (one per host; it never rejects because a host failed), and
 * iterate it (`for await (const event of run)`) or `onEvent` for progress. Every iterator sees every event from the
 * start of the run, however late it begins.
 */
export class FleetRun<T, R = Array<HostResult<T>>> implements PromiseLike<R>, AsyncIterable<FleetEvent<T>> {
  readonly #events: Array<FleetEvent<T>> = []
  readonly #waiters = new Set<() => void>()
  readonly #listeners = new Set<(event: FleetEvent<T>) => void>()
  #done = false
  /** What the run resolves with: for `run`, one result per selected host in selection order. */
  readonly results: Promise<R>

  /** @internal Started by `Fleet.run`. */
  constructor(start: (emit: (event: FleetEvent<T>) => void) => Promise<R>) {
    this.results = start((event) => this.#push(event)).finally(() => {
      this.#done = true
      this.#wake()
    })
  }

  /** Calls `listener` for every event from now on; returns a function that stops it. */
  onEvent(listener: (event: FleetEvent<T>) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  then<R1 = R, R2 = never>(
    onFulfilled?: ((value: R) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.results.then(onFulfilled, onRejected)
  }

  async *[Symbol.asyncIterator](): AsyncIterator<FleetEvent<T>> {
    let i = 0
    for (;;) {
      while (i < this.#events.length) yield this.#events[i++] as FleetEvent<T>
      if (this.#done) return
      await new Promise<void>((resolve) => this.#waiters.add(resolve))
    }
  }

  #push(event: FleetEvent<T>): void {
    this.#events.push(event)
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        // a listener's own failure must not end the run
      }
    }
    this.#wake()
  }

  #wake(): void {
    for (const w of this.#waiters) w()
    this.#waiters.clear()
  }
}
