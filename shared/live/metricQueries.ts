import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';

/**
 * The CloudWatch metrics a diagnosis reads, as GetMetricData queries:
 * - REST APIs publish AWS/ApiGateway 5XXError, Count, Latency, IntegrationLatency with dimensions ApiName (the
 *   API's *name*) and Stage; HTTP APIs publish 5xx, Count, Latency, IntegrationLatency with ApiId and Stage
 *   (API Gateway developer guide, "Amazon API Gateway dimensions and metrics" / "Monitor HTTP API metrics").
 * - Lambda publishes AWS/Lambda Errors, Throttles, Duration, ConcurrentExecutions by FunctionName.
 * Counts are summed; latencies and concurrency take the maximum, since a timeout shows as a peak.
 */

export interface MetricTargets {
  apiType: 'REST' | 'HTTP';
  apiId: string;
  /** REST metrics are keyed by name; without it no API query can be built. */
  apiName?: string;
  stage: string;
  /** Function names (no qualifier). */
  functions: readonly string[];
}

export interface MetricQueries {
  api: MetricDataQuery[];
  lambda: MetricDataQuery[];
  gaps: string[];
}

/** GetMetricData accepts at most 500 queries per call. */
export const MAX_QUERIES = 500;
const PER_FUNCTION = 4;

export function buildMetricQueries(targets: MetricTargets, periodSeconds: number): MetricQueries {
  const gaps: string[] = [];
  const api: MetricDataQuery[] = [];
  const apiDimensions =
    targets.apiType === 'REST'
      ? targets.apiName !== undefined
        ? [{ Name: 'ApiName', Value: targets.apiName }, { Name: 'Stage', Value: targets.stage }]
        : undefined
      : [{ Name: 'ApiId', Value: targets.apiId }, { Name: 'Stage', Value: targets.stage }];
  if (apiDimensions === undefined) {
    gaps.push(`REST API metrics are published under the API's name, which is unknown for ${targets.apiId}; the API's metrics were not read`);
  } else {
    const errors = targets.apiType === 'REST' ? '5XXError' : '5xx';
    const apiMetric = (id: string, metricName: string, stat: string): MetricDataQuery => ({
      Id: id,
      MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: metricName, Dimensions: apiDimensions }, Period: periodSeconds, Stat: stat },
      Label: metricName,
      ReturnData: true,
    });
    api.push(apiMetric('api_5xx', errors, 'Sum'), apiMetric('api_count', 'Count', 'Sum'), apiMetric('api_latency', 'Latency', 'Maximum'), apiMetric('api_integration_latency', 'IntegrationLatency', 'Maximum'));
  }

  const room = Math.floor((MAX_QUERIES - api.length) / PER_FUNCTION);
  const functions = [...new Set(targets.functions)];
  if (functions.length > room) gaps.push(`Metrics were read for the first ${room} of ${functions.length} functions (GetMetricData takes ${MAX_QUERIES} queries a call)`);
  const lambda: MetricDataQuery[] = [];
  functions.slice(0, room).forEach((name, index) => {
    const fnMetric = (suffix: string, metricName: string, stat: string): MetricDataQuery => ({
      Id: `fn${index}_${suffix}`,
      MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: metricName, Dimensions: [{ Name: 'FunctionName', Value: name }] }, Period: periodSeconds, Stat: stat },
      Label: `${metricName} ${name}`,
      ReturnData: true,
    });
    lambda.push(fnMetric('errors', 'Errors', 'Sum'), fnMetric('throttles', 'Throttles', 'Sum'), fnMetric('duration', 'Duration', 'Maximum'), fnMetric('concurrent', 'ConcurrentExecutions', 'Maximum'));
  });
  return { api, lambda, gaps };
}

/** At most this many points per series, so one call returns whole series. */
const MAX_POINTS = 1440;

/**
 * The time range and period to read "around" the diagnosis window: `leadMs` before, `tailMs` after (never past
 * now), aligned to the period. CloudWatch keeps 1-minute points for 15 days and 5-minute points for 63 days.
 */
export function metricRange(window: { start: number; end: number }, now: number, leadMs = 3600_000, tailMs = 15 * 60_000): { start: number; end: number; periodSeconds: number } {
  const start = window.start - leadMs;
  const end = Math.min(now, window.end + tailMs);
  const age = now - start;
  let period = age > 63 * 86_400_000 ? 3600 : age > 15 * 86_400_000 ? 300 : 60;
  while ((end - start) / (period * 1000) > MAX_POINTS && period < 86_400) period = period === 60 ? 300 : period === 300 ? 3600 : 86_400;
  const step = period * 1000;
  return { start: Math.floor(start / step) * step, end: Math.max(Math.ceil(end / step) * step, Math.floor(start / step) * step + step), periodSeconds: period };
}
