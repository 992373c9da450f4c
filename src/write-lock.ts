const tails = new Map<string, Promise<unknown>>()

/**
 * Runs `task` after every earlier task queued under the same key in this process has settled: changes to one device
 * are serialised, so two parts of a program never race each other's configure sessions (or fill the device's
 * session limit). Tasks under different keys run concurrently. The key is the device's address as connected.
 */
export function withWriteLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve()
  const run = previous.then(task, task)
  const tail = run.catch(() => undefined)
  tails.set(key, tail)
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key)
  })
  return run
}
