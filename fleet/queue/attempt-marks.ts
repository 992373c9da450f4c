import type { Redis } from 'ioredis'

/** What is kept about a job whose attempt may have touched its device. */
export interface AttemptMark {
  /** Since when sessions on the device may be this job's and unsettled (epoch ms, the attempt's worker clock). */
  since: number
  /** Attempts that reached the device so far. */
  attempts: number
}

/**
 * Marks in Redis that a job's attempt is about to touch its device (`PREFIX:attempt:JOB`). A mark that is still
 * there when the job starts again means an earlier attempt died: its sessions must be settled first. The mark is
 * removed when an attempt ends with an outcome; it expires after a week in any case.
 */
export class AttemptMarks {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  key(jobId: string): string {
    return `${this.keyPrefix}:attempt:${jobId}`
  }

  async get(jobId: string): Promise<AttemptMark | undefined> {
    const raw = await this.redis.get(this.key(jobId))
    if (raw === null) return undefined
    const parsed = JSON.parse(raw) as Partial<AttemptMark>
    return typeof parsed.since === 'number' && typeof parsed.attempts === 'number' ? { since: parsed.since, attempts: parsed.attempts } : undefined
  }

  async set(jobId: string, mark: AttemptMark): Promise<void> {
    await this.redis.set(this.key(jobId), JSON.stringify(mark), 'EX', 7 * 86_400)
  }

  async clear(jobId: string): Promise<void> {
    await this.redis.del(this.key(jobId))
  }
}
