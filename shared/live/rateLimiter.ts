import type { LiveClock } from './liveClock.ts';

/**
 * Spaces calls at least `intervalMs` apart, in arrival order, however many callers share it: CloudTrail
 * LookupEvents allows 2 requests per second per account and region (so 500 ms), and going over it only
 * buys ThrottlingExceptions.
 */
export class IntervalLimiter {
  private nextSlot = Number.NEGATIVE_INFINITY;

  constructor(
    readonly intervalMs: number,
    private readonly clock: LiveClock,
  ) {
    if (!(intervalMs >= 0)) throw new RangeError(`interval must be >= 0 ms, got ${intervalMs}`);
  }

  /** Resolves when the caller may make its call; the slot is reserved at once, so concurrent callers queue. */
  async acquire(): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.clock.sleep(slot - now);
  }
}
