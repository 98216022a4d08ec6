import {
  AccessDeniedException,
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  InvalidParameterException,
  LimitExceededException,
  MalformedQueryException,
  ResourceNotFoundException,
  StartQueryCommand,
  StopQueryCommand,
  ThrottlingException,
  type StartQueryCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { allCustomMatcher } from 'aws-sdk-client-mock-vitest';
import { beforeEach, describe, expect, it } from 'vitest';
import { BudgetExceededError, LogsAccessDeniedError, MalformedQueryError, QueryConcurrencyError } from './errors.ts';
import { LogsInsightsRunner, effectiveRowLimit, type LogsInsightsRunnerOptions } from './LogsInsightsRunner.ts';
import { QueryBudget } from './QueryBudget.ts';
import { FakeClock, PTR, RecordedCalls, accessLogRow, queryResults, resultRow } from './testKit.ts';

expect.extend(allCustomMatcher);

const logs = mockClient(CloudWatchLogsClient);
const METADATA = { httpStatusCode: 400, requestId: 'b1a7c3de-4f5a-4b6c-8d7e-9f0a1b2c3d4e', attempts: 1, totalRetryDelay: 0 };

const QUERY = 'fields @timestamp, @message, @logStream, @log\n| filter @message like /\\((?:b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c)\\)/\n| sort @timestamp asc\n| limit 10000';
const START = Date.UTC(2026, 2, 10, 13, 45, 0, 250);
const END = Date.UTC(2026, 2, 10, 14, 15, 0, 750);
const EXEC_GROUP = 'API-Gateway-Execution-Logs_a1b2c3d4e5/prod';
const LAMBDA_GROUP = '/aws/lambda/orders-fn';

let clock: FakeClock;
let calls: RecordedCalls;
let budget: QueryBudget;

function runner(options: LogsInsightsRunnerOptions = {}): LogsInsightsRunner {
  return new LogsInsightsRunner(new CloudWatchLogsClient({ region: 'us-east-1' }), calls, budget, {
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    ...options,
  });
}

function request(groups: string[] = [EXEC_GROUP], extra: { limit?: number; queryString?: string } = {}) {
  return { logGroupNames: groups, queryString: extra.queryString ?? QUERY, startTime: START, endTime: END, ...(extra.limit !== undefined ? { limit: extra.limit } : {}) };
}

// Execution log lines as Logs Insights returns them (API_GATEWAY_LOG_SHAPES.md §1.1, source A; @log is "account:group").
const EXEC_ROWS = [
  resultRow({
    '@timestamp': '2026-03-10 14:04:37.296',
    '@message': '(b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c) Extended Request Id: Vwc2MGFUrPEFV_g=',
    '@logStream': '0cc175b9c0f1b6a831c399e269772661',
    '@log': `123456789012:${EXEC_GROUP}`,
  }),
  resultRow({
    '@timestamp': '2026-03-10 14:04:40.301',
    '@message': '(b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c) Execution failed due to a timeout error',
    '@logStream': '0cc175b9c0f1b6a831c399e269772661',
    '@log': `123456789012:${EXEC_GROUP}`,
  }),
];

beforeEach(() => {
  logs.reset();
  clock = new FakeClock();
  calls = new RecordedCalls();
  budget = new QueryBudget();
});

describe('LogsInsightsRunner: polling', () => {
  it('waits through Scheduled and several Running polls, then returns the Complete rows without @ptr', async () => {
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: '12ab3456-12ab-123a-789e-1234567890ab' });
    logs
      .on(GetQueryResultsCommand)
      .resolvesOnce(queryResults('Scheduled'))
      .resolvesOnce(queryResults('Running'))
      .resolvesOnce(queryResults('Running', [EXEC_ROWS[0] ?? []], { recordsMatched: 1, recordsScanned: 500, bytesScanned: 90_000 }))
      .resolvesOnce(queryResults('Running', [EXEC_ROWS[0] ?? []], { recordsMatched: 1, recordsScanned: 2_000, bytesScanned: 350_000 }))
      .resolves(queryResults('Complete', EXEC_ROWS, { recordsMatched: 2, recordsScanned: 4_210, bytesScanned: 771_048 }));

    const outcome = await runner().run(request());

    expect(outcome.status).toBe('Complete');
    expect(outcome.rows).toEqual([
      {
        '@timestamp': '2026-03-10 14:04:37.296',
        '@message': '(b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c) Extended Request Id: Vwc2MGFUrPEFV_g=',
        '@logStream': '0cc175b9c0f1b6a831c399e269772661',
        '@log': `123456789012:${EXEC_GROUP}`,
      },
      {
        '@timestamp': '2026-03-10 14:04:40.301',
        '@message': '(b8e3c0a4-1d2e-4f5a-9b6c-7d8e9f0a1b2c) Execution failed due to a timeout error',
        '@logStream': '0cc175b9c0f1b6a831c399e269772661',
        '@log': `123456789012:${EXEC_GROUP}`,
      },
    ]);
    expect(JSON.stringify(outcome.rows)).not.toContain(PTR);
    expect(outcome.statistics).toEqual({ recordsMatched: 2, recordsScanned: 4_210, bytesScanned: 771_048 });
    expect(outcome.truncated).toBe(false);
    expect(outcome.queryIds).toEqual(['12ab3456-12ab-123a-789e-1234567890ab']);
    expect(outcome.problems).toEqual([]);
    expect(logs).toHaveReceivedCommandTimes(GetQueryResultsCommand, 5);
    expect(logs).toHaveReceivedCommandWith(GetQueryResultsCommand, { queryId: '12ab3456-12ab-123a-789e-1234567890ab' });
    // StartQuery takes epoch seconds: the start rounded down and the end up, so the range still covers both ends.
    expect(logs).toHaveReceivedCommandWith(StartQueryCommand, {
      logGroupNames: [EXEC_GROUP],
      queryString: QUERY,
      startTime: Math.floor(START / 1000),
      endTime: Math.ceil(END / 1000),
    });
    // 250 ms doubling to 2 s.
    expect(clock.sleeps).toEqual([250, 500, 1_000, 2_000, 2_000]);
    expect(logs).not.toHaveReceivedCommand(StopQueryCommand);
    expect(budget.spentBytes).toBe(771_048);
    expect(budget.queries).toBe(1);
    expect(calls.count('StartQuery', 'ok')).toBe(1);
    expect(calls.count('GetQueryResults', 'ok')).toBe(5);
    expect(calls.calls.every((call) => call.service === 'logs')).toBe(true);
  });

  it.each(['Failed', 'Cancelled', 'Timeout', 'Unknown'] as const)('treats %s as terminal and reports it', async (status) => {
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: 'q-terminal' });
    logs
      .on(GetQueryResultsCommand)
      .resolvesOnce(queryResults('Running'))
      .resolvesOnce(queryResults(status, [EXEC_ROWS[0] ?? []], { recordsMatched: 1, recordsScanned: 10, bytesScanned: 2_048 }))
      .resolves(queryResults('Complete', EXEC_ROWS));

    const outcome = await runner().run(request());

    expect(outcome.status).toBe(status);
    expect(outcome.rows).toHaveLength(1);
    expect(outcome.problems).toEqual([expect.stringContaining(`ended with status ${status}`)]);
    expect(logs).toHaveReceivedCommandTimes(GetQueryResultsCommand, 2);
    expect(budget.spentBytes).toBe(2_048);
  });

  it('stops a query that is still running after the maximum wait and reports a timeout with the partial rows', async () => {
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: 'q-slow' });
    logs.on(GetQueryResultsCommand).resolves(queryResults('Running', [EXEC_ROWS[0] ?? []], { recordsMatched: 1, recordsScanned: 9e6, bytesScanned: 4e9 }));
    logs.on(StopQueryCommand).resolves({ $metadata: METADATA, success: true });

    const outcome = await runner({ maxWaitMs: 60_000 }).run(request());

    expect(outcome.status).toBe('Timeout');
    expect(outcome.rows).toHaveLength(1);
    expect(outcome.problems).toEqual([expect.stringMatching(/did not finish within 60 s \(still Running\).*stopped/)]);
    expect(logs).toHaveReceivedCommandWith(StopQueryCommand, { queryId: 'q-slow' });
    // Scanned bytes count even for a stopped query.
    expect(budget.spentBytes).toBe(4e9);
    const waited = clock.sleeps.reduce((sum, ms) => sum + ms, 0);
    expect(waited).toBeGreaterThanOrEqual(60_000);
    expect(waited).toBeLessThan(60_000 + 2_001);
  });

  it('takes its time from a LiveClock', async () => {
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: 'q-clock' });
    logs.on(GetQueryResultsCommand).resolvesOnce(queryResults('Running')).resolves(queryResults('Complete', EXEC_ROWS));
    const slept: number[] = [];
    const liveClock = {
      time: 0,
      now() {
        return this.time;
      },
      sleep(ms: number) {
        slept.push(ms);
        this.time += ms;
        return Promise.resolve();
      },
      random: () => 0,
    };

    const outcome = await new LogsInsightsRunner(new CloudWatchLogsClient({ region: 'us-east-1' }), calls, budget, { clock: liveClock }).run(request());

    expect(outcome.status).toBe('Complete');
    expect(slept).toEqual([250, 500]);
  });

  it('retries GetQueryResults when it is throttled', async () => {
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: 'q-throttled' });
    logs
      .on(GetQueryResultsCommand)
      .rejectsOnce(new ThrottlingException({ $metadata: METADATA, message: 'Rate exceeded' }))
      .resolves(queryResults('Complete', EXEC_ROWS));

    const outcome = await runner().run(request());

    expect(outcome.status).toBe('Complete');
    expect(calls.count('GetQueryResults', 'error')).toBe(1);
    expect(calls.calls.find((call) => call.outcome === 'error')?.errorName).toBe('ThrottlingException');
  });

  it('follows nextToken when the limit is above one page of 10,000 rows', async () => {
    const page1 = Array.from({ length: 10_000 }, (_, i) => accessLogRow(i));
    const page2 = Array.from({ length: 2_000 }, (_, i) => accessLogRow(10_000 + i));
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: 'q-pages' });
    logs.on(GetQueryResultsCommand).callsFake((input: { queryId: string; nextToken?: string }) =>
      input.nextToken === 'AYADeA1...page2'
        ? queryResults('Complete', page2)
        : queryResults('Complete', page1, { recordsMatched: 12_000, recordsScanned: 12_000, bytesScanned: 6e6 }, 'AYADeA1...page2'),
    );

    const outcome = await runner().run(request(['/aws/apigateway/orders-api-access'], { limit: 50_000, queryString: 'fields @timestamp, @message' }));

    expect(outcome.rows).toHaveLength(12_000);
    expect(outcome.truncated).toBe(false);
    expect(logs).toHaveReceivedCommandWith(GetQueryResultsCommand, { queryId: 'q-pages', nextToken: 'AYADeA1...page2' });
    expect(outcome.statistics.bytesScanned).toBe(6e6);
  });
});

describe('LogsInsightsRunner: StartQuery errors', () => {
  it('retries LimitExceededException with backoff and jitter, then runs the query', async () => {
    // Message as Grafana's CloudWatch datasource tests quote StartQuery's answer.
    const full = () =>
      new LimitExceededException({ $metadata: METADATA, message: 'Account maximum query concurrency limit of [30] reached.' });
    logs
      .on(StartQueryCommand)
      .rejectsOnce(full())
      .rejectsOnce(full())
      .resolves({ $metadata: METADATA, queryId: 'q-after-wait' });
    logs.on(GetQueryResultsCommand).resolves(queryResults('Complete', EXEC_ROWS));

    const outcome = await runner({ random: () => 0.25 }).run(request());

    expect(outcome.status).toBe('Complete');
    expect(logs).toHaveReceivedCommandTimes(StartQueryCommand, 3);
    // 1 s then 2 s, each half fixed and half jitter: 500 + 0.25 * 500, 1000 + 0.25 * 1000.
    expect(clock.sleeps.slice(0, 2)).toEqual([625, 1_250]);
    expect(calls.count('StartQuery', 'error')).toBe(2);
    expect(budget.queries).toBe(1);
  });

  it('gives up on LimitExceededException after its retries with a typed error', async () => {
    logs
      .on(StartQueryCommand)
      .rejects(new LimitExceededException({ $metadata: METADATA, message: 'Account maximum query concurrency limit of [30] reached.' }));

    const error = await runner({ limitRetries: 3 })
      .run(request())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(QueryConcurrencyError);
    expect((error as QueryConcurrencyError).attempts).toBe(4);
    expect((error as Error).message).toContain('concurrency limit of [30]');
    expect(logs).toHaveReceivedCommandTimes(StartQueryCommand, 4);
  });

  it('turns MalformedQueryException into a typed error that carries the query text', async () => {
    // Message as Grafana's CloudWatch tests quote it.
    logs
      .on(StartQueryCommand)
      .rejects(new MalformedQueryException({ $metadata: METADATA, message: 'unexpected symbol found bad at line 1 and position 843' }));

    const error = await runner()
      .run(request())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MalformedQueryError);
    expect((error as MalformedQueryError).queryString).toBe(QUERY);
    expect((error as MalformedQueryError).serviceMessage).toContain('position 843');
    expect(logs).not.toHaveReceivedCommand(GetQueryResultsCommand);
  });

  it('drops a log group that does not exist, named in the message, runs without it and reports it', async () => {
    // "Log group 'aws-waf-logs-…' does not exist for account ID '198547498722'": aws logs start-query in public lab
    // notes (2026); the same wording in public tests of Logs Insights wrappers.
    const gone = '/aws/lambda/orders-fn-old';
    logs
      .on(StartQueryCommand)
      .rejectsOnce(
        new ResourceNotFoundException({ $metadata: METADATA, message: `Log group '${gone}' does not exist for account ID '123456789012'` }),
      )
      .resolves({ $metadata: METADATA, queryId: 'q-without-gone' });
    logs.on(GetQueryResultsCommand).resolves(queryResults('Complete', EXEC_ROWS));

    const outcome = await runner().run(request([LAMBDA_GROUP, gone, '/aws/lambda/payments-fn']));

    expect(outcome.status).toBe('Complete');
    expect(outcome.missingLogGroups).toEqual([gone]);
    expect(outcome.logGroupNames).toEqual([LAMBDA_GROUP, '/aws/lambda/payments-fn']);
    expect(outcome.problems).toEqual([expect.stringContaining(`log group ${gone} does not exist`)]);
    expect(logs).toHaveReceivedNthCommandWith(StartQueryCommand, 2, { logGroupNames: [LAMBDA_GROUP, '/aws/lambda/payments-fn'] });
    expect(outcome.rows).toHaveLength(2);
  });

  it('finds a missing log group the message does not name by querying halves', async () => {
    const groups = ['/aws/lambda/a', '/aws/lambda/b', '/aws/lambda/gone', '/aws/lambda/d'];
    logs.on(StartQueryCommand).callsFake((input: StartQueryCommandInput) => {
      if (input.logGroupNames?.includes('/aws/lambda/gone')) {
        // moto's wording, and older answers' (no group named).
        throw new ResourceNotFoundException({ $metadata: METADATA, message: 'The specified log group does not exist.' });
      }
      return { queryId: `q-${(input.logGroupNames ?? []).join(',')}` };
    });
    logs.on(GetQueryResultsCommand).resolves(queryResults('Complete', [EXEC_ROWS[0] ?? []], { recordsMatched: 1, recordsScanned: 10, bytesScanned: 1_000 }));

    const outcome = await runner().run(request(groups));

    expect(outcome.missingLogGroups).toEqual(['/aws/lambda/gone']);
    expect([...outcome.logGroupNames].sort()).toEqual(['/aws/lambda/a', '/aws/lambda/b', '/aws/lambda/d']);
    expect(outcome.status).toBe('Complete');
    expect(outcome.statistics.bytesScanned).toBe(outcome.queryIds.length * 1_000);
    expect(outcome.rows).toHaveLength(outcome.queryIds.length);
  });

  it('accepts the older InvalidParameterException wording for a missing group', async () => {
    // Quoted in a public shell script's comment (deepracer leaderboard query), with the Java SDK's suffix.
    logs
      .on(StartQueryCommand)
      .rejectsOnce(
        new InvalidParameterException({
          $metadata: METADATA,
          message: "Log group '/aws/deepracer/leaderboard/SimulationJobs' does not exist for account ID '123456789012' (Service: AWSLogs; Status Code: 400; Error Code: InvalidParameterException)",
        }),
      )
      .resolves({ $metadata: METADATA, queryId: 'q-2' });
    logs.on(GetQueryResultsCommand).resolves(queryResults('Complete'));

    const outcome = await runner().run(request(['/aws/deepracer/leaderboard/SimulationJobs', LAMBDA_GROUP]));

    expect(outcome.missingLogGroups).toEqual(['/aws/deepracer/leaderboard/SimulationJobs']);
    expect(outcome.status).toBe('Complete');
  });

  it('reports NoLogGroups when every group is missing', async () => {
    logs
      .on(StartQueryCommand)
      .rejects(new ResourceNotFoundException({ $metadata: METADATA, message: `Log group '${LAMBDA_GROUP}' does not exist for account ID '123456789012'` }));

    const outcome = await runner().run(request([LAMBDA_GROUP]));

    expect(outcome.status).toBe('NoLogGroups');
    expect(outcome.rows).toEqual([]);
    expect(outcome.missingLogGroups).toEqual([LAMBDA_GROUP]);
    expect(outcome.problems).toContainEqual(expect.stringContaining('no Logs Insights query ran'));
    expect(logs).not.toHaveReceivedCommand(GetQueryResultsCommand);
  });

  it('leaves out a log group whose retention excludes the time range', async () => {
    // MalformedQueryException wording as several public Logs Insights wrappers' tests quote it.
    logs
      .on(StartQueryCommand)
      .rejects(
        new MalformedQueryException({
          $metadata: METADATA,
          message: "Query's end date and time is either before the log groups creation time or exceeds the log groups log retention settings ([0,79])",
        }),
      );

    const outcome = await runner().run(request([EXEC_GROUP]));

    expect(outcome.status).toBe('NoLogGroups');
    expect(outcome.logGroupsOutsideRetention).toEqual([EXEC_GROUP]);
    expect(outcome.problems).toContainEqual(expect.stringContaining('retention'));
  });

  it('turns AccessDeniedException into a typed error naming the IAM action', async () => {
    // IAM's wording, as a public redaction test quotes it for logs:StartQuery (role name and account replaced).
    logs.on(StartQueryCommand).rejects(
      new AccessDeniedException({
        $metadata: METADATA,
        message:
          'User: arn:aws:sts::123456789012:assumed-role/apigw-doctor/cli is not authorized to perform: logs:StartQuery on resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders-fn:* because no identity-based policy allows the logs:StartQuery action',
      }),
    );

    const error = await runner()
      .run(request())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LogsAccessDeniedError);
    expect((error as LogsAccessDeniedError).action).toBe('logs:StartQuery');
    expect((error as Error).message).toContain('add it to the policy');
  });

  it('turns AccessDenied on GetQueryResults into a typed error and stops the query', async () => {
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: 'q-denied' });
    logs.on(GetQueryResultsCommand).rejects(new AccessDeniedException({ $metadata: METADATA, message: 'User is not authorized to perform: logs:GetQueryResults' }));
    logs.on(StopQueryCommand).resolves({ $metadata: METADATA, success: true });

    const error = await runner()
      .run(request())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LogsAccessDeniedError);
    expect((error as LogsAccessDeniedError).action).toBe('logs:GetQueryResults');
    expect(logs).toHaveReceivedCommandWith(StopQueryCommand, { queryId: 'q-denied' });
  });
});

describe('LogsInsightsRunner: limits and budget', () => {
  it('marks 10,000 rows as truncated and says so', async () => {
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: 'q-full' });
    logs.on(GetQueryResultsCommand).resolves(
      queryResults('Complete', Array.from({ length: 10_000 }, (_, i) => accessLogRow(i)), { recordsMatched: 48_311, recordsScanned: 48_311, bytesScanned: 31e6 }),
    );

    const outcome = await runner().run(request(['/aws/apigateway/orders-api-access'], { queryString: 'fields @timestamp, @message' }));

    expect(outcome.rows).toHaveLength(10_000);
    expect(outcome.truncated).toBe(true);
    expect(outcome.problems).toEqual([expect.stringContaining('cut at the row limit (10000 rows)')]);
  });

  it('does not mark 9,999 rows as truncated', async () => {
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: 'q-almost' });
    logs.on(GetQueryResultsCommand).resolves(queryResults('Complete', Array.from({ length: 9_999 }, (_, i) => accessLogRow(i))));

    const outcome = await runner().run(request(['/aws/apigateway/orders-api-access'], { queryString: 'fields @timestamp, @message' }));

    expect(outcome.truncated).toBe(false);
  });

  it('compares against the limit of the request and of the query text', () => {
    expect(effectiveRowLimit({ queryString: 'fields @message | limit 20' })).toBe(20);
    expect(effectiveRowLimit({ queryString: 'fields @message\n| limit 20\n# sampled' })).toBe(20);
    expect(effectiveRowLimit({ queryString: 'fields @message', limit: 5 })).toBe(5);
    expect(effectiveRowLimit({ queryString: 'fields @message' })).toBe(10_000);
    expect(effectiveRowLimit({ queryString: 'fields @message', limit: 500_000 })).toBe(100_000);
  });

  it('adds the bytes of every finished query to the budget and counts the queries', async () => {
    logs.on(StartQueryCommand).resolvesOnce({ $metadata: METADATA, queryId: 'q1' }).resolves({ $metadata: METADATA, queryId: 'q2' });
    logs.on(GetQueryResultsCommand, { queryId: 'q1' }).resolves(queryResults('Complete', [], { recordsMatched: 0, recordsScanned: 1_000, bytesScanned: 300_000_000 }));
    logs.on(GetQueryResultsCommand, { queryId: 'q2' }).resolves(queryResults('Complete', [], { recordsMatched: 0, recordsScanned: 2_000, bytesScanned: 250_000_000 }));
    const insights = runner();

    await insights.run(request());
    await insights.run(request([LAMBDA_GROUP]));

    expect(budget.spentBytes).toBe(550_000_000);
    expect(budget.queries).toBe(2);
    expect(budget.remaining()).toBe(1024 ** 3 - 550_000_000);
    expect(budget.exceeded()).toBe(false);
  });

  it('refuses new queries once the budget is exceeded', async () => {
    budget = new QueryBudget(500_000_000);
    logs.on(StartQueryCommand).resolves({ $metadata: METADATA, queryId: 'q-costly' });
    logs.on(GetQueryResultsCommand).resolves(queryResults('Complete', [], { recordsMatched: 0, recordsScanned: 9e6, bytesScanned: 600_000_000 }));
    const insights = runner();
    await insights.run(request());

    const error = await insights.run(request([LAMBDA_GROUP])).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).spentBytes).toBe(600_000_000);
    expect((error as Error).message).toMatch(/572 MB scanned by 1 query \(budget 477 MB\)/);
    expect(logs).toHaveReceivedCommandTimes(StartQueryCommand, 1);
  });

  it('splits more than 50 log groups into several queries and merges their rows and statistics', async () => {
    const groups = Array.from({ length: 120 }, (_, i) => `/aws/lambda/fn-${String(i).padStart(3, '0')}`);
    logs.on(StartQueryCommand).callsFake((input: StartQueryCommandInput) => ({ queryId: `q-${input.logGroupNames?.[0]}` }));
    logs.on(GetQueryResultsCommand).resolves(queryResults('Complete', EXEC_ROWS, { recordsMatched: 2, recordsScanned: 100, bytesScanned: 10_000 }));

    const outcome = await runner().run(request(groups));

    expect(logs).toHaveReceivedCommandTimes(StartQueryCommand, 3);
    const sizes = logs.commandCalls(StartQueryCommand).map((call) => call.args[0].input.logGroupNames?.length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(outcome.queryIds).toHaveLength(3);
    expect(outcome.rows).toHaveLength(6);
    expect(outcome.statistics).toEqual({ recordsMatched: 6, recordsScanned: 300, bytesScanned: 30_000 });
    expect(outcome.logGroupNames).toEqual(groups);
    expect(budget.queries).toBe(3);
  });

  it('runs at most maxConcurrentQueries queries at once, across callers', async () => {
    let active = 0;
    let peak = 0;
    const polls = new Map<string, number>();
    logs.on(StartQueryCommand).callsFake((input: StartQueryCommandInput) => {
      active++;
      peak = Math.max(peak, active);
      return { queryId: `q-${input.logGroupNames?.[0]}` };
    });
    logs.on(GetQueryResultsCommand).callsFake((input: { queryId: string }) => {
      const seen = (polls.get(input.queryId) ?? 0) + 1;
      polls.set(input.queryId, seen);
      if (seen < 3) return queryResults('Running');
      active--;
      return queryResults('Complete', EXEC_ROWS);
    });
    const insights = runner({ maxConcurrentQueries: 4 });

    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => insights.run(request([`/aws/lambda/fn-${i}`]))));

    expect(outcomes.every((outcome) => outcome.status === 'Complete')).toBe(true);
    expect(peak).toBe(4);
    expect(insights.concurrency.peak).toBe(4);
    expect(logs).toHaveReceivedCommandTimes(StartQueryCommand, 10);
  });
});
