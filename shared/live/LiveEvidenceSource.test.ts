import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { GetDeploymentsCommand } from '@aws-sdk/client-api-gateway';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { BatchGetTracesCommand } from '@aws-sdk/client-xray';
import { diagnose } from '../diagnose.ts';
import { ApiNotFoundError } from './apiScopeErrors.ts';
import { LiveEvidenceSource, type LiveProgress } from './LiveEvidenceSource.ts';
import { ACCESS_GROUP, EXECUTION_GROUP, FAILING, LAMBDA_IDS, ORDERS_GROUP, TRACE_IDS, WINDOW, accountEvents, fakeClock, installAccount, mockedClients, mocks } from './mockedAccount.ts';
import { REST_API_ID } from './liveFixtures.ts';

function source(options: ConstructorParameters<typeof LiveEvidenceSource>[2] = {}) {
  const clients = mockedClients();
  const clock = fakeClock();
  const live = new LiveEvidenceSource(clients, { api: REST_API_ID, stage: 'prod', window: WINDOW }, { clock, logsClientInstrumented: false, region: 'us-east-1', ...options });
  return { live, clients, clock };
}

describe('LiveEvidenceSource over a mocked account (every client mocked)', () => {
  beforeEach(() => {
    installAccount();
  });

  it('finds every failing record with ONE query, samples, reads the sample in depth, and the engine names the cause', async () => {
    const seen = installAccount();
    const { live, clients } = source();
    const diagnosis = await diagnose(live, { apiId: REST_API_ID, stage: 'prod', from: WINDOW.start, to: WINDOW.end });

    expect(diagnosis.rootCause.id).toBe('lambda-timeout');
    expect(diagnosis.failingRequests.total).toBe(2);
    expect(diagnosis.findings.map((f) => [f.id, f.requestCount])).toEqual([['lambda-timeout', 2]]);
    expect(new Set(diagnosis.failingRequests.sampled)).toEqual(new Set(FAILING));

    // Phase 2: one query over the access log, raw messages of the failing records only, over the whole window.
    const [failing, ...rest] = seen.queries;
    expect(failing?.groups).toEqual([ACCESS_GROUP]);
    expect(failing?.query).toMatch(/^parse @message .*\n\| fields coalesce\(.*\) as gwStatus/s);
    expect(failing?.query).toContain('| filter gwStatus like /^5\\d\\d$/\n| fields @timestamp, @message, @log, @logStream\n| sort @timestamp asc\n| limit 10000');
    expect(failing?.start).toBe(WINDOW.start);
    // Phase 3: the sample's execution lines over a narrow range; phase 4: the Lambda lines they name.
    expect(rest.map((q) => new Set(q.groups))).toEqual([new Set([EXECUTION_GROUP]), new Set([ORDERS_GROUP, '/aws/lambda/auth-fn', '/aws/lambda/catalog-fn'])]);
    expect(rest[0]?.query).toContain(`filter @message like /\\((?:${FAILING[0]}|${FAILING[1]})\\)/`);
    expect(rest[1]?.query).toContain(LAMBDA_IDS[0]);
    expect(rest[1]?.query).toContain(LAMBDA_IDS[1]);
    for (const q of rest) expect(q.end - q.start).toBeLessThan(WINDOW.end - WINDOW.start);
    expect(live.phases.map((p) => p.name.split(':')[0])).toEqual(['scope', 'failing requests', 'correlation', 'follow-up']);

    // Queries went Scheduled → Running → Running → Complete; the sampled traces came in one batch.
    expect(mocks.logs).toHaveReceivedCommandTimes(StartQueryCommand, 3);
    expect(mocks.logs).toHaveReceivedCommandTimes(GetQueryResultsCommand, 12);
    expect(mocks.xray).toHaveReceivedCommandWith(BatchGetTracesCommand, { TraceIds: [...TRACE_IDS] });
    expect(live.spend()).toMatchObject({ queries: 3, apiCalls: clients.callLog.count });
    expect(live.spend().bytesScanned).toBeGreaterThan(0);
    expect(clients.callLog.calls().find((c) => c.action === 'GetQueryResults')?.count).toBe(12);
  });

  it('keeps every document by its bundle path, pages joined (deployments, metrics, CloudTrail)', async () => {
    const { live } = source();
    await live.gather();
    expect(Object.keys(live.documents).sort()).toEqual([
      'api/deployments.json',
      'api/export.json',
      'api/stage.json',
      'changes/lookup-events.json',
      'functions/auth-fn.json',
      'functions/catalog-fn.json',
      'functions/orders-fn.json',
      'functions/orders-fn@live.json',
      'metrics/apigateway.json',
      'metrics/lambda.json',
      'traces/batch-get-traces.json',
      'traces/trace-summaries.json',
    ]);
    expect(mocks.apiGateway).toHaveReceivedCommandTimes(GetDeploymentsCommand, 2);
    expect((live.documents['api/deployments.json'] as { items: { id: string }[] }).items.map((d) => d.id)).toEqual(['7d3338', 'f171d7']);
    expect(mocks.cloudWatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    const api5xx = (live.documents['metrics/apigateway.json'] as { MetricDataResults: { Id: string; Values: number[] }[] }).MetricDataResults.find((r) => r.Id === 'api_5xx');
    expect(api5xx?.Values).toEqual([1, 1]);
    const events = (live.documents['changes/lookup-events.json'] as { Events: { EventName: string }[] }).Events.map((e) => e.EventName);
    expect(events).toEqual(['UpdateFunctionCode20150331v2', 'UpdateFunctionConfiguration20150331v2']);
    // Changes are looked up before the window start (2 h lookback), until its end.
    expect(mocks.cloudTrail).toHaveReceivedCommandWith(LookupEventsCommand, { StartTime: new Date(WINDOW.start - 2 * 3_600_000), EndTime: new Date(WINDOW.end) });
    const context = await live.readContext();
    expect(context.stage?.apiId).toBe(REST_API_ID);
    expect(context.functions.map((f) => f.name).sort()).toEqual(['auth-fn', 'catalog-fn', 'orders-fn', 'orders-fn']);
    expect(context.changes.map((c) => c.who)).toEqual(['deploy-bot', 'priya.raman']);
    expect(context.metrics.length).toBeGreaterThan(0);
    const traces = await live.readTraces();
    expect(new Set(traces.segments.map((s) => s.traceId))).toEqual(new Set(TRACE_IDS));
    expect(traces.summaries.map((s) => s.traceId)).toEqual([TRACE_IDS[0]]);
  });

  it('yields every row as a LogEvent, file by file in path order, oldest first, so the engine reads it like a bundle', async () => {
    const { live } = source();
    const events = [];
    for await (const event of live.logEvents()) events.push(event);
    const files = [...new Set(events.map((e) => e.file))];
    expect(files).toEqual(['logs/API-Gateway-Execution-Logs_rgkwmpkz6q/prod.json', 'logs/aws/apigateway/orders-api-prod-access.json', 'logs/aws/lambda/orders-fn.json']);
    // Groups queried that answered nothing still have their (empty) file: "nothing there" is evidence too.
    expect(live.logFiles().map(([file, rows]) => [file, rows.length > 0])).toEqual([
      ['logs/API-Gateway-Execution-Logs_rgkwmpkz6q/prod.json', true],
      ['logs/aws/apigateway/orders-api-prod-access.json', true],
      ['logs/aws/lambda/auth-fn.json', false],
      ['logs/aws/lambda/catalog-fn.json', false],
      ['logs/aws/lambda/orders-fn.json', true],
    ]);
    for (const file of files) {
      const times = events.filter((e) => e.file === file).map((e) => e.timestamp);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    // Only the failing access records were read; the Lambda lines of the two invocations, with their stream.
    expect(events.filter((e) => e.logGroup === ACCESS_GROUP)).toHaveLength(2);
    expect(events.filter((e) => e.logGroup === ORDERS_GROUP).map((e) => e.logStream)).toEqual(Array(8).fill('2026/03/10/[$LATEST]92783e415e568b60d251b484f1961538'));
    expect(live.stats.eventsRead).toBe(events.length);
    // A second, targeted pass reads the named files only.
    const again = [];
    for await (const event of live.logEvents(new Set(['logs/aws/lambda/orders-fn.json']))) again.push(event);
    expect(again.every((e) => e.file === 'logs/aws/lambda/orders-fn.json')).toBe(true);
  });

  it('reports progress: each step, queries running, elapsed time', async () => {
    const seen: LiveProgress[] = [];
    const { live } = source({ onProgress: (p) => seen.push(p) });
    await live.gather();
    expect([...new Set(seen.map((p) => p.step.split(':')[0]))]).toEqual(['scope', 'failing requests', 'correlation', 'follow-up', 'metrics and CloudTrail changes', 'done']);
    expect(Math.max(...seen.map((p) => p.queriesRunning))).toBeGreaterThanOrEqual(1);
    expect(seen.at(-1)).toMatchObject({ step: 'done', queriesRunning: 0, queriesStarted: 3 });
    expect(seen.at(-1)?.elapsedMs).toBeGreaterThan(0);
  });

  it('retries a throttled poll and still completes', async () => {
    installAccount({ throttleFirstPoll: true });
    const { live, clients } = source();
    const diagnosis = await diagnose(live, { apiId: REST_API_ID, stage: 'prod', from: WINDOW.start, to: WINDOW.end });
    expect(diagnosis.rootCause.id).toBe('lambda-timeout');
    expect(clients.callLog.all().filter((c) => c.errorName === 'ThrottlingException')).toHaveLength(3);
  });

  it('X-Ray and CloudTrail refused: the diagnosis is still produced and the gaps say which action to allow', async () => {
    installAccount({ deny: ['xray', 'cloudtrail'] });
    const { live } = source();
    const diagnosis = await diagnose(live, { apiId: REST_API_ID, stage: 'prod', from: WINDOW.start, to: WINDOW.end });
    expect(diagnosis.rootCause.id).toBe('lambda-timeout');
    expect(diagnosis.gaps.join('\n')).toMatch(/X-Ray not allowed: xray:GetTraceSummaries denied for arn:aws:sts::384756102938:assumed-role\/oncall-readonly\/alice/);
    expect(diagnosis.gaps.join('\n')).toMatch(/xray:BatchGetTraces denied/);
    expect(diagnosis.gaps.join('\n')).toMatch(/CloudTrail not allowed: cloudtrail:LookupEvents denied/);
    expect(diagnosis.suspectChanges.filter((c) => c.source === 'cloudtrail')).toEqual([]);
  });

  it('Logs Insights refused: a diagnosis from the context alone, and a gap naming logs:StartQuery', async () => {
    installAccount({ deny: ['logs'] });
    const { live } = source();
    const diagnosis = await diagnose(live, { apiId: REST_API_ID, stage: 'prod', from: WINDOW.start, to: WINDOW.end });
    expect(diagnosis.rootCause.id).toBe('insufficient-evidence');
    expect(diagnosis.failingRequests).toMatchObject({ total: 2, countedFrom: 'metrics' });
    expect(diagnosis.gaps.filter((g) => /logs:StartQuery denied/.test(g))).toHaveLength(1);
    expect(mocks.logs).toHaveReceivedCommandTimes(StartQueryCommand, 1);
  });

  it('a log group that does not exist is left out of the query and reported', async () => {
    installAccount({ missingGroups: ['/aws/lambda/catalog-fn'] });
    const { live } = source();
    const diagnosis = await diagnose(live, { apiId: REST_API_ID, stage: 'prod', from: WINDOW.start, to: WINDOW.end });
    expect(diagnosis.rootCause.id).toBe('lambda-timeout');
    expect(diagnosis.gaps).toContain('log group /aws/lambda/catalog-fn does not exist (ResourceNotFoundException); it was left out of the Logs Insights query');
  });

  it('an empty window: one query, nothing failing, no correlation phase', async () => {
    const events = accountEvents();
    events.set(ACCESS_GROUP, (events.get(ACCESS_GROUP) ?? []).filter((e) => e.message.includes('"status":"200"')));
    const seen = installAccount({ events });
    const { live } = source();
    const diagnosis = await diagnose(live, { apiId: REST_API_ID, stage: 'prod', from: WINDOW.start, to: WINDOW.end });
    expect(seen.queries).toHaveLength(1);
    expect(live.phases.map((p) => p.name.split(':')[0])).toEqual(['scope', 'failing requests']);
    expect(diagnosis.rootCause.id).toBe('insufficient-evidence');
  });

  it('results cut at 10,000 rows are a gap', async () => {
    const events = accountEvents();
    const base = Date.parse('2026-03-10T13:46:00Z');
    events.set(
      ACCESS_GROUP,
      Array.from({ length: 10_050 }, (_, i) => ({
        timestamp: base + i * 50,
        message: `{ "requestId":"${crypto.randomUUID()}", "extendedRequestId":"Mqm-j-GanzFyBVr=","ip": "100.24.18.238", "requestTime":"10/Mar/2026:13:46:00 +0000", "httpMethod":"GET", "resourcePath":"/orders/{id}", "status":"502", "protocol":"HTTP/1.1", "responseLength":"36", "integrationLatency":"6372", "integrationStatus":"200", "xrayTraceId":"-" }`,
      })),
    );
    installAccount({ events });
    const { live } = source({ sampleSize: 5 });
    await live.gather();
    expect(live.failing?.requests).toHaveLength(10_000);
    expect(live.sampled).toHaveLength(5);
    expect(live.collectionGaps().join('\n')).toMatch(/Logs Insights results cut at the row limit \(10000 rows\) for a query over \/aws\/apigateway\/orders-api-prod-access/);
  });

  it('a spent scan budget stops further queries and says so', async () => {
    const { live } = source({ budgetBytes: 100 });
    await live.gather();
    expect(live.spend().queries).toBe(1);
    expect(live.collectionGaps().join('\n')).toMatch(/scan budget spent: .* scanned by 1 query \(budget 100 B\); no further query was run/);
  });

  it('an API that does not exist rejects with ApiNotFoundError (a usage error: exit 2)', async () => {
    installAccount({ noApi: true });
    const { live } = source();
    await expect(live.readContext()).rejects.toBeInstanceOf(ApiNotFoundError);
  });
});
