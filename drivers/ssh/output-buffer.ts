/**
 * The text an SSH shell has received since the last command, kept as the chunks it arrived in. Appending never
 * copies what came before (a growing string would be flattened, and so copied whole, by every later read of its
 * end), and reads touch only the chunks they cover: looking at the tail or at text not searched yet costs the size of
 * that part, so reading an answer of n bytes costs O(n) however many chunks it came in.
 * Positions are absolute offsets from the start of the buffer, as in a string.
 */
export class OutputBuffer {
  #chunks: string[] = []
  #starts: number[] = []
  #length = 0

  /** Number of characters held. */
  get length(): number {
    return this.#length
  }

  /** Adds text at the end. */
  append(text: string): void {
    if (text.length === 0) return
    this.#chunks.push(text)
    this.#starts.push(this.#length)
    this.#length += text.length
  }

  /** Forgets everything held. */
  clear(): void {
    this.#chunks = []
    this.#starts = []
    this.#length = 0
  }

  /** The text from `start` (inclusive) to `end` (exclusive); negative values count from the end, as `String#slice`. */
  slice(start = 0, end = this.#length): string {
    const from = clamp(start < 0 ? this.#length + start : start, this.#length)
    const to = clamp(end < 0 ? this.#length + end : end, this.#length)
    if (to <= from) return ''
    const parts: string[] = []
    for (let i = this.#chunkAt(from); i < this.#chunks.length; i++) {
      const chunkStart = this.#starts[i] as number
      if (chunkStart >= to) break
      const chunk = this.#chunks[i] as string
      parts.push(chunk.slice(Math.max(0, from - chunkStart), Math.min(chunk.length, to - chunkStart)))
    }
    return parts.length === 1 ? (parts[0] as string) : parts.join('')
  }

  /** The last `count` characters. */
  tail(count: number): string {
    return this.slice(Math.max(0, this.#length - count))
  }

  /** The character at `index`, or `''` outside the buffer. */
  charAt(index: number): string {
    if (index < 0 || index >= this.#length) return ''
    const i = this.#chunkAt(index)
    return (this.#chunks[i] as string).charAt(index - (this.#starts[i] as number))
  }

  /** First position of `needle` at or after `from`, or -1; reads only the text from `from` on. */
  indexOf(needle: string, from = 0): number {
    const start = Math.max(0, from)
    const found = this.slice(start).indexOf(needle)
    return found < 0 ? -1 : start + found
  }

  /** Last position of `needle` that starts at or before `from`, or -1; reads backwards in growing windows. */
  lastIndexOf(needle: string, from = this.#length - 1): number {
    if (from < 0) return -1
    let window = 256
    for (;;) {
      const windowStart = Math.max(0, from - window)
      const found = this.slice(windowStart, from + needle.length).lastIndexOf(needle)
      if (found >= 0) return windowStart + found
      if (windowStart === 0) return -1
      window *= 4
    }
  }

  /** Replaces the last `count` characters with `text`. */
  replaceTail(count: number, text: string): void {
    const keepFrom = Math.max(0, this.#length - count)
    const i = this.#chunkAt(keepFrom)
    const chunkStart = this.#starts[i] ?? 0
    const head = (this.#chunks[i] ?? '').slice(0, keepFrom - chunkStart)
    this.#chunks.length = i
    this.#starts.length = i
    this.#length = chunkStart
    this.append(head)
    this.append(text)
  }

  #chunkAt(position: number): number {
    let low = 0
    let high = this.#chunks.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((this.#starts[mid] as number) <= position) low = mid
      else high = mid - 1
    }
    return Math.max(0, low)
  }
}

function clamp(value: number, length: number): number {
  return Math.min(Math.max(0, value), length)
}
