import {
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
  type GetQueryResultsCommandOutput,
  type ResultField,
} from '@aws-sdk/client-cloudwatch-logs';
import { backoffDelay, pollDelay, type BackoffPolicy } from './backoff.ts';
import type { CallRecorder } from './callRecorder.ts';
import { ConcurrencyLimit } from './concurrencyLimit.ts';
import {
  LogsAccessDeniedError,
  LogsCallError,
  MalformedQueryError,
  QueryConcurrencyError,
  BudgetExceededError,
} from './errors.ts';
import type { QueryBudget } from './QueryBudget.ts';
import type { LiveClock } from '../liveClock.ts';

/**
 * Runs CloudWatch Logs Insights queries: StartQuery, GetQueryResults polling through every state until a terminal
 * one, StopQuery past a maximum wait. Retries what clears by itself (the account's 30 concurrent queries, throttling),
 * drops log groups that do not exist, counts every query and every byte scanned against a QueryBudget, and runs at
 * most `maxConcurrentQueries` queries at once, since the 30 are shared with everyone's dashboards.
 *
 * API: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html (times in epoch
 * seconds, up to 50 log groups) and API_GetQueryResults.html (status Scheduled | Running | Complete | Failed |
 * Cancelled | Timeout | Unknown).
 */

/** StartQuery takes at most 50 log groups. */
export const MAX_LOG_GROUPS_PER_QUERY = 50;
/** Rows a query returns when neither the request nor the query text says otherwise (and one GetQueryResults page). */
export const DEFAULT_ROW_LIMIT = 10_000;
/** Rows a query can return at all, paging GetQueryResults with nextToken. */
export const MAX_ROW_LIMIT = 100_000;

/** The states after which a query's results no longer change. Scheduled and Running are not among them. */
export const TERMINAL_STATUSES = ['Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown'] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];
/** A terminal status, or NoLogGroups when none of the requested log groups could be queried. */
export type QueryOutcomeStatus = TerminalStatus | 'NoLogGroups';

export interface QueryRequest {
  /** Log group names (or ARNs); more than 50 are split into several queries whose rows are concatenated. */
  logGroupNames: readonly string[];
  queryString: string;
  /** Epoch milliseconds, inclusive. */
  startTime: number;
  /** Epoch milliseconds, inclusive. */
  endTime: number;
  /** StartQuery's limit (max 100,000); also what `truncated` compares against. */
  limit?: number;
}

export interface QueryStatisticsTotals {
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

export interface QueryOutcome {
  /** One object per result row: field → value, "@ptr" left out. Rows of split queries are concatenated, not re-aggregated. */
  rows: Record<string, string>[];
  status: QueryOutcomeStatus;
  /** Summed over the queries run. */
  statistics: QueryStatisticsTotals;
  /** True when a query returned as many rows as its limit (the request's, the query's own `limit`, or 10,000). */
  truncated: boolean;
  queryIds: string[];
  /** The log groups the queries actually ran over. */
  logGroupNames: string[];
  /** Requested log groups that do not exist (ResourceNotFoundException); left out of the query. */
  missingLogGroups: string[];
  /** Log groups whose retention or creation time excludes the whole time range; left out of the query. */
  logGroupsOutsideRetention: string[];
  /** One sentence per thing a diagnosis should report in `gaps` (missing groups, truncation, timeouts, failures). */
  problems: string[];
}

export interface LogsInsightsRunnerOptions {
  /** The live adapters' clock (now, sleep, random); `sleep`, `now` and `random` below override its parts. */
  clock?: LiveClock;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Jitter source, 0..1. */
  random?: () => number;
  /** Longest wait for one query before StopQuery; default 5 min. */
  maxWaitMs?: number;
  /** Poll delays: 250 ms doubling to 2 s by default. */
  poll?: BackoffPolicy;
  /** Queries this runner keeps running at once; default 4 (the account has 30, shared). */
  maxConcurrentQueries?: number;
  /** Retries of StartQuery on LimitExceededException; default 8, backing off 1 s doubling to 30 s with jitter. */
  limitRetries?: number;
  limitBackoff?: BackoffPolicy;
  /** Retries of any call on throttling and server errors; default 5, 500 ms doubling to 8 s with jitter. */
  transientRetries?: number;
  transientBackoff?: BackoffPolicy;
}

const SERVICE = 'logs';

export class LogsInsightsRunner {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly maxWaitMs: number;
  private readonly pollPolicy: BackoffPolicy;
  private readonly limitRetries: number;
  private readonly limitPolicy: BackoffPolicy;
  private readonly transientRetries: number;
  private readonly transientPolicy: BackoffPolicy;
  /** Shared by every run() of this runner, so concurrent callers together stay under the bound. */
  readonly concurrency: ConcurrencyLimit;

  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly calls: CallRecorder,
    private readonly budget: QueryBudget,
    options: LogsInsightsRunnerOptions = {},
  ) {
    const clock = options.clock;
    this.sleep = options.sleep ?? (clock ? (ms) => clock.sleep(ms) : (ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? (clock ? () => clock.now() : Date.now);
    this.random = options.random ?? (clock ? () => clock.random() : Math.random);
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
    this.pollPolicy = options.poll ?? { baseMs: 250, capMs: 2_000 };
    this.limitRetries = options.limitRetries ?? 8;
    this.limitPolicy = options.limitBackoff ?? { baseMs: 1_000, capMs: 30_000 };
    this.transientRetries = options.transientRetries ?? 5;
    this.transientPolicy = options.transientBackoff ?? { baseMs: 500, capMs: 8_000 };
    this.concurrency = new ConcurrencyLimit(options.maxConcurrentQueries ?? 4);
  }

  /**
   * Run one query over any number of log groups. Throws MalformedQueryError, LogsAccessDeniedError,
   * BudgetExceededError, QueryConcurrencyError or LogsCallError; everything else (missing log groups, a query that
   * failed, timed out or was cut at its row limit) comes back in the outcome.
   */
  async run(request: QueryRequest): Promise<QueryOutcome> {
    if (!(request.endTime >= request.startTime)) {
      throw new RangeError(`query time range ends before it starts: ${request.startTime}..${request.endTime}`);
    }
    const groups = [...new Set(request.logGroupNames.filter((name) => name.length > 0))];
    if (groups.length === 0) return mergeParts([], []);
    const chunks: string[][] = [];
    for (let i = 0; i < groups.length; i += MAX_LOG_GROUPS_PER_QUERY) chunks.push(groups.slice(i, i + MAX_LOG_GROUPS_PER_QUERY));
    const parts = (await Promise.all(chunks.map((chunk) => this.runGroups(chunk, request)))).flat();
    return mergeParts(parts, groups);
  }

  /** One StartQuery over `groups` (≤ 50); halves them when a group that is not named in the error must be found. */
  private async runGroups(groups: string[], request: QueryRequest): Promise<PartOutcome[]> {
    const attempt = await this.concurrency.run(async () => {
      if (this.budget.exceeded()) {
        throw new BudgetExceededError(this.budget.spentBytes, this.budget.budgetBytes, this.budget.queries);
      }
      const started = await this.start(groups, request);
      if (started.kind !== 'started') return started;
      const part = await this.poll(started.queryId, started.groups, request);
      return { kind: 'done' as const, part: { ...part, missing: started.missing, outsideRetention: started.outsideRetention } };
    });
    if (attempt.kind === 'done') return [attempt.part];
    const excluded: PartOutcome = { ...emptyPart(), missing: attempt.missing, outsideRetention: attempt.outsideRetention };
    if (attempt.kind === 'none') return [excluded];
    // The service said a group is unusable without naming it: query each half on its own (outside the slot held above).
    const middle = Math.ceil(attempt.groups.length / 2);
    const halves = [attempt.groups.slice(0, middle), attempt.groups.slice(middle)];
    const results = await Promise.all(halves.map((half) => this.runGroups(half, request)));
    return [excluded, ...results.flat()];
  }

  private async start(groups: string[], request: QueryRequest): Promise<StartResult> {
    let remaining = [...groups];
    const missing: string[] = [];
    const outsideRetention: string[] = [];
    let limitAttempts = 0;
    for (;;) {
      if (remaining.length === 0) return { kind: 'none', missing, outsideRetention };
      try {
        const response = await this.callWithRetries('StartQuery', () =>
          this.client.send(
            new StartQueryCommand({
              logGroupNames: remaining,
              queryString: request.queryString,
              startTime: Math.floor(request.startTime / 1000),
              endTime: Math.ceil(request.endTime / 1000),
              ...(request.limit !== undefined ? { limit: request.limit } : {}),
            }),
          ),
        );
        this.budget.recordQuery();
        if (!response.queryId) throw new LogsCallError('logs:StartQuery', 'MissingQueryId', 'StartQuery answered without a queryId');
        return { kind: 'started', queryId: response.queryId, groups: remaining, missing, outsideRetention };
      } catch (error) {
        if (error instanceof LogsCallError) throw error;
        const name = errorName(error);
        const message = errorMessage(error);
        if (name === 'LimitExceededException') {
          if (limitAttempts >= this.limitRetries) throw new QueryConcurrencyError(limitAttempts + 1, message);
          await this.sleep(backoffDelay(limitAttempts++, this.limitPolicy, this.random));
          continue;
        }
        const unusable = isMissingLogGroup(name, message) ? missing : isOutsideRetention(name, message) ? outsideRetention : undefined;
        if (!unusable) throw typedError('StartQuery', error, request.queryString);
        const named = groupsNamedIn(message, remaining);
        if (named.length > 0 || remaining.length === 1) {
          const dropped = named.length > 0 ? named : remaining;
          unusable.push(...dropped);
          remaining = remaining.filter((group) => !dropped.includes(group));
          continue;
        }
        return { kind: 'split', groups: remaining, missing, outsideRetention };
      }
    }
  }

  /** Poll until done; a call that keeps failing stops the query (best effort) and becomes a typed error. */
  private async poll(queryId: string, groups: string[], request: QueryRequest): Promise<PartOutcome> {
    try {
      return await this.pollUntilDone(queryId, groups, request);
    } catch (error) {
      await this.stop(queryId);
      throw typedError('GetQueryResults', error, request.queryString);
    }
  }

  private async pollUntilDone(queryId: string, groups: string[], request: QueryRequest): Promise<PartOutcome> {
    const startedAt = this.now();
    const rowLimit = effectiveRowLimit(request);
    const windowMs = Math.max(1, request.endTime - request.startTime);
    let last: GetQueryResultsCommandOutput;
    for (let polls = 0; ; polls++) {
      await this.sleep(pollDelay(polls, this.pollPolicy));
      last = (await this.callWithRetries('GetQueryResults', () => this.client.send(new GetQueryResultsCommand({ queryId })))) ?? { $metadata: {} };
      const status = last.status;
      // Scheduled and Running (and a missing status) mean "ask again"; only the five terminal states end the wait.
      if (isTerminal(status)) break;
      if (this.now() - startedAt >= this.maxWaitMs) {
        await this.stop(queryId);
        const rows = toRows(last.results);
        const statistics = totals(last.statistics);
        this.budget.recordScanned(statistics.bytesScanned, windowMs);
        return {
          rows,
          status: 'Timeout',
          statistics,
          truncated: rows.length >= rowLimit,
          queryIds: [queryId],
          groups,
          missing: [],
          outsideRetention: [],
          problems: [
            `Logs Insights query ${queryId} over ${describeGroups(groups)} did not finish within ${Math.round(this.maxWaitMs / 1000)} s ` +
              `(still ${status ?? 'without a status'}); it was stopped and its ${rows.length} partial rows used`,
          ],
        };
      }
    }
    const status = last.status as TerminalStatus;
    const rows = toRows(last.results);
    let nextToken = status === 'Complete' ? last.nextToken : undefined;
    for (let page = 1; nextToken && rows.length < rowLimit && page < MAX_ROW_LIMIT / DEFAULT_ROW_LIMIT + 1; page++) {
      const token = nextToken;
      const more = await this.callWithRetries('GetQueryResults', () =>
        this.client.send(new GetQueryResultsCommand({ queryId, nextToken: token })),
      );
      rows.push(...toRows(more?.results));
      nextToken = more?.nextToken;
    }
    const statistics = totals(last.statistics);
    this.budget.recordScanned(statistics.bytesScanned, windowMs);
    const truncated = rows.length >= rowLimit;
    const problems: string[] = [];
    if (status !== 'Complete') {
      problems.push(`Logs Insights query ${queryId} over ${describeGroups(groups)} ended with status ${status}; its ${rows.length} rows may be partial`);
    }
    if (truncated) {
      problems.push(`Logs Insights results cut at the row limit (${rowLimit} rows) for a query over ${describeGroups(groups)}; counts from it are partial`);
    }
    return { rows: rows.slice(0, Math.max(rowLimit, 0)), status, statistics, truncated, queryIds: [queryId], groups, missing: [], outsideRetention: [], problems };
  }

  /** StopQuery past the maximum wait; a failure here changes nothing (the query may have just ended). */
  private async stop(queryId: string): Promise<void> {
    try {
      await this.callWithRetries('StopQuery', () => this.client.send(new StopQueryCommand({ queryId })));
    } catch {
      // Recorded in the call log already; the outcome says the query was stopped for taking too long either way.
    }
  }

  /** One call, recorded, retried with backoff and jitter on throttling and server-side errors. */
  private async callWithRetries<T>(action: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const started = this.now();
      try {
        const result = await call();
        this.calls.record(SERVICE, action, this.now() - started, 'ok');
        return result;
      } catch (error) {
        this.calls.record(SERVICE, action, this.now() - started, 'error', errorName(error));
        if (!isTransient(error) || attempt >= this.transientRetries) throw error;
        await this.sleep(backoffDelay(attempt, this.transientPolicy, this.random));
      }
    }
  }
}

interface PartOutcome {
  rows: Record<string, string>[];
  status: TerminalStatus | 'NoLogGroups';
  statistics: QueryStatisticsTotals;
  truncated: boolean;
  queryIds: string[];
  groups: string[];
  missing: string[];
  outsideRetention: string[];
  problems: string[];
}

type StartResult =
  | { kind: 'started'; queryId: string; groups: string[]; missing: string[]; outsideRetention: string[] }
  | { kind: 'none'; missing: string[]; outsideRetention: string[] }
  | { kind: 'split'; groups: string[]; missing: string[]; outsideRetention: string[] };

function emptyPart(): PartOutcome {
  return {
    rows: [],
    status: 'NoLogGroups',
    statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
    truncated: false,
    queryIds: [],
    groups: [],
    missing: [],
    outsideRetention: [],
    problems: [],
  };
}

/** Worst first: the merged status is the worst status of the queries that ran. */
const STATUS_SEVERITY: Record<QueryOutcomeStatus, number> = { Failed: 5, Timeout: 4, Cancelled: 3, Unknown: 2, Complete: 1, NoLogGroups: 0 };

function mergeParts(parts: PartOutcome[], requested: string[]): QueryOutcome {
  const outcome: QueryOutcome = {
    rows: [],
    status: 'NoLogGroups',
    statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
    truncated: false,
    queryIds: [],
    logGroupNames: [],
    missingLogGroups: [],
    logGroupsOutsideRetention: [],
    problems: [],
  };
  for (const part of parts) {
    outcome.rows.push(...part.rows);
    if (STATUS_SEVERITY[part.status] > STATUS_SEVERITY[outcome.status]) outcome.status = part.status;
    outcome.statistics.recordsMatched += part.statistics.recordsMatched;
    outcome.statistics.recordsScanned += part.statistics.recordsScanned;
    outcome.statistics.bytesScanned += part.statistics.bytesScanned;
    outcome.truncated ||= part.truncated;
    outcome.queryIds.push(...part.queryIds);
    outcome.logGroupNames.push(...part.groups);
    outcome.missingLogGroups.push(...part.missing);
    outcome.logGroupsOutsideRetention.push(...part.outsideRetention);
    outcome.problems.push(...part.problems);
  }
  for (const group of outcome.missingLogGroups) {
    outcome.problems.push(`log group ${group} does not exist (ResourceNotFoundException); it was left out of the Logs Insights query`);
  }
  for (const group of outcome.logGroupsOutsideRetention) {
    outcome.problems.push(
      `log group ${group} holds nothing in the time range (it was created later or its retention has expired the events); it was left out of the Logs Insights query`,
    );
  }
  if (requested.length > 0 && outcome.logGroupNames.length === 0) {
    outcome.problems.push(`no Logs Insights query ran: none of ${describeGroups(requested)} could be queried`);
  }
  return outcome;
}

/** Rows as objects; "@ptr" (an opaque pointer for GetLogRecord) left out, fields without a name skipped. */
export function toRows(results: ResultField[][] | undefined): Record<string, string>[] {
  if (!Array.isArray(results)) return [];
  return results.map((row) => {
    const out: Record<string, string> = {};
    for (const cell of Array.isArray(row) ? row : []) {
      if (typeof cell?.field !== 'string' || cell.field === '@ptr') continue;
      out[cell.field] = typeof cell.value === 'string' ? cell.value : '';
    }
    return out;
  });
}

function totals(statistics: GetQueryResultsCommandOutput['statistics']): QueryStatisticsTotals {
  const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);
  return {
    recordsMatched: number(statistics?.recordsMatched),
    recordsScanned: number(statistics?.recordsScanned),
    bytesScanned: number(statistics?.bytesScanned),
  };
}

function isTerminal(status: string | undefined): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status ?? '');
}

/** The row count at which results count as cut: the request's limit, the query's own trailing `| limit N`, or 10,000. */
export function effectiveRowLimit(request: Pick<QueryRequest, 'limit' | 'queryString'>): number {
  const own = /\|\s*limit\s+(\d+)\s*$/i.exec(request.queryString.replace(/\s*#[^\n]*$/gm, '').trimEnd());
  const inQuery = own?.[1] !== undefined ? Number(own[1]) : undefined;
  const requested = request.limit !== undefined ? Math.min(request.limit, MAX_ROW_LIMIT) : DEFAULT_ROW_LIMIT;
  return inQuery !== undefined ? Math.min(inQuery, requested) : requested;
}

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const record = error as { name?: unknown; code?: unknown };
    if (typeof record.name === 'string' && record.name !== 'Error') return record.name;
    if (typeof record.code === 'string') return record.code;
  }
  return 'Error';
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const record = error as { message?: unknown; Message?: unknown };
    if (typeof record.message === 'string' && record.message.length > 0) return record.message;
    if (typeof record.Message === 'string') return record.Message;
  }
  return String(error);
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'InternalServerException',
  'InternalFailure',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

/** Errors that clear by themselves. LimitExceededException is handled on its own (it is about StartQuery's concurrency). */
function isTransient(error: unknown): boolean {
  if (TRANSIENT_NAMES.has(errorName(error))) return true;
  if (typeof error === 'object' && error !== null) {
    const record = error as { $fault?: unknown; $metadata?: { httpStatusCode?: unknown } };
    if (record.$fault === 'server') return true;
    const status = record.$metadata?.httpStatusCode;
    if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
  }
  return false;
}

/**
 * StartQuery on a log group that does not exist: ResourceNotFoundException "Log group 'NAME' does not exist for
 * account ID '123456789012'" (seen in public lab notes and tests, 2024–2026); older answers were
 * InvalidParameterException with the same text, and moto says "The specified log group does not exist.".
 */
function isMissingLogGroup(name: string, message: string): boolean {
  if (name === 'ResourceNotFoundException') return true;
  return name === 'InvalidParameterException' && /does not exist/i.test(message);
}

/**
 * MalformedQueryException "Query's end date and time is either before the log groups creation time or exceeds the
 * log groups log retention settings ([0,79])": a fact about the data, not a bad query.
 */
function isOutsideRetention(name: string, message: string): boolean {
  return (name === 'MalformedQueryException' || name === 'InvalidParameterException') && /creation time|log retention/i.test(message);
}

/** The requested groups that an error message names ('NAME', or an ARN ending in log-group:NAME[:*]). */
function groupsNamedIn(message: string, groups: string[]): string[] {
  const named = [...message.matchAll(/log ?group[: ]+'([^']+)'/gi)].map((match) => normalizeGroup(match[1] ?? ''));
  return groups.filter((group) => named.includes(normalizeGroup(group)));
}

function normalizeGroup(group: string): string {
  return group.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '');
}

function typedError(action: string, error: unknown, queryString: string): Error {
  const name = errorName(error);
  const message = errorMessage(error);
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedOperation') {
    return new LogsAccessDeniedError(`logs:${action}`, message);
  }
  if (name === 'MalformedQueryException') return new MalformedQueryError(queryString, message);
  return new LogsCallError(`logs:${action}`, name, message);
}

function describeGroups(groups: readonly string[]): string {
  if (groups.length <= 3) return groups.join(', ');
  return `${groups.slice(0, 3).join(', ')} and ${groups.length - 3} more log groups`;
}
