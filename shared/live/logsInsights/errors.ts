/**
 * Typed errors of the Logs Insights runner. The engine never sees a raw SDK error: it sees one of these, each with
 * the text a `gaps` line can use.
 */

/** Base class, so a caller can catch every Logs Insights failure at once. */
export class LogsInsightsError extends Error {
  override name = 'LogsInsightsError';
}

/** StartQuery refused the query text (MalformedQueryException). A bug in a query builder, not in the account. */
export class MalformedQueryError extends LogsInsightsError {
  override name = 'MalformedQueryError';
  constructor(
    readonly queryString: string,
    readonly serviceMessage: string,
  ) {
    super(`Logs Insights rejected the query (${serviceMessage}): ${queryString}`);
  }
}

/** The credentials may not call a Logs action (AccessDeniedException). */
export class LogsAccessDeniedError extends LogsInsightsError {
  override name = 'LogsAccessDeniedError';
  constructor(
    /** IAM action, e.g. "logs:StartQuery". */
    readonly action: string,
    readonly serviceMessage: string,
  ) {
    super(`CloudWatch Logs Insights not allowed: ${action} denied (${serviceMessage}); add it to the policy to query the logs`);
  }
}

/** The scan budget is spent; the runner starts no more queries. */
export class BudgetExceededError extends LogsInsightsError {
  override name = 'BudgetExceededError';
  constructor(
    readonly spentBytes: number,
    readonly budgetBytes: number,
    readonly queries: number,
  ) {
    super(
      `Logs Insights scan budget spent: ${formatBytes(spentBytes)} scanned by ${queries} ${queries === 1 ? 'query' : 'queries'} (budget ${formatBytes(budgetBytes)}); no further query was run`,
    );
  }
}

/** LimitExceededException (30 concurrent queries per account and region, shared with dashboards) did not clear in time. */
export class QueryConcurrencyError extends LogsInsightsError {
  override name = 'QueryConcurrencyError';
  constructor(
    readonly attempts: number,
    readonly serviceMessage: string,
  ) {
    super(`Logs Insights refused to start the query ${attempts} times (${serviceMessage}); the account's concurrent-query limit stayed full`);
  }
}

/** Any other failure of a Logs call (throttling that did not clear, service errors, network). */
export class LogsCallError extends LogsInsightsError {
  override name = 'LogsCallError';
  constructor(
    readonly action: string,
    readonly errorName: string,
    readonly serviceMessage: string,
  ) {
    super(`${action} failed: ${errorName}: ${serviceMessage}`);
  }
}

/** "1.5 GB", "320 MB", "12 KB", "900 B" (binary units, as AWS bills scanned data). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${units[unit]}`;
}
