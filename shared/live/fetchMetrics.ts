import { type CloudWatchClient, GetMetricDataCommand, type MessageData, type MetricDataQuery, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { MetricSeries } from '../model/context.ts';
import { parseMetricData } from '../context/metricData.ts';
import { isParseProblem } from '../context/problem.ts';
import { gapForAwsError } from './awsErrors.ts';
import { toBundleDocument } from './bundleDocument.ts';
import { type LiveClock, systemClock } from './liveClock.ts';
import { buildMetricQueries, metricRange, type MetricTargets } from './metricQueries.ts';
import { withThrottlingRetry } from './retryThrottled.ts';

export const API_METRICS_FILE = 'metrics/apigateway.json';
export const LAMBDA_METRICS_FILE = 'metrics/lambda.json';

export interface MetricFetchOptions {
  clock?: LiveClock;
  /** Read this long before the window (default 1 h) and after it (default 15 min). */
  leadMs?: number;
  tailMs?: number;
  /** Pages at most (default 10). */
  maxPages?: number;
}

export interface MetricFetchResult {
  metrics: MetricSeries[];
  /** metrics/apigateway.json and metrics/lambda.json: {MetricDataQueries, MetricDataResults, Messages}. */
  documents: Record<string, unknown>;
  gaps: string[];
  range: { start: number; end: number; periodSeconds: number };
}

/**
 * GetMetricData for the API and its functions around the window, in one paged request: the results of one
 * query id can arrive over several pages and are joined. The documents keep the queries beside the results
 * (contract §1), since the results alone name a series only by its id.
 */
export async function fetchMetrics(
  cloudWatch: CloudWatchClient,
  targets: MetricTargets,
  window: { start: number; end: number },
  options: MetricFetchOptions = {},
): Promise<MetricFetchResult> {
  const clock = options.clock ?? systemClock;
  const range = metricRange(window, clock.now(), options.leadMs, options.tailMs);
  const queries = buildMetricQueries(targets, range.periodSeconds);
  const gaps = [...queries.gaps];
  const result: MetricFetchResult = { metrics: [], documents: {}, gaps, range };
  const all = [...queries.api, ...queries.lambda];
  if (all.length === 0) return result;

  const byId = new Map<string, MetricDataResult>();
  const messages: MessageData[] = [];
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < (options.maxPages ?? 10); page++) {
      const response = await withThrottlingRetry(
        () =>
          cloudWatch.send(
            new GetMetricDataCommand({
              MetricDataQueries: all,
              StartTime: new Date(range.start),
              EndTime: new Date(range.end),
              ScanBy: 'TimestampAscending',
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
          ),
        { clock, attempts: 3 },
      );
      for (const r of response.MetricDataResults ?? []) merge(byId, r);
      messages.push(...(response.Messages ?? []));
      nextToken = response.NextToken;
      if (!nextToken) break;
    }
  } catch (error) {
    gaps.push(gapForAwsError({ service: 'CloudWatch', action: 'cloudwatch:GetMetricData', purpose: "to read the API's and functions' metrics around the window" }, error));
    return result;
  }
  if (nextToken) gaps.push(`CloudWatch metrics were cut after ${options.maxPages ?? 10} pages of GetMetricData`);

  for (const r of byId.values()) {
    if (r.StatusCode === 'Forbidden' || r.StatusCode === 'InternalError') {
      gaps.push(`CloudWatch metric ${r.Label ?? r.Id}: ${r.StatusCode}${r.Messages?.length ? ` (${r.Messages.map((m) => m.Value).join('; ')})` : ''}`);
    }
  }
  addDocument(result, API_METRICS_FILE, queries.api, byId, messages);
  addDocument(result, LAMBDA_METRICS_FILE, queries.lambda, byId, messages);
  return result;
}

function merge(byId: Map<string, MetricDataResult>, page: MetricDataResult): void {
  const id = page.Id ?? '';
  const seen = byId.get(id);
  if (seen === undefined) {
    byId.set(id, { ...page, Timestamps: [...(page.Timestamps ?? [])], Values: [...(page.Values ?? [])] });
    return;
  }
  seen.Timestamps = [...(seen.Timestamps ?? []), ...(page.Timestamps ?? [])];
  seen.Values = [...(seen.Values ?? []), ...(page.Values ?? [])];
  // The last page's status is the series' status (PartialData means "more on the next page").
  if (page.StatusCode !== undefined) seen.StatusCode = page.StatusCode;
  if (page.Messages?.length) seen.Messages = [...(seen.Messages ?? []), ...page.Messages];
}

function addDocument(result: MetricFetchResult, file: string, queries: MetricDataQuery[], byId: Map<string, MetricDataResult>, messages: MessageData[]): void {
  if (queries.length === 0) return;
  const results = queries.map((q) => byId.get(q.Id ?? '') ?? { Id: q.Id, Label: q.Label, Timestamps: [], Values: [], StatusCode: 'Complete' as const });
  const document = toBundleDocument({ MetricDataQueries: queries, MetricDataResults: results, Messages: messages });
  result.documents[file] = document;
  const parsed = parseMetricData(document, file);
  if (isParseProblem(parsed)) result.gaps.push(parsed.problem);
  else result.metrics.push(...parsed);
}
