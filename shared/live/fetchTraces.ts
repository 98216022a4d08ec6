import {
  BatchGetTracesCommand,
  GetTraceSegmentDestinationCommand,
  GetTraceSummariesCommand,
  type Trace,
  type TraceSummary,
  type XRayClient,
} from '@aws-sdk/client-xray';
import type { TraceSegment, TraceSummaryRecord } from '../model/records.ts';
import { parseTraceDocuments } from '../parsers/parseTraceDocuments.ts';
import { describeAwsError, gapForAwsError } from './awsErrors.ts';
import { toBundleDocument } from './bundleDocument.ts';
import { type LiveClock, systemClock } from './liveClock.ts';
import { mapConcurrent } from './mapConcurrent.ts';
import { withThrottlingRetry } from './retryThrottled.ts';
import { failedRequestsFilter, traceIdOf } from './traceFilterExpression.ts';

/** BatchGetTraces takes at most 5 trace ids per call. */
export const BATCH_GET_TRACES_MAX_IDS = 5;
/** Each GetTraceSummaries call covers at most this much time; longer windows are split. */
const SUMMARY_SLICE_MS = 6 * 3600_000;

export const BATCH_FILE = 'traces/batch-get-traces.json';
export const SUMMARIES_FILE = 'traces/trace-summaries.json';

export interface TraceRequest {
  /** Trace ids of the sampled failing requests (from access logs: $context.xrayTraceId; "Root=..." accepted). */
  traceIds?: readonly string[];
  /** Look for failing traces of the stage in this window (GetTraceSummaries). */
  window?: { start: number; end: number };
  /** REST API name and stage: the filter then keeps this stage's traces only. */
  apiName?: string;
  stage?: string;
  /** The stage's tracing setting: when on and X-Ray has none of the traces, Transaction Search is suspected. */
  tracingEnabled?: boolean;
  /** Full traces fetched at most (the given ids first, then the summaries' faults; default 20). */
  maxTraces?: number;
  /** GetTraceSummaries pages at most per time slice (default 5). */
  maxSummaryPages?: number;
}

export interface TraceFetchOptions {
  clock?: LiveClock;
  /** BatchGetTraces calls at once (default 3). */
  concurrency?: number;
}

export interface TraceFetchResult {
  segments: TraceSegment[];
  summaries: TraceSummaryRecord[];
  /** traces/batch-get-traces.json and traces/trace-summaries.json, as the CLI prints them. */
  documents: Record<string, unknown>;
  gaps: string[];
  /** Requested ids X-Ray returned nothing for. */
  missing: string[];
  /**
   * Requested ids X-Ray does not have (not unprocessed: absent). The caller reports them once over every call it
   * made (a trace one call missed may be another's), as "X-Ray had no trace for N of M sampled traces".
   */
  absent: string[];
  /**
   * True when X-Ray says segments go to CloudWatch Logs (Transaction Search): the spans are then in the
   * `aws/spans` log group and must be read there. Undefined when not checked or unknown.
   */
  transactionSearch?: boolean;
}

/**
 * X-Ray evidence for a diagnosis: summaries of the stage's failing traces over the window (with their
 * FaultRootCauses) and the full traces of the sampled requests, in batches of 5, every page. Failures and
 * unprocessed ids become gaps.
 */
export async function fetchTraces(xray: XRayClient, request: TraceRequest, options: TraceFetchOptions = {}): Promise<TraceFetchResult> {
  const clock = options.clock ?? systemClock;
  const gaps: string[] = [];
  const documents: Record<string, unknown> = {};
  const result: TraceFetchResult = { segments: [], summaries: [], documents, gaps, missing: [], absent: [] };
  const fail = (action: string, purpose: string, error: unknown): void => {
    const gap = gapForAwsError({ service: 'X-Ray', action, purpose }, error);
    if (!gaps.includes(gap)) gaps.push(gap);
  };

  let rawSummaries: TraceSummary[] = [];
  if (request.window !== undefined) {
    rawSummaries = await traceSummaries(xray, request, clock, fail);
    const doc = toBundleDocument({ TraceSummaries: rawSummaries });
    documents[SUMMARIES_FILE] = doc;
    collect(result, doc, SUMMARIES_FILE);
  }

  const maxTraces = request.maxTraces ?? 20;
  const given = unique((request.traceIds ?? []).map(traceIdOf).filter((id): id is string => id !== undefined));
  const fromSummaries = rawSummaries.filter((s) => s.HasFault === true || (s.Http?.HttpStatus ?? 0) >= 500).map((s) => s.Id).filter((id): id is string => id !== undefined);
  const ids = unique([...given, ...fromSummaries]).slice(0, maxTraces);
  if (ids.length === 0) return result;

  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH_GET_TRACES_MAX_IDS) batches.push(ids.slice(i, i + BATCH_GET_TRACES_MAX_IDS));
  const traces: Trace[] = [];
  const unprocessed: string[] = [];
  let batchFailed = false;
  await mapConcurrent(batches, options.concurrency ?? 3, async (batch) => {
    let nextToken: string | undefined;
    // A batch pages when its traces are large; the same ids go with every page.
    for (let page = 0; page < 20; page++) {
      try {
        const response = await withThrottlingRetry(
          () => xray.send(new BatchGetTracesCommand({ TraceIds: batch, ...(nextToken ? { NextToken: nextToken } : {}) })),
          { clock, attempts: 3 },
        );
        traces.push(...(response.Traces ?? []));
        unprocessed.push(...(response.UnprocessedTraceIds ?? []));
        nextToken = response.NextToken;
      } catch (error) {
        batchFailed = true;
        fail('xray:BatchGetTraces', 'to get the traces of the sampled requests', error);
        return;
      }
      if (!nextToken) return;
    }
  });
  const found = new Set(traces.map((t) => t.Id));
  const notProcessed = new Set(unprocessed);
  result.missing = ids.filter((id) => !found.has(id));
  const doc = toBundleDocument({ Traces: traces, UnprocessedTraceIds: [...notProcessed] });
  documents[BATCH_FILE] = doc;
  collect(result, doc, BATCH_FILE);

  if (batchFailed) return result;
  const absent = given.filter((id) => !found.has(id) && !notProcessed.has(id));
  result.absent = absent;
  if (absent.length > 0 && found.size === 0 && request.tracingEnabled === true) await checkTransactionSearch(xray, result);
  return result;
}

async function traceSummaries(xray: XRayClient, request: TraceRequest, clock: LiveClock, fail: (action: string, purpose: string, error: unknown) => void): Promise<TraceSummary[]> {
  const window = request.window;
  if (window === undefined) return [];
  const filter = failedRequestsFilter(request.apiName, request.stage);
  const out: TraceSummary[] = [];
  for (let sliceStart = window.start; sliceStart < window.end; sliceStart += SUMMARY_SLICE_MS) {
    const sliceEnd = Math.min(window.end, sliceStart + SUMMARY_SLICE_MS);
    let nextToken: string | undefined;
    for (let page = 0; page < (request.maxSummaryPages ?? 5); page++) {
      try {
        const response = await withThrottlingRetry(
          () =>
            xray.send(
              new GetTraceSummariesCommand({
                StartTime: new Date(sliceStart),
                EndTime: new Date(sliceEnd),
                FilterExpression: filter,
                Sampling: false,
                ...(nextToken ? { NextToken: nextToken } : {}),
              }),
            ),
          { clock, attempts: 3 },
        );
        out.push(...(response.TraceSummaries ?? []));
        nextToken = response.NextToken;
      } catch (error) {
        fail('xray:GetTraceSummaries', 'to find the failing traces and their fault root causes', error);
        return out;
      }
      if (!nextToken) break;
    }
  }
  return out;
}

/**
 * With CloudWatch Transaction Search on, X-Ray sends spans to CloudWatch Logs and BatchGetTraces finds
 * (almost) nothing; GetTraceSegmentDestination says whether that is so.
 */
async function checkTransactionSearch(xray: XRayClient, result: TraceFetchResult): Promise<void> {
  try {
    const destination = await xray.send(new GetTraceSegmentDestinationCommand({}));
    if (destination.Destination === 'CloudWatchLogs') {
      result.transactionSearch = true;
      result.gaps.push(
        `X-Ray returned none of the sampled traces: CloudWatch Transaction Search is on (trace segment destination CloudWatchLogs${destination.Status ? `, ${destination.Status}` : ''}), so the spans are in the aws/spans log group`,
      );
      return;
    }
    // Segments go to X-Ray: the traces were not sampled or are past retention (the caller counts them).
    result.transactionSearch = false;
  } catch (error) {
    const info = describeAwsError(error);
    result.gaps.push(
      `X-Ray returned none of the sampled traces although tracing is on; if CloudWatch Transaction Search is enabled the spans are in the aws/spans log group (could not check: ${info.name}${info.kind === 'access-denied' ? ', allow xray:GetTraceSegmentDestination' : ''})`,
    );
  }
}

function collect(result: TraceFetchResult, doc: unknown, file: string): void {
  const parsed = parseTraceDocuments(doc);
  if ('problem' in parsed) return; // an empty list is still recognised; nothing else can reach here
  result.segments.push(...parsed.segments);
  result.summaries.push(...parsed.summaries);
  for (const problem of parsed.problems) result.gaps.push(`${file}: ${problem}`);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
