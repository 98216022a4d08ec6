/** Retry delays: exponential with jitter, so that callers retrying together do not retry in step. */

export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  baseMs: number;
  /** Largest delay, ms. */
  capMs: number;
}

/**
 * Delay before retry number `attempt` (0 for the first retry): "equal jitter" — half of the exponential step for
 * sure, the other half random — so a retry never comes at once and never later than the cap.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt));
  const jitter = Math.min(1, Math.max(0, random()));
  return Math.round(exponential / 2 + (exponential / 2) * jitter);
}

/** Poll delays: start, double, stay at the cap (no jitter: a poll is not competing with anyone). */
export function pollDelay(poll: number, policy: BackoffPolicy): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, poll));
}
