import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { API_METRICS_FILE, LAMBDA_METRICS_FILE, fetchMetrics } from './fetchMetrics.ts';
import { buildMetricQueries, metricRange } from './metricQueries.ts';
import { serviceError } from './answerInStack.ts';
import type { LiveClock } from './liveClock.ts';

const cloudWatch = mockClient(CloudWatchClient);
const client = () => new CloudWatchClient({ region: 'us-east-1' });
const NOW = Date.parse('2026-03-10T14:30:00Z');
const sleeps: number[] = [];
const clock: LiveClock = { now: () => NOW, sleep: async (ms) => void sleeps.push(ms), random: () => 0.3 };
const window = { start: Date.parse('2026-03-10T13:45:00Z'), end: Date.parse('2026-03-10T14:06:30Z') };
const rest = { apiType: 'REST' as const, apiId: 'rgkwmpkz6q', apiName: 'orders-api', stage: 'prod', functions: ['orders-fn', 'catalog-fn'] };

// GetMetricData results as the API returns them (CloudWatch API reference "MetricDataResult": Id, Label,
// Timestamps, Values, StatusCode Complete|PartialData|InternalError|Forbidden, Messages), the SDK giving Dates.
const minute = (hhmm: string): Date => new Date(`2026-03-10T${hhmm}:00Z`);

beforeEach(() => {
  cloudWatch.reset();
  sleeps.length = 0;
});

describe('buildMetricQueries', () => {
  it('uses ApiName+Stage and 5XXError for REST APIs, Lambda metrics by FunctionName', () => {
    const q = buildMetricQueries(rest, 60);
    expect(q.api.map((m) => [m.Id, m.MetricStat?.Metric?.MetricName, m.MetricStat?.Stat])).toEqual([
      ['api_5xx', '5XXError', 'Sum'],
      ['api_count', 'Count', 'Sum'],
      ['api_latency', 'Latency', 'Maximum'],
      ['api_integration_latency', 'IntegrationLatency', 'Maximum'],
    ]);
    expect(q.api[0]?.MetricStat?.Metric?.Dimensions).toEqual([{ Name: 'ApiName', Value: 'orders-api' }, { Name: 'Stage', Value: 'prod' }]);
    expect(q.lambda.map((m) => m.Id)).toEqual(['fn0_errors', 'fn0_throttles', 'fn0_duration', 'fn0_concurrent', 'fn1_errors', 'fn1_throttles', 'fn1_duration', 'fn1_concurrent']);
    expect(q.lambda[5]?.MetricStat?.Metric).toEqual({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Dimensions: [{ Name: 'FunctionName', Value: 'catalog-fn' }] });
    // Query ids must start with a lower-case letter and hold only letters, digits and "_".
    expect([...q.api, ...q.lambda].every((m: MetricDataQuery) => /^[a-z][A-Za-z0-9_]*$/.test(m.Id ?? ''))).toBe(true);
  });

  it('uses ApiId+Stage and 5xx for HTTP APIs', () => {
    const q = buildMetricQueries({ apiType: 'HTTP', apiId: 'yha1rvrori', stage: '$default', functions: [] }, 60);
    expect(q.api[0]?.MetricStat?.Metric).toEqual({ Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: [{ Name: 'ApiId', Value: 'yha1rvrori' }, { Name: 'Stage', Value: '$default' }] });
  });

  it('says so when a REST API name is unknown, and caps functions at 500 queries', () => {
    const q = buildMetricQueries({ apiType: 'REST', apiId: 'rgkwmpkz6q', stage: 'prod', functions: Array.from({ length: 130 }, (_, i) => `fn-${i}`) }, 60);
    expect(q.api).toEqual([]);
    expect(q.lambda).toHaveLength(500);
    expect(q.gaps).toEqual([
      "REST API metrics are published under the API's name, which is unknown for rgkwmpkz6q; the API's metrics were not read",
      'Metrics were read for the first 125 of 130 functions (GetMetricData takes 500 queries a call)',
    ]);
  });
});

describe('metricRange', () => {
  it('reads an hour before and 15 minutes after, aligned to the minute, never past now', () => {
    expect(metricRange(window, NOW)).toEqual({ start: Date.parse('2026-03-10T12:45:00Z'), end: Date.parse('2026-03-10T14:22:00Z'), periodSeconds: 60 });
    expect(metricRange(window, Date.parse('2026-03-10T14:10:10Z')).end).toBe(Date.parse('2026-03-10T14:11:00Z'));
  });

  it('uses 5-minute points after 15 days and hourly after 63 days, and widens the period for long ranges', () => {
    expect(metricRange(window, NOW + 20 * 86_400_000).periodSeconds).toBe(300);
    expect(metricRange(window, NOW + 70 * 86_400_000).periodSeconds).toBe(3600);
    expect(metricRange({ start: window.start - 2 * 86_400_000, end: window.end }, NOW).periodSeconds).toBe(300);
  });
});

describe('fetchMetrics', () => {
  it('joins a series split over pages and writes queries beside results', async () => {
    cloudWatch
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'api_5xx', Label: '5XXError', Timestamps: [minute('13:55'), minute('13:56')], Values: [2, 2], StatusCode: 'PartialData' },
          { Id: 'fn0_duration', Label: 'Duration orders-fn', Timestamps: [minute('13:55')], Values: [6004.21], StatusCode: 'Complete' },
        ],
        NextToken: 'NjE3ZTQ2YmEtZmFkNC00YzRjLTg1MzItYjAwMzE5NmRkM2Q0',
        Messages: [],
      })
      .resolves({
        MetricDataResults: [{ Id: 'api_5xx', Label: '5XXError', Timestamps: [minute('13:57')], Values: [1], StatusCode: 'Complete' }],
        Messages: [],
      });

    const result = await fetchMetrics(client(), rest, window, { clock });
    expect(cloudWatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(cloudWatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 1, { StartTime: new Date('2026-03-10T12:45:00Z'), EndTime: new Date('2026-03-10T14:22:00Z'), ScanBy: 'TimestampAscending' });
    expect(cloudWatch).toHaveReceivedNthCommandWith(GetMetricDataCommand, 2, { NextToken: 'NjE3ZTQ2YmEtZmFkNC00YzRjLTg1MzItYjAwMzE5NmRkM2Q0' });
    expect(result.gaps).toEqual([]);

    const errors = result.metrics.find((m) => m.id === 'api_5xx');
    expect(errors).toMatchObject({ metricName: '5XXError', namespace: 'AWS/ApiGateway', stat: 'Sum', periodSeconds: 60, dimensions: { ApiName: 'orders-api', Stage: 'prod' }, file: API_METRICS_FILE });
    expect(errors?.points.map((p) => p.value)).toEqual([2, 2, 1]);
    const duration = result.metrics.find((m) => m.id === 'fn0_duration');
    expect(duration).toMatchObject({ metricName: 'Duration', dimensions: { FunctionName: 'orders-fn' }, stat: 'Maximum', file: LAMBDA_METRICS_FILE });
    // Series with no data are still written (an empty series is evidence: no throttles).
    expect(result.metrics.find((m) => m.id === 'fn1_throttles')?.points).toEqual([]);

    const doc = result.documents[API_METRICS_FILE] as { MetricDataQueries: unknown[]; MetricDataResults: { Id: string; Timestamps: string[]; StatusCode: string }[] };
    expect(doc.MetricDataQueries).toHaveLength(4);
    expect(doc.MetricDataResults[0]).toMatchObject({ Id: 'api_5xx', StatusCode: 'Complete', Timestamps: ['2026-03-10T13:55:00.000Z', '2026-03-10T13:56:00.000Z', '2026-03-10T13:57:00.000Z'] });
    expect((result.documents[LAMBDA_METRICS_FILE] as { MetricDataQueries: unknown[] }).MetricDataQueries).toHaveLength(8);
  });

  it('retries throttling, then succeeds', async () => {
    cloudWatch
      .on(GetMetricDataCommand)
      .rejectsOnce(serviceError('Throttling', 'Rate exceeded', 400))
      .resolves({ MetricDataResults: [], Messages: [] });
    const result = await fetchMetrics(client(), rest, window, { clock });
    expect(cloudWatch).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(sleeps).toHaveLength(1);
    expect(result.gaps).toEqual([]);
  });

  it('turns AccessDenied into a gap naming cloudwatch:GetMetricData', async () => {
    cloudWatch.on(GetMetricDataCommand).rejects(
      serviceError(
        'AccessDenied',
        'User: arn:aws:sts::384756102938:assumed-role/Diag/cli is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action',
        403,
      ),
    );
    const result = await fetchMetrics(client(), rest, window, { clock });
    expect(result.metrics).toEqual([]);
    expect(result.documents).toEqual({});
    expect(result.gaps).toEqual([
      "CloudWatch not allowed: cloudwatch:GetMetricData denied for arn:aws:sts::384756102938:assumed-role/Diag/cli; add it to the policy to read the API's and functions' metrics around the window",
    ]);
  });

  it('reports series CloudWatch refused', async () => {
    cloudWatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: 'fn0_errors', Label: 'Errors orders-fn', Timestamps: [], Values: [], StatusCode: 'Forbidden', Messages: [{ Code: 'Forbidden', Value: 'Insufficient permissions' }] }],
    });
    const result = await fetchMetrics(client(), rest, window, { clock });
    expect(result.gaps).toEqual(['CloudWatch metric Errors orders-fn: Forbidden (Insufficient permissions)']);
  });
});
