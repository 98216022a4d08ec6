/**
 * Slack waits 3 seconds for an answer; past that the user sees "operation_timeout" even if the work succeeded.
 * A step that may be slow runs against what is left of the budget: its result if it finishes in time, else `late`
 * (the step goes on; its eventual failure is caught here so it cannot surface as an unhandled rejection).
 */
export type Budgeted<T> = { done: true; value: T } | { done: false };

export async function withinBudget<T>(work: Promise<T>, ms: number, onLateFailure?: (error: unknown) => void): Promise<Budgeted<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), Math.max(0, ms));
  });
  const finished = work.then((value) => ({ done: true as const, value }));
  try {
    const outcome = await Promise.race([finished, late]);
    if (!outcome.done) finished.catch((error: unknown) => onLateFailure?.(error));
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}

/** A clock for one request: how much of the budget is left. */
export function budgetClock(budgetMs: number, now: () => number): () => number {
  const start = now();
  return () => budgetMs - (now() - start);
}
