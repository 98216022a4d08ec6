/**
 * Test support: one small REST incident answered by aws-sdk-client-mock for every client the live path calls.
 * API orders-api (rgkwmpkz6q) stage prod of liveFixtures.ts; two GET /orders/{id} requests time out in orders-fn
 * (Timeout 6 s, lowered from 15 s at 13:52:07 by priya.raman) and end in 502, one request succeeds. Every line is
 * taken from events/incidents/rest-lambda-timeout (itself recorded from real CLI output): the access log records
 * (stage format of liveFixtures.restStage), the execution log lines ("Lambda execution failed with status 200 due
 * to customer function error: RequestId: ... Error: Task timed out after 6.00 seconds. Lambda request id: ..."),
 * Lambda START/END/REPORT lines (REPORT "Status: timeout" of newer runtimes for the first, the older separate
 * "Task timed out after 6.00 seconds" line for the second) and the X-Ray segments. Logs Insights queries go
 * Scheduled → Running → … → Complete and are evaluated by the emulator over these events.
 */
import { APIGatewayClient, GetDeploymentsCommand, GetExportCommand, GetRestApiCommand, GetRestApisCommand, GetStageCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, GetQueryResultsCommand, StartQueryCommand, StopQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionConcurrencyCommand, GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { BatchGetTracesCommand, GetTraceSegmentDestinationCommand, GetTraceSummariesCommand, XRayClient } from '@aws-sdk/client-xray';
import { mockClient } from 'aws-sdk-client-mock';
import { serviceError } from './answerInStack.ts';
import { AwsCallLog } from './AwsCallLog.ts';
import type { LiveClock } from './liveClock.ts';
import type { LiveClients } from './LiveEvidenceSource.ts';
import { ACCOUNT, REGION, REST_API_ID, functionConfiguration, restApi, restDeploymentsPage1, restDeploymentsPage2, restExportResponse, restStage } from './liveFixtures.ts';
import { runEmulatedQuery, type EmulatedEvent } from './logsInsights/insightsEmulator.ts';

export const ACCESS_GROUP = '/aws/apigateway/orders-api-prod-access';
export const EXECUTION_GROUP = `API-Gateway-Execution-Logs_${REST_API_ID}/prod`;
export const ORDERS_GROUP = '/aws/lambda/orders-fn';
export const WINDOW = { start: Date.parse('2026-03-10T13:45:00Z'), end: Date.parse('2026-03-10T14:00:00Z') };
export const NOW = Date.parse('2026-03-10T14:30:00Z');
export const FAILING = ['0894a994-46de-48b5-b1a2-bf089cd037d6', '4326c6db-8ce9-4724-8244-5bf759827b45'] as const;
export const LAMBDA_IDS = ['4d81c8a0-f4c7-4c9c-9d21-957e76296c1d', '84b61ef2-f82e-440a-8101-0900526d2ec5'] as const;
export const TRACE_IDS = ['1-69b02235-78073c416a31eef402e76db2', '1-69b0226d-e6a30eccedfaefd79a993e4c'] as const;

const STREAM = '2026/03/10/[$LATEST]92783e415e568b60d251b484f1961538';
const EXEC_STREAM = '962613bf0d2544c4e93ea55ab51bea11';
const fnUri = `https://lambda.${REGION}.amazonaws.com/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders-fn/invocations`;

function accessRecord(id: string, ext: string, ip: string, time: string, method: string, path: string, status: number, latency: number, trace: string): string {
  return `{ "requestId":"${id}", "extendedRequestId":"${ext}","ip": "${ip}", "requestTime":"${time}", "httpMethod":"${method}", "resourcePath":"${path}", "status":"${status}", "protocol":"HTTP/1.1", "responseLength":"36", "integrationLatency":"${latency}", "integrationStatus":"200", "xrayTraceId":"${trace}" }`;
}

function executionLines(id: string, ext: string, start: number, end: number, lambdaId: string, traceId: string, orderId: string): EmulatedEvent[] {
  const at = (t: number, text: string): EmulatedEvent => ({ timestamp: t, message: `(${id}) ${text}`, logStream: EXEC_STREAM });
  return [
    at(start, `Extended Request Id: ${ext}`),
    at(start, `Starting execution for request: ${id}`),
    at(start + 1, `HTTP Method: GET, Resource Path: /orders/${orderId}`),
    at(start + 1, `Endpoint request URI: ${fnUri}`),
    at(start + 2, `Sending request to ${fnUri}`),
    at(end, `Received response. Status: 200, Integration latency: ${end - start} ms`),
    at(end, `Lambda execution failed with status 200 due to customer function error: RequestId: ${lambdaId} Error: Task timed out after 6.00 seconds. Lambda request id: ${lambdaId}`),
    at(end, 'Method completed with status: 502'),
    at(end, `AWS Integration Endpoint RequestId : ${lambdaId}`),
    at(end, `X-ray Tracing ID : ${traceId}`),
  ];
}

/** The account's log events by group. */
export function accountEvents(): Map<string, EmulatedEvent[]> {
  const t0 = 1773150773269; // 2026-03-10T13:52:53.269Z
  const t1 = 1773150829062; // 2026-03-10T13:53:49.062Z
  return new Map<string, EmulatedEvent[]>([
    [
      ACCESS_GROUP,
      [
        { timestamp: 1773150489601, message: accessRecord('f87d464d-9b92-461c-98ec-9a79caacf42f', 'v0pEWEmIV1u3IMe=', '192.0.2.249', '10/Mar/2026:13:48:09 +0000', 'GET', '/orders/{id}', 200, 550, '1-69b02119-a3ea83873d9887a707ee1dec') },
        { timestamp: 1773150779648, message: accessRecord(FAILING[0], 'Mqm-j-GanzFyBVr=', '100.24.18.238', '10/Mar/2026:13:52:53 +0000', 'GET', '/orders/{id}', 502, 6372, TRACE_IDS[0]) },
        { timestamp: 1773150835099, message: accessRecord(FAILING[1], '3BVuIGLBQp7B-1n=', '54.239.98.68', '10/Mar/2026:13:53:49 +0000', 'GET', '/orders/{id}', 502, 6031, TRACE_IDS[1]) },
      ],
    ],
    [EXECUTION_GROUP, [...executionLines(FAILING[0], 'Mqm-j-GanzFyBVr=', t0, t0 + 6372, LAMBDA_IDS[0], TRACE_IDS[0], '399534'), ...executionLines(FAILING[1], '3BVuIGLBQp7B-1n=', t1, t1 + 6030, LAMBDA_IDS[1], TRACE_IDS[1], '402211')]],
    [
      ORDERS_GROUP,
      [
        { timestamp: t0 + 361, message: `START RequestId: ${LAMBDA_IDS[0]} Version: $LATEST\n`, logStream: STREAM },
        { timestamp: t0 + 363, message: `2026-03-10T13:52:53.632Z\t${LAMBDA_IDS[0]}\tINFO\tgetOrder orderId=399534 customer=cus_8e32e7e148\n`, logStream: STREAM },
        { timestamp: t0 + 6361, message: `END RequestId: ${LAMBDA_IDS[0]}\n`, logStream: STREAM },
        {
          timestamp: t0 + 6361,
          message: `REPORT RequestId: ${LAMBDA_IDS[0]}\tDuration: 6000.00 ms\tBilled Duration: 6351 ms\tMemory Size: 512 MB\tMax Memory Used: 87 MB\tInit Duration: 350.79 ms\tStatus: timeout\nXRAY TraceId: ${TRACE_IDS[0]}\tSegmentId: cfd1a8f5e0abb7c0\tSampled: true\t\n`,
          logStream: STREAM,
        },
        { timestamp: t1 + 10, message: `START RequestId: ${LAMBDA_IDS[1]} Version: $LATEST\n`, logStream: STREAM },
        { timestamp: t1 + 6020, message: `2026-03-10T13:53:55.082Z ${LAMBDA_IDS[1]} Task timed out after 6.00 seconds\n\n`, logStream: STREAM },
        { timestamp: t1 + 6021, message: `END RequestId: ${LAMBDA_IDS[1]}\n`, logStream: STREAM },
        { timestamp: t1 + 6021, message: `REPORT RequestId: ${LAMBDA_IDS[1]}\tDuration: 6000.00 ms\tBilled Duration: 6000 ms\tMemory Size: 512 MB\tMax Memory Used: 86 MB\t\n`, logStream: STREAM },
      ],
    ],
    ['/aws/lambda/catalog-fn', []],
    ['/aws/lambda/auth-fn', []],
  ]);
}

function traceOf(n: 0 | 1): Record<string, unknown> {
  const id = TRACE_IDS[n];
  const start = n === 0 ? 1773150773.269 : 1773150829.062;
  const apigw = {
    id: `8b0285e1d42a494${n}`,
    name: 'orders-api/prod',
    start_time: start,
    end_time: start + 6.38,
    trace_id: id,
    http: { request: { url: `https://${REST_API_ID}.execute-api.${REGION}.amazonaws.com/prod/orders/399534`, method: 'GET' }, response: { status: 502, content_length: 0 } },
    aws: { api_gateway: { account_id: ACCOUNT, rest_api_id: REST_API_ID, stage: 'prod', request_id: FAILING[n] } },
    origin: 'AWS::ApiGateway::Stage',
    fault: true,
  };
  const lambda = { id: `a6e3510fe525d41${n}`, name: 'orders-fn', start_time: start + 0.009, end_time: start + 6.365, trace_id: id, parent_id: apigw.id, aws: { request_id: LAMBDA_IDS[n] }, origin: 'AWS::Lambda', error: true };
  return { Id: id, Duration: 6.379, LimitExceeded: false, Segments: [{ Id: apigw.id, Document: JSON.stringify(apigw) }, { Id: lambda.id, Document: JSON.stringify(lambda) }] };
}

/** CloudTrail events (lookup-events shape) naming orders-fn, newest first as LookupEvents returns them. */
function trailEvents(): Record<string, unknown>[] {
  const event = (id: string, name: string, time: string, request: Record<string, unknown>, user: string) => ({
    EventId: id,
    EventName: name,
    ReadOnly: 'false',
    AccessKeyId: 'ASIAVBS6Y3ZSOLI45JBE',
    EventTime: new Date(time),
    EventSource: 'lambda.amazonaws.com',
    Username: user,
    Resources: [{ ResourceType: 'AWS::Lambda::Function', ResourceName: 'orders-fn' }],
    CloudTrailEvent: JSON.stringify({ eventVersion: '1.09', eventTime: time, eventSource: 'lambda.amazonaws.com', eventName: name, awsRegion: REGION, requestParameters: request, readOnly: false }),
  });
  return [
    event('328975a3-f3fd-4040-b601-eaa8291cac63', 'UpdateFunctionConfiguration20150331v2', '2026-03-10T13:52:07Z', { functionName: 'orders-fn', timeout: 6 }, 'priya.raman'),
    event('9d1c7a0e-55b4-4c1f-a3a1-6f2b9e0c7d11', 'UpdateFunctionCode20150331v2', '2026-03-10T12:20:41Z', { functionName: 'orders-fn', publish: false }, 'deploy-bot'),
  ];
}

export interface AccountOptions {
  /** GetQueryResults answers Scheduled once, then Running this many times, before Complete (default 2). */
  runningPolls?: number;
  /** Log groups that do not exist (StartQuery answers ResourceNotFoundException naming them). */
  missingGroups?: readonly string[];
  /** The first GetQueryResults call of every query is throttled. */
  throttleFirstPoll?: boolean;
  /** Services whose calls are refused with AccessDeniedException. */
  deny?: readonly ('xray' | 'cloudtrail' | 'logs')[];
  /** No API at all in the account. */
  noApi?: boolean;
  /** Replaces the events (e.g. an empty account, or 10,000 failing records). */
  events?: Map<string, EmulatedEvent[]>;
}

/** The mocks, one per client class (aws-sdk-client-mock stubs every instance of a class). */
export const mocks = {
  apiGateway: mockClient(APIGatewayClient),
  apiGatewayV2: mockClient(ApiGatewayV2Client),
  lambda: mockClient(LambdaClient),
  logs: mockClient(CloudWatchLogsClient),
  xray: mockClient(XRayClient),
  cloudWatch: mockClient(CloudWatchClient),
  cloudTrail: mockClient(CloudTrailClient),
};

/** Fresh clients (their `send` is the mocks') and a call log for the runner to record in. */
export function mockedClients(): LiveClients {
  const config = { region: REGION, credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } };
  return {
    apiGateway: new APIGatewayClient(config),
    apiGatewayV2: new ApiGatewayV2Client(config),
    lambda: new LambdaClient(config),
    logs: new CloudWatchLogsClient(config),
    xray: new XRayClient(config),
    cloudWatch: new CloudWatchClient(config),
    cloudTrail: new CloudTrailClient(config),
    callLog: new AwsCallLog(),
  };
}

/** A clock that only moves when the code sleeps; sleeps yield (setImmediate) so that parallel work interleaves. */
export function fakeClock(start = NOW): LiveClock & { sleeps: number[] } {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: (ms) => {
      sleeps.push(ms);
      time += Math.max(0, ms);
      return new Promise((resolve) => setImmediate(resolve));
    },
    random: () => 0.5,
  };
}

const denied = (action: string) =>
  serviceError('AccessDeniedException', `User: arn:aws:sts::${ACCOUNT}:assumed-role/oncall-readonly/alice is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`, 400);

/** Resets every mock and answers as the account. Returns what the Logs mock saw. */
export function installAccount(options: AccountOptions = {}): { queries: { groups: string[]; query: string; start: number; end: number }[] } {
  for (const mock of Object.values(mocks)) mock.reset();
  const events = options.events ?? accountEvents();
  const seen: { groups: string[]; query: string; start: number; end: number }[] = [];

  // API Gateway: by id, listing paged, stage, deployments over two pages, the export.
  const notFound = serviceError('NotFoundException', `Invalid API identifier specified ${ACCOUNT}:${REST_API_ID}`, 404);
  if (options.noApi) {
    mocks.apiGateway.on(GetRestApiCommand).rejects(notFound).on(GetRestApisCommand).resolves({ items: [] });
    mocks.apiGatewayV2.on(GetApisCommand).resolves({ Items: [] });
  } else {
    mocks.apiGateway
      .on(GetRestApiCommand, { restApiId: REST_API_ID })
      .resolves(restApi)
      .on(GetRestApisCommand)
      .resolves({ items: [restApi] })
      .on(GetStageCommand, { restApiId: REST_API_ID, stageName: 'prod' })
      .resolves(restStage)
      .on(GetStagesCommand)
      .resolves({ item: [restStage] })
      .on(GetDeploymentsCommand)
      .resolvesOnce(restDeploymentsPage1)
      .resolves(restDeploymentsPage2)
      .on(GetExportCommand)
      .resolves(restExportResponse);
    mocks.apiGatewayV2.on(GetApisCommand).resolves({ Items: [] });
  }
  mocks.lambda
    .on(GetFunctionConfigurationCommand)
    .callsFake(async (input: { FunctionName?: string }) => {
      const name = (input.FunctionName ?? '').replace(/^.*:function:/, '').split(':')[0] ?? '';
      return functionConfiguration(name, name === 'orders-fn' ? {} : { Timeout: 10 });
    })
    .on(GetFunctionConcurrencyCommand)
    .resolves({});

  // Logs Insights.
  let next = 0;
  const running = new Map<string, { groups: string[]; query: string; start: number; end: number; polls: number; throttled: boolean }>();
  if (options.deny?.includes('logs')) {
    mocks.logs.on(StartQueryCommand).rejects(denied('logs:StartQuery'));
  } else {
    mocks.logs.on(StartQueryCommand).callsFake(async (input: { logGroupNames?: string[]; queryString?: string; startTime?: number; endTime?: number }) => {
      const groups = input.logGroupNames ?? [];
      const missing = groups.find((g) => options.missingGroups?.includes(g) || !events.has(g));
      if (missing !== undefined) throw serviceError('ResourceNotFoundException', `Log group '${missing}' does not exist for account ID '${ACCOUNT}' (Service: CloudWatchLogs, Status Code: 400)`, 400);
      const queryId = `${(++next).toString(16).padStart(8, '0')}-2c5a-4e0b-8f7d-1a9b3c5d7e9f`;
      const q = { groups, query: input.queryString ?? '', start: (input.startTime ?? 0) * 1000, end: (input.endTime ?? 0) * 1000 + 999, polls: 0, throttled: false };
      running.set(queryId, q);
      seen.push({ groups, query: q.query, start: q.start, end: q.end });
      return { queryId };
    });
  }
  mocks.logs.on(StopQueryCommand).resolves({ success: true });
  mocks.logs.on(GetQueryResultsCommand).callsFake(async (input: { queryId?: string }) => {
    const q = running.get(input.queryId ?? '');
    if (!q) throw serviceError('ResourceNotFoundException', `Query does not exist. Query Id: ${input.queryId ?? ''}`, 400);
    if (options.throttleFirstPoll && !q.throttled) {
      q.throttled = true;
      throw serviceError('ThrottlingException', 'Rate exceeded', 400);
    }
    q.polls++;
    const empty = { results: [], statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 } };
    if (q.polls === 1) return { status: 'Scheduled', ...empty };
    if (q.polls <= 1 + (options.runningPolls ?? 2)) return { status: 'Running', ...empty };
    const inRange = q.groups.flatMap((g) => (events.get(g) ?? []).filter((e) => e.timestamp >= q.start && e.timestamp <= q.end).map((e) => ({ ...e, log: `${ACCOUNT}:${g}` })));
    const rows = runEmulatedQuery(q.query, inRange);
    return {
      status: 'Complete',
      results: rows.map((row) => [...Object.entries(row).map(([field, value]) => ({ field, value })), { field: '@ptr', value: 'CmIKKQolMzg0NzU2MTAyOTM4Oi9hd3MvYXBpZ2F0ZXdheS9vcmRlcnMtYXBpEAcSNRoYAgYrcgUCAAAAAIxwDZ0ABi1VNnAAAAQiIAEom5m2iqEwMJuZtoqhMDgBQJgCSPIMUJsGEAAYAQ==' }]),
      statistics: { recordsMatched: rows.length, recordsScanned: inRange.length, bytesScanned: inRange.reduce((sum, e) => sum + Buffer.byteLength(e.message) + 26, 0) },
    };
  });

  // X-Ray.
  if (options.deny?.includes('xray')) {
    mocks.xray.on(GetTraceSummariesCommand).rejects(denied('xray:GetTraceSummaries')).on(BatchGetTracesCommand).rejects(denied('xray:BatchGetTraces'));
  } else {
    mocks.xray
      .on(GetTraceSummariesCommand)
      .resolves({ TraceSummaries: [{ Id: TRACE_IDS[0], StartTime: new Date('2026-03-10T13:52:53Z'), Duration: 6.379, HasFault: true, HasError: false, Http: { HttpStatus: 502, HttpMethod: 'GET' } }], TracesProcessedCount: 2 })
      .on(BatchGetTracesCommand)
      .callsFake(async (input: { TraceIds?: string[] }) => ({ Traces: [traceOf(0), traceOf(1)].filter((t) => input.TraceIds?.includes(String(t['Id']))), UnprocessedTraceIds: [] }))
      .on(GetTraceSegmentDestinationCommand)
      .resolves({ Destination: 'XRay', Status: 'ACTIVE' });
  }

  // CloudWatch: metrics over two pages (the 5XXError points split by NextToken), and the alarm.
  mocks.cloudWatch
    .on(GetMetricDataCommand)
    .resolvesOnce({ MetricDataResults: [{ Id: 'api_5xx', Label: '5XXError', Timestamps: [new Date('2026-03-10T13:52:00Z')], Values: [1], StatusCode: 'PartialData' }], NextToken: 'page-2' })
    .resolves({ MetricDataResults: [{ Id: 'api_5xx', Label: '5XXError', Timestamps: [new Date('2026-03-10T13:53:00Z')], Values: [1], StatusCode: 'Complete' }] })
    .on(DescribeAlarmsCommand)
    .resolves({ MetricAlarms: [], CompositeAlarms: [] })
    .on(DescribeAlarmHistoryCommand)
    .resolves({ AlarmHistoryItems: [] });

  // CloudTrail: two pages for orders-fn, nothing for the other names.
  if (options.deny?.includes('cloudtrail')) {
    mocks.cloudTrail.on(LookupEventsCommand).rejects(denied('cloudtrail:LookupEvents'));
  } else {
    const [first, second] = trailEvents();
    mocks.cloudTrail
      .on(LookupEventsCommand)
      .resolves({ Events: [] })
      .on(LookupEventsCommand, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'orders-fn' }] })
      .resolvesOnce({ Events: first ? [first] : [], NextToken: 'kbOt5LlZe++mErCebpy2TgaMgmDvF1kYGFcH64JSjIbZFjsuvrSqg66b5YGssKutDYIyII4lrP4=' })
      .resolves({ Events: second ? [second] : [] });
  }
  return { queries: seen };
}
