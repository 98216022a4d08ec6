import { GetTraceSummariesCommand, type TraceSummary, type XRayClient } from '@aws-sdk/client-xray';
import { gapForAwsError } from './awsErrors.ts';
import { toBundleDocument } from './bundleDocument.ts';
import type { LiveClock } from './liveClock.ts';
import { withThrottlingRetry } from './retryThrottled.ts';

/**
 * X-Ray summaries of the traces through some Lambda functions that faulted or erred downstream, for APIs whose
 * own logs cannot name the invocation behind a request (HTTP APIs are not traced by X-Ray, and an access log
 * without $context.integration.requestId names no Lambda request id): the traced functions still are. Filter
 * expression (X-Ray developer guide, "Using filter expressions"): `service(id(name: "fn", type:
 * "AWS::Lambda::Function")) { fault = true OR error = true }` — `error` catches a throttled or denied downstream
 * call that the function handled, which a trace-level filter would not.
 */
export function functionFailuresFilter(functionNames: readonly string[]): string {
  return functionNames
    .map((name) => `service(id(name: "${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}", type: "AWS::Lambda::Function")) { fault = true OR error = true }`)
    .join(' OR ');
}

export interface FunctionSummaries {
  summaries: TraceSummary[];
  /** `get-trace-summaries` output, for traces/trace-summaries.json. */
  document: unknown;
  gaps: string[];
}

/** GetTraceSummaries over the window (6-hour slices, a few pages each), throttling retried, a refusal a gap. */
export async function functionTraceSummaries(
  xray: XRayClient,
  functionNames: readonly string[],
  window: { start: number; end: number },
  options: { clock: LiveClock; maxPages?: number },
): Promise<FunctionSummaries> {
  const gaps: string[] = [];
  const summaries: TraceSummary[] = [];
  const filter = functionFailuresFilter(functionNames);
  const slice = 6 * 3_600_000;
  for (let start = window.start; start < window.end && gaps.length === 0; start += slice) {
    let nextToken: string | undefined;
    for (let page = 0; page < (options.maxPages ?? 5); page++) {
      try {
        const response = await withThrottlingRetry(
          () =>
            xray.send(
              new GetTraceSummariesCommand({
                StartTime: new Date(start),
                EndTime: new Date(Math.min(window.end, start + slice)),
                FilterExpression: filter,
                Sampling: false,
                ...(nextToken ? { NextToken: nextToken } : {}),
              }),
            ),
          { clock: options.clock, attempts: 3 },
        );
        summaries.push(...(response.TraceSummaries ?? []));
        nextToken = response.NextToken;
      } catch (error) {
        gaps.push(gapForAwsError({ service: 'X-Ray', action: 'xray:GetTraceSummaries', purpose: "to find the failing traces of the API's functions" }, error));
        break;
      }
      if (!nextToken) break;
    }
  }
  return { summaries, document: toBundleDocument({ TraceSummaries: summaries }), gaps };
}
