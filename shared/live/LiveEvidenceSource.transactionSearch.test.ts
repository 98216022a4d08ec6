import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { BatchGetTracesCommand, GetTraceSegmentDestinationCommand } from '@aws-sdk/client-xray';
import { diagnose } from '../diagnose.ts';
import { diagnoseBundle } from '../diagnoseBundle.ts';
import type { EmulatedEvent } from './logsInsights/insightsEmulator.ts';
import { collectBundle } from './collectBundle.ts';
import { diagnoseLive } from './diagnoseLive.ts';
import { LiveEvidenceSource } from './LiveEvidenceSource.ts';
import { REST_API_ID } from './liveFixtures.ts';
import { FAILING, LAMBDA_IDS, TRACE_IDS, WINDOW, accountEvents, fakeClock, installAccount, mockedClients, mocks } from './mockedAccount.ts';

const SPANS = 'aws/spans';
const w3c = (xrayId: string) => xrayId.slice(2).replace('-', '');

/**
 * The two failing requests' traces as aws/spans stores them with Transaction Search on (shape and sources:
 * shared/parsers/parseSpanRecord.ts): API Gateway's stage span (502, the API request id) and the Lambda service span.
 */
function spanEvents(): EmulatedEvent[] {
  const starts = [1773150773269, 1773150829062];
  const events: EmulatedEvent[] = [];
  for (const n of [0, 1] as const) {
    const traceId = w3c(TRACE_IDS[n]);
    const start = starts[n] as number;
    const stage = {
      resource: { attributes: { 'cloud.provider': 'aws', 'cloud.platform': 'aws_api_gateway', 'service.name': 'orders-api/prod', 'cloud.resource_id': `arn:aws:apigateway:us-east-1::/restapis/${REST_API_ID}/stages/prod` } },
      traceId,
      spanId: `8b0285e1d42a494${n}`,
      name: 'orders-api/prod',
      kind: 'SERVER',
      startTimeUnixNano: start * 1e6,
      endTimeUnixNano: (start + 6380) * 1e6,
      attributes: { 'aws.span.kind': 'LOCAL_ROOT', 'aws.xray.origin': 'AWS::ApiGateway::Stage', 'aws.api_gateway.request_id': FAILING[n], 'http.request.method': 'GET', 'http.response.status_code': 502 },
      status: { code: 'ERROR' },
      _aws: { xray: { name: 'orders-api/prod', type: 'segment' } },
    };
    const lambda = {
      resource: { attributes: { 'cloud.provider': 'aws', 'cloud.platform': 'aws_lambda', 'service.name': 'orders-fn' } },
      traceId,
      spanId: `a6e3510fe525d41${n}`,
      parentSpanId: stage.spanId,
      name: 'orders-fn',
      kind: 'SERVER',
      startTimeUnixNano: (start + 9) * 1e6,
      endTimeUnixNano: (start + 6365) * 1e6,
      attributes: { 'aws.xray.origin': 'AWS::Lambda', 'aws.request.id': LAMBDA_IDS[n], 'http.response.status_code': 200 },
      status: { code: 'UNSET' },
    };
    events.push({ timestamp: start, message: JSON.stringify(stage), logStream: 'default' }, { timestamp: start + 9, message: JSON.stringify(lambda), logStream: 'default' });
  }
  // A span of an unrelated trace in the same minutes: the query must not bring it.
  events.push({ timestamp: 1773150800000, message: JSON.stringify({ traceId: '69b02250aaaabbbbccccddddeeeeffff', spanId: '1111222233334444', name: 'other', kind: 'SERVER', startTimeUnixNano: 1773150800000e6, status: { code: 'OK' } }), logStream: 'default' });
  return events;
}

/** The mocked account with Transaction Search on: X-Ray returns no trace, segments go to CloudWatch Logs. */
function installTransactionSearchAccount() {
  const events = accountEvents();
  events.set(SPANS, spanEvents());
  const seen = installAccount({ events });
  mocks.xray
    .on(BatchGetTracesCommand)
    .resolves({ Traces: [], UnprocessedTraceIds: [] })
    .on(GetTraceSegmentDestinationCommand)
    .resolves({ Destination: 'CloudWatchLogs', Status: 'ACTIVE' });
  return seen;
}

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'apigw-spans-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LiveEvidenceSource with CloudWatch Transaction Search on', () => {
  it('reads the sampled traces from aws/spans with one narrow query, and the engine gets them as trace segments', async () => {
    const seen = installTransactionSearchAccount();
    const live = new LiveEvidenceSource(mockedClients(), { api: REST_API_ID, stage: 'prod', window: WINDOW }, { clock: fakeClock(), logsClientInstrumented: false, region: 'us-east-1' });
    const diagnosis = await diagnose(live, { apiId: REST_API_ID, stage: 'prod', from: WINDOW.start, to: WINDOW.end });

    expect(mocks.xray).toHaveReceivedCommandWith(BatchGetTracesCommand, { TraceIds: [...TRACE_IDS] });
    expect(mocks.xray).toHaveReceivedCommand(GetTraceSegmentDestinationCommand);
    const spansQueries = seen.queries.filter((q) => q.groups.includes(SPANS));
    expect(spansQueries).toHaveLength(1);
    const [query] = spansQueries;
    expect(query?.groups).toEqual([SPANS]);
    expect(query?.query).toBe(
      `filter traceId in ["${w3c(TRACE_IDS[0])}", "${w3c(TRACE_IDS[1])}"]\n| fields @timestamp, @message, @log, @logStream\n| sort @timestamp asc\n| limit 10000`,
    );
    expect((query?.end ?? 0) - (query?.start ?? 0)).toBeLessThan(WINDOW.end - WINDOW.start);
    expect(mocks.logs).toHaveReceivedCommandTimes(StartQueryCommand, 4);

    // Kept as the rows of logs/aws/spans.json, the unrelated trace's span not among them.
    const spansFile = live.logFiles().find(([file]) => file === 'logs/aws/spans.json');
    expect(spansFile?.[1]).toHaveLength(4);
    expect(spansFile?.[1].every((row) => TRACE_IDS.some((id) => row['@message']?.includes(w3c(id))))).toBe(true);

    // The engine read them as the requests' traces: no "no trace" gap, the same cause as with X-Ray.
    expect(diagnosis.rootCause.id).toBe('lambda-timeout');
    expect(diagnosis.gaps.some((g) => /No X-Ray trace was in the evidence/.test(g))).toBe(false);
    expect(live.collectionGaps().some((g) => /Transaction Search is on/.test(g))).toBe(true);
  });

  it('without aws/spans rows the engine has no trace and says so (the control)', async () => {
    const events = accountEvents();
    events.set(SPANS, []);
    installAccount({ events });
    mocks.xray.on(BatchGetTracesCommand).resolves({ Traces: [] }).on(GetTraceSegmentDestinationCommand).resolves({ Destination: 'CloudWatchLogs', Status: 'ACTIVE' });
    const live = new LiveEvidenceSource(mockedClients(), { api: REST_API_ID, stage: 'prod', window: WINDOW }, { clock: fakeClock(), logsClientInstrumented: false, region: 'us-east-1' });
    const diagnosis = await diagnose(live, { apiId: REST_API_ID, stage: 'prod', from: WINDOW.start, to: WINDOW.end });
    expect(diagnosis.gaps.some((g) => /No X-Ray trace was in the evidence/.test(g))).toBe(true);
    expect(live.collectionGaps().some((g) => g.startsWith('aws/spans had no span of the 2 sampled traces'))).toBe(true);
  });

  it('does not query aws/spans when X-Ray has the traces', async () => {
    const seen = installAccount();
    const live = new LiveEvidenceSource(mockedClients(), { api: REST_API_ID, stage: 'prod', window: WINDOW }, { clock: fakeClock(), logsClientInstrumented: false, region: 'us-east-1' });
    await live.gather();
    expect(seen.queries.some((q) => q.groups.includes(SPANS))).toBe(false);
    expect(mocks.xray).not.toHaveReceivedCommand(GetTraceSegmentDestinationCommand);
  });

  it('collect writes the spans as logs/aws/spans.json and the replay gives the same diagnosis', async () => {
    installTransactionSearchAccount();
    const live = await diagnoseLive(mockedClients(), { kind: 'api', api: 'orders-api', stage: 'prod' }, { from: WINDOW.start, to: WINDOW.end, clock: fakeClock(), logsClientInstrumented: false });
    const out = path.join(dir, 'incident');
    const bundle = await collectBundle(live.source, { engineOptions: live.engineOptions, diagnosis: live.diagnosis }, out);
    expect(bundle.files).toContain('logs/aws/spans.json');
    const written = await readFile(path.join(out, 'logs/aws/spans.json'), 'utf8');
    expect(written).toContain(w3c(TRACE_IDS[0]));
    const replay = await diagnoseBundle(out, live.engineOptions);
    expect(replay.rootCause).toEqual(live.diagnosis.rootCause);
    expect(replay.findings).toEqual(live.diagnosis.findings);
    expect(replay.gaps.some((g) => /No X-Ray trace was in the evidence/.test(g))).toBe(false);
  });
});
