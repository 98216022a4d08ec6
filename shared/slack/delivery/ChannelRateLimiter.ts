/**
 * Slack lets an app post about one message a second to a channel, with short bursts ("chat.postMessage … 1 per
 * second per channel", docs.slack.dev/apis/web-api/rate-limits). A token bucket per channel: `ratePerSecond` tokens
 * a second up to `burst`; acquire() waits its turn in a per-channel queue (never drops) and resolves when a token is
 * taken. Clock and sleep are injected so that tests run in virtual time.
 */
export interface RateLimiterOptions {
  ratePerSecond?: number;
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
  tail: Promise<void>;
}

export class ChannelRateLimiter {
  private readonly rate: number;
  private readonly burst: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: RateLimiterOptions = {}) {
    this.rate = options.ratePerSecond ?? 1;
    this.burst = Math.max(1, options.burst ?? 1);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Waits until `channel` may be posted to, after every earlier caller for the same channel. */
  acquire(channel: string): Promise<void> {
    let bucket = this.buckets.get(channel);
    if (bucket === undefined) {
      bucket = { tokens: this.burst, refilledAt: this.now(), tail: Promise.resolve() };
      this.buckets.set(channel, bucket);
    }
    const current = bucket;
    const turn = current.tail.then(() => this.take(current));
    current.tail = turn.catch(() => undefined);
    return turn;
  }

  private async take(bucket: Bucket): Promise<void> {
    this.refill(bucket);
    if (bucket.tokens < 1) {
      await this.sleep(Math.ceil(((1 - bucket.tokens) / this.rate) * 1000));
      this.refill(bucket);
    }
    // A clock that did not move as far as the sleep promised still lets the caller go: queue, never drop.
    bucket.tokens = Math.max(0, bucket.tokens - 1);
  }

  private refill(bucket: Bucket): void {
    const now = this.now();
    bucket.tokens = Math.min(this.burst, bucket.tokens + (Math.max(0, now - bucket.refilledAt) / 1000) * this.rate);
    bucket.refilledAt = now;
  }
}
