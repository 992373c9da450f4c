import type { Redis } from 'ioredis'

const ACQUIRE = `
local v = redis.call('GET', KEYS[1])
if v == false or v == ARGV[1] or string.sub(v, 1, string.len(ARGV[3])) == ARGV[3] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return false
end
return v`

const TAKE_OVER = `
if redis.call('GET', KEYS[1]) == ARGV[2] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
  return 1
end
return 0`

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`

/** Who holds a device: the job and the attempt (BullMQ's lock token of that run of the job). */
export interface LockOwner {
  jobId: string
  token: string
}

/** The value stored for an owner: `jobId|token`. */
export function ownerValue(owner: LockOwner): string {
  return `${owner.jobId}|${owner.token}`
}

/** The job id in a stored lock value. */
export function jobOfValue(value: string): string {
  return value.slice(0, value.lastIndexOf('|'))
}

/**
 * One lock per device across every worker of a queue: a Redis key `PREFIX:QUEUE:device:HOST` holding the job (and
 * attempt) that may configure the device, with an expiry renewed while the job runs. The lock belongs to the job, not
 * to the worker: when a worker dies, the job taken over by another worker takes its lock back (same job id) and
 * nobody else touches the device in between. The expiry only frees a device whose job vanished from Redis.
 */
export class DeviceLocks {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    /** How long a lock lives without renewal. */
    readonly ttlMs: number,
  ) {}

  key(host: string): string {
    return `${this.keyPrefix}:device:${host}`
  }

  /**
   * Takes the lock for `owner` when it is free or already the same job's (a takeover); otherwise returns the value
   * of the current holder.
   */
  async tryAcquire(host: string, owner: LockOwner): Promise<{ acquired: true } | { acquired: false; holder: string }> {
    const held = (await this.redis.eval(ACQUIRE, 1, this.key(host), ownerValue(owner), String(this.ttlMs), `${owner.jobId}|`)) as string | null
    return held === null ? { acquired: true } : { acquired: false, holder: held }
  }

  /** Takes the lock from a holder known to be finished (compare and set). */
  async takeFrom(host: string, holder: string, owner: LockOwner): Promise<boolean> {
    return (await this.redis.eval(TAKE_OVER, 1, this.key(host), ownerValue(owner), holder, String(this.ttlMs))) === 1
  }

  /** Extends the lock; false when it is no longer this owner's. */
  async renew(host: string, owner: LockOwner): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key(host), ownerValue(owner), String(this.ttlMs))) === 1
  }

  /** Frees the lock if this owner holds it. */
  async release(host: string, owner: LockOwner): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(host), ownerValue(owner))
  }
}
