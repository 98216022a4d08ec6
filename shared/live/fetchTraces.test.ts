import { describe, it, expect, beforeEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mockClient } from 'aws-sdk-client-mock';
import {
  BatchGetTracesCommand,
  GetTraceSegmentDestinationCommand,
  GetTraceSummariesCommand,
  ThrottledException,
  XRayClient,
  type Trace,
  type TraceSummary,
} from '@aws-sdk/client-xray';
import { BATCH_FILE, SUMMARIES_FILE, fetchTraces } from './fetchTraces.ts';
import { serviceError } from './answerInStack.ts';
import type { LiveClock } from './liveClock.ts';

const xray = mockClient(XRayClient);
const client = () => new XRayClient({ region: 'us-east-1' });
const sleeps: number[] = [];
const clock: LiveClock = { now: () => 0, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 };

// Segment documents in the shape API Gateway and Lambda write them (API Gateway developer guide "X-Ray traces for
// API Gateway APIs"; events/incidents/rest-lambda-timeout/traces/batch-get-traces.json of this repository).
const traceId = (n: number): string => `1-69b02235-78073c416a31eef402e7${String(n).padStart(4, '0')}`;
function trace(n: number): Trace {
  const id = traceId(n);
  const apigw = {
    id: `8b0285e1d42a49${String(n).padStart(2, '0')}`,
    name: 'orders-api/prod',
    start_time: 1773150773.269,
    end_time: 1773150779.648,
    trace_id: id,
    http: { request: { url: 'https://rgkwmpkz6q.execute-api.us-east-1.amazonaws.com/prod/orders/399534', method: 'GET' }, response: { status: 502, content_length: 0 } },
    aws: { api_gateway: { account_id: '384756102938', rest_api_id: 'rgkwmpkz6q', stage: 'prod', request_id: `0894a994-46de-48b5-b1a2-bf089cd0${String(n).padStart(4, '0')}` } },
    annotations: { 'aws:api_id': 'rgkwmpkz6q', 'aws:api_stage': 'prod' },
    fault: true,
  };
  const fn = {
    id: `cfd1a8f5e0abb7${String(n).padStart(2, '0')}`,
    name: 'orders-fn',
    start_time: 1773150773.278,
    end_time: 1773150779.633,
    trace_id: id,
    parent_id: apigw.id,
    fault: true,
    origin: 'AWS::Lambda::Function',
    aws: { function_arn: 'arn:aws:lambda:us-east-1:384756102938:function:orders-fn' },
    cause: { exceptions: [{ id: '5dd4b4b4c0d3e2a1', message: 'Task timed out after 6.01 seconds', type: 'Sandbox.Timedout' }] },
  };
  return { Id: id, Duration: 6.379, LimitExceeded: false, Segments: [{ Id: apigw.id, Document: JSON.stringify(apigw) }, { Id: fn.id, Document: JSON.stringify(fn) }] };
}

function summary(n: number): TraceSummary {
  return {
    Id: traceId(n),
    StartTime: new Date('2026-03-10T13:55:19Z'),
    Duration: 6.049,
    ResponseTime: 6.049,
    HasFault: true,
    HasError: false,
    HasThrottle: false,
    IsPartial: false,
    Http: { HttpURL: 'https://rgkwmpkz6q.execute-api.us-east-1.amazonaws.com/prod/orders/383358', HttpStatus: 502, HttpMethod: 'GET', UserAgent: 'python-requests/2.31.0', ClientIp: '198.51.100.214' },
    EntryPoint: { Name: 'orders-api/prod', Names: ['orders-api/prod'], AccountId: '384756102938', Type: 'AWS::ApiGateway::Stage' },
    FaultRootCauses: [
      {
        Services: [
          {
            Name: 'orders-fn',
            Names: ['orders-fn'],
            Type: 'AWS::Lambda::Function',
            AccountId: '384756102938',
            EntityPath: [
              { Name: 'orders-fn', Exceptions: [], Remote: false },
              { Name: 'Invocation', Exceptions: [{ Name: 'Sandbox.Timedout', Message: 'Task timed out after 6.01 seconds' }], Remote: false },
            ],
            Inferred: false,
          },
        ],
        ClientImpacting: true,
      },
    ],
    ErrorRootCauses: [],
    Revision: 2,
    MatchedEventTime: new Date('2026-03-10T13:55:19Z'),
  };
}

beforeEach(() => {
  xray.reset();
  sleeps.length = 0;
});

describe('fetchTraces — BatchGetTraces', () => {
  it('asks for at most 5 ids a call, follows NextToken within a batch, and keeps the CLI shape', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => traceId(i));
    xray.on(BatchGetTracesCommand).callsFake(async (input: { TraceIds?: string[]; NextToken?: string }) => {
      const batch = input.TraceIds ?? [];
      // The first batch's traces come in two pages.
      if (batch[0] === traceId(0) && input.NextToken === undefined) return { Traces: batch.slice(0, 2).map((id) => trace(ids.indexOf(id))), NextToken: 'eyJwYWdlIjoyfQ==' };
      if (batch[0] === traceId(0)) return { Traces: batch.slice(2).map((id) => trace(ids.indexOf(id))) };
      return { Traces: batch.map((id) => trace(ids.indexOf(id))), UnprocessedTraceIds: [] };
    });

    const result = await fetchTraces(client(), { traceIds: ids.map((id) => `Root=${id};Sampled=1`), tracingEnabled: true }, { clock });
    const calls = xray.commandCalls(BatchGetTracesCommand).map((c) => c.args[0].input);
    expect(calls.every((c) => (c.TraceIds ?? []).length <= 5)).toBe(true);
    expect(calls).toHaveLength(4); // 5 (two pages) + 5 + 2
    expect(calls.filter((c) => c.NextToken === 'eyJwYWdlIjoyfQ==')).toEqual([{ TraceIds: ids.slice(0, 5), NextToken: 'eyJwYWdlIjoyfQ==' }]);
    expect(result.missing).toEqual([]);
    expect(result.gaps).toEqual([]);
    expect(new Set(result.segments.map((s) => s.traceId)).size).toBe(12);
    const lambdaSegment = result.segments.find((s) => s.name === 'orders-fn');
    expect(lambdaSegment).toMatchObject({ fault: true, cause: 'Sandbox.Timedout: Task timed out after 6.01 seconds' });
    expect(result.segments.find((s) => s.name === 'orders-api/prod')).toMatchObject({ httpStatus: 502, apiGatewayRequestId: expect.stringMatching(/^0894a994-/) });
    const doc = result.documents[BATCH_FILE] as { Traces: unknown[]; UnprocessedTraceIds: unknown[] };
    expect(doc.Traces).toHaveLength(12);
    expect(doc.UnprocessedTraceIds).toEqual([]);
  });

  it('reports UnprocessedTraceIds and ids X-Ray does not have', async () => {
    xray.on(BatchGetTracesCommand).resolves({ Traces: [trace(1)], UnprocessedTraceIds: [traceId(2)] });
    const result = await fetchTraces(client(), { traceIds: [traceId(1), traceId(2), traceId(3)], tracingEnabled: true }, { clock });
    expect(result.missing).toEqual([traceId(2), traceId(3)]);
    expect(result.gaps).toEqual([`${BATCH_FILE}: X-Ray returned no data for 1 trace(s) (UnprocessedTraceIds): ${traceId(2)}`]);
    // Absent (not unprocessed) ids are the caller's to report, once over all its calls.
    expect(result.absent).toEqual([traceId(3)]);
    expect(xray).not.toHaveReceivedCommand(GetTraceSegmentDestinationCommand);
  });

  it('detects Transaction Search: tracing on, no trace found, segments go to CloudWatch Logs', async () => {
    xray.on(BatchGetTracesCommand).resolves({ Traces: [], UnprocessedTraceIds: [] });
    xray.on(GetTraceSegmentDestinationCommand).resolves({ Destination: 'CloudWatchLogs', Status: 'ACTIVE' });
    const result = await fetchTraces(client(), { traceIds: [traceId(1), traceId(2)], tracingEnabled: true }, { clock });
    expect(result.transactionSearch).toBe(true);
    expect(result.gaps).toEqual([
      'X-Ray returned none of the sampled traces: CloudWatch Transaction Search is on (trace segment destination CloudWatchLogs, ACTIVE), so the spans are in the aws/spans log group',
    ]);
  });

  it('still points at aws/spans when the destination cannot be checked', async () => {
    xray.on(BatchGetTracesCommand).resolves({ Traces: [] });
    xray.on(GetTraceSegmentDestinationCommand).rejects(serviceError('AccessDeniedException', 'User: arn:aws:sts::384756102938:assumed-role/Diag/cli is not authorized to perform: xray:GetTraceSegmentDestination', 403));
    const result = await fetchTraces(client(), { traceIds: [traceId(1)], tracingEnabled: true }, { clock });
    expect(result.transactionSearch).toBeUndefined();
    expect(result.gaps[0]).toContain('the spans are in the aws/spans log group (could not check: AccessDeniedException, allow xray:GetTraceSegmentDestination)');
  });

  it('does not suspect Transaction Search when tracing is off', async () => {
    xray.on(BatchGetTracesCommand).resolves({ Traces: [] });
    const result = await fetchTraces(client(), { traceIds: [traceId(1)], tracingEnabled: false }, { clock });
    expect(xray).not.toHaveReceivedCommand(GetTraceSegmentDestinationCommand);
    expect(result.transactionSearch).toBeUndefined();
  });

  it('retries X-Ray throttling with backoff, then succeeds', async () => {
    xray
      .on(BatchGetTracesCommand)
      .rejectsOnce(new ThrottledException({ $metadata: { httpStatusCode: 429 }, message: 'Rate exceeded' }))
      .resolves({ Traces: [trace(1)] });
    const result = await fetchTraces(client(), { traceIds: [traceId(1)] }, { clock });
    expect(xray).toHaveReceivedCommandTimes(BatchGetTracesCommand, 2);
    expect(sleeps).toHaveLength(1);
    expect(result.gaps).toEqual([]);
    expect(result.segments).toHaveLength(2);
  });

  it('turns AccessDenied into one gap naming the action; the caller goes on', async () => {
    xray.on(BatchGetTracesCommand).rejects(
      serviceError(
        'AccessDeniedException',
        'User: arn:aws:sts::384756102938:assumed-role/Diag/cli is not authorized to perform: xray:BatchGetTraces because no identity-based policy allows the xray:BatchGetTraces action',
        403,
      ),
    );
    const result = await fetchTraces(client(), { traceIds: Array.from({ length: 7 }, (_, i) => traceId(i)), tracingEnabled: true }, { clock });
    expect(result.gaps).toEqual([
      'X-Ray not allowed: xray:BatchGetTraces denied for arn:aws:sts::384756102938:assumed-role/Diag/cli; add it to the policy to get the traces of the sampled requests',
    ]);
    expect(result.segments).toEqual([]);
    expect(xray).not.toHaveReceivedCommand(GetTraceSegmentDestinationCommand);
  });
});

describe('fetchTraces — GetTraceSummaries', () => {
  const window = { start: Date.parse('2026-03-10T13:45:00Z'), end: Date.parse('2026-03-10T14:05:00Z') };

  it('filters on the stage and 5xx, pages, and fetches the faulted traces it found', async () => {
    xray.on(GetTraceSummariesCommand).resolvesOnce({ TraceSummaries: [summary(1)], NextToken: 'c3VtbWFyeS0y', ApproximateTime: new Date('2026-03-10T14:05:00Z'), TracesProcessedCount: 41 }).resolves({ TraceSummaries: [summary(2)], TracesProcessedCount: 12 });
    xray.on(BatchGetTracesCommand).resolves({ Traces: [trace(1), trace(2)] });

    const result = await fetchTraces(client(), { window, apiName: 'orders-api', stage: 'prod', tracingEnabled: true }, { clock });
    expect(xray).toHaveReceivedNthCommandWith(GetTraceSummariesCommand, 1, {
      StartTime: new Date(window.start),
      EndTime: new Date(window.end),
      FilterExpression: 'service(id(name: "orders-api/prod", type: "AWS::ApiGateway::Stage")) AND http.status >= 500',
      Sampling: false,
    });
    expect(xray).toHaveReceivedNthCommandWith(GetTraceSummariesCommand, 2, { NextToken: 'c3VtbWFyeS0y' });
    expect(xray).toHaveReceivedCommandWith(BatchGetTracesCommand, { TraceIds: [traceId(1), traceId(2)] });
    expect(result.summaries).toHaveLength(2);
    expect(result.summaries[0]).toMatchObject({ traceId: traceId(1), hasFault: true, httpStatus: 502, startTime: Date.parse('2026-03-10T13:55:19Z') });
    expect(result.summaries[0]?.faultRootCauses).toEqual(['orders-fn: Sandbox.Timedout: Task timed out after 6.01 seconds']);
    const doc = result.documents[SUMMARIES_FILE] as { TraceSummaries: Record<string, unknown>[] };
    expect(doc.TraceSummaries[0]?.['StartTime']).toBe('2026-03-10T13:55:19.000Z');
  });

  it('handles an empty window without calling BatchGetTraces', async () => {
    xray.on(GetTraceSummariesCommand).resolves({ TraceSummaries: [], TracesProcessedCount: 0, ApproximateTime: new Date('2026-03-10T14:05:00Z') });
    const result = await fetchTraces(client(), { window }, { clock });
    expect(result.summaries).toEqual([]);
    expect(result.documents[SUMMARIES_FILE]).toEqual({ TraceSummaries: [] });
    expect(xray).not.toHaveReceivedCommand(BatchGetTracesCommand);
  });

  it('splits a long window into 6-hour calls', async () => {
    xray.on(GetTraceSummariesCommand).resolves({ TraceSummaries: [] });
    await fetchTraces(client(), { window: { start: 0, end: 13 * 3600_000 } }, { clock });
    const ranges = xray.commandCalls(GetTraceSummariesCommand).map((c) => [c.args[0].input.StartTime?.getTime(), c.args[0].input.EndTime?.getTime()]);
    expect(ranges).toEqual([
      [0, 6 * 3600_000],
      [6 * 3600_000, 12 * 3600_000],
      [12 * 3600_000, 13 * 3600_000],
    ]);
  });

  it('keeps the sampled traces when summaries are denied', async () => {
    xray.on(GetTraceSummariesCommand).rejects(serviceError('AccessDeniedException', 'User: arn:aws:iam::384756102938:user/ci is not authorized to perform: xray:GetTraceSummaries', 403));
    xray.on(BatchGetTracesCommand).resolves({ Traces: [trace(3)] });
    const result = await fetchTraces(client(), { window, traceIds: [traceId(3)] }, { clock });
    expect(result.gaps).toEqual(['X-Ray not allowed: xray:GetTraceSummaries denied for arn:aws:iam::384756102938:user/ci; add it to the policy to find the failing traces and their fault root causes']);
    expect(result.segments).toHaveLength(2);
  });
});
