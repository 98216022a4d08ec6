import { type CloudTrailClient, type Event, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { ChangeEvent } from '../model/context.ts';
import { parseCloudTrailEvents } from '../context/cloudTrail.ts';
import { isParseProblem } from '../context/problem.ts';
import { describeAwsError, gapForAwsError } from './awsErrors.ts';
import { toBundleDocument } from './bundleDocument.ts';
import { type LiveClock, systemClock } from './liveClock.ts';
import { IntervalLimiter } from './rateLimiter.ts';
import { withThrottlingRetry } from './retryThrottled.ts';

export const CHANGES_FILE = 'changes/lookup-events.json';
/** LookupEvents: 2 requests per second per account and region (CloudTrail API reference). */
export const LOOKUP_EVENTS_INTERVAL_MS = 500;
export const DEFAULT_LOOKBACK_MS = 2 * 3600_000;

export interface ChangeRequest {
  /**
   * Names to look up as LookupAttributes ResourceName, one lookup each (the API allows one attribute per call):
   * the API id, each function's name — and its ARN, since CloudTrail names the resource the way the caller did.
   */
  resourceNames: readonly string[];
  /** Onset of the incident (epoch ms): changes are looked for in the lookback before it. */
  onset: number;
  /** How far back (default 2 h). */
  lookbackMs?: number;
  /** End of the lookup (default: the onset). */
  until?: number;
}

export interface ChangeFetchOptions {
  clock?: LiveClock;
  /** Share one limiter across everything that calls LookupEvents in this process. */
  limiter?: IntervalLimiter;
  /** Pages per resource at most (default 10 × 50 events). */
  maxPages?: number;
}

export interface ChangeFetchResult {
  /** Write calls on the resources, oldest first (read-only and failed calls are left out by the parser). */
  changes: ChangeEvent[];
  /** changes/lookup-events.json: one `aws cloudtrail lookup-events` output, every lookup joined, read-only calls left out. */
  documents: Record<string, unknown>;
  gaps: string[];
}

/**
 * CloudTrail LookupEvents per resource over [onset − lookback, until], every page, paced at 2 requests per
 * second and retrying ThrottlingException with backoff. Events found under several names are kept once.
 * Access denied stops the lookups (every one would fail) and becomes one gap.
 */
export async function fetchChanges(cloudTrail: CloudTrailClient, request: ChangeRequest, options: ChangeFetchOptions = {}): Promise<ChangeFetchResult> {
  const clock = options.clock ?? systemClock;
  const limiter = options.limiter ?? new IntervalLimiter(LOOKUP_EVENTS_INTERVAL_MS, clock);
  const start = request.onset - (request.lookbackMs ?? DEFAULT_LOOKBACK_MS);
  const end = request.until ?? request.onset;
  const gaps: string[] = [];
  const events = new Map<string, Event>();
  const names = [...new Set(request.resourceNames.filter((n) => n.trim() !== ''))];

  for (const name of names) {
    let nextToken: string | undefined;
    let page = 0;
    try {
      do {
        const response = await withThrottlingRetry(
          async () => {
            await limiter.acquire();
            return cloudTrail.send(
              new LookupEventsCommand({
                LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: name }],
                StartTime: new Date(start),
                EndTime: new Date(end),
                MaxResults: 50,
                ...(nextToken ? { NextToken: nextToken } : {}),
              }),
            );
          },
          { clock, attempts: 5, baseMs: LOOKUP_EVENTS_INTERVAL_MS },
        );
        for (const event of response.Events ?? []) {
          if (event.ReadOnly === 'true') continue; // our own Get* calls and everyone's reads: not changes
          events.set(event.EventId ?? `${name}#${events.size}`, event);
        }
        nextToken = response.NextToken;
        page++;
      } while (nextToken && page < (options.maxPages ?? 10));
      if (nextToken) gaps.push(`CloudTrail: more than ${page * 50} events name ${name} in the lookback; only the most recent were read`);
    } catch (error) {
      gaps.push(gapForAwsError({ service: 'CloudTrail', action: 'cloudtrail:LookupEvents', purpose: 'to see recent changes to the API and its functions' }, error));
      if (describeAwsError(error).kind === 'access-denied') break;
    }
  }

  const sorted = [...events.values()].sort((a, b) => (a.EventTime?.getTime() ?? 0) - (b.EventTime?.getTime() ?? 0));
  const document = toBundleDocument({ Events: sorted });
  const result: ChangeFetchResult = { changes: [], documents: { [CHANGES_FILE]: document }, gaps };
  const parsed = parseCloudTrailEvents(document, CHANGES_FILE);
  if (isParseProblem(parsed)) gaps.push(parsed.problem);
  else result.changes = parsed;
  return result;
}

/** The names to look up for a scope: the API id, and each function by name and by unqualified ARN. */
export function changeLookupNames(scope: { apiId: string; functions: readonly { name: string; arn?: string }[] }): string[] {
  const names = [scope.apiId];
  for (const fn of scope.functions) {
    names.push(fn.name);
    if (fn.arn !== undefined) names.push(fn.arn.split(':').slice(0, 7).join(':'));
  }
  return [...new Set(names)];
}
