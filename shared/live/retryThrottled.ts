import { isThrottlingError } from './awsErrors.ts';
import type { LiveClock } from './liveClock.ts';

/**
 * Retries a call that the service throttled, with exponential backoff and full jitter, a bounded number of
 * times. The SDK's own adaptive retry runs first inside each attempt; this outer loop is for limits that
 * outlast it (CloudTrail LookupEvents' 2 requests per second, shared with everyone in the account).
 */
export interface RetryOptions {
  clock: LiveClock;
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** First backoff step, ms (default 500). */
  baseMs?: number;
  /** Largest backoff, ms (default 8000). */
  capMs?: number;
  /** Which errors to retry (default: throttling). */
  retryable?: (error: unknown) => boolean;
  /** Told before each wait (progress display, tests). */
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

export async function withThrottlingRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 5);
  const baseMs = options.baseMs ?? 500;
  const capMs = options.capMs ?? 8000;
  const retryable = options.retryable ?? isThrottlingError;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      const delay = backoffMs(attempt, baseMs, capMs, options.clock.random());
      options.onRetry?.(attempt, delay, error);
      await options.clock.sleep(delay);
    }
  }
}

/** Full jitter: a random wait up to the exponential step, never less than a tenth of the base. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: number): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(1, Math.max(0, random));
  return Math.max(Math.round(baseMs / 10), Math.round(step * r));
}
