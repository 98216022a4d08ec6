/**
 * Writes events/incidents/rt3-http-transaction-search-ddb-throttle/: an HTTP API whose Lambda's DynamoDB PutItem is
 * throttled, in an account with CloudWatch Transaction Search on — so the only trace evidence is the span records of
 * the `aws/spans` log group (no traces/*.json), and the function's own log names no dependency.
 * Deterministic (seeded). Run: npx tsx scripts/incidents/transaction-search-incident.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NAME = 'rt3-http-transaction-search-ddb-throttle';
const OUT = path.resolve(import.meta.dirname, '../../events/incidents', NAME);
const ACCOUNT = '640218397512';
const REGION = 'eu-central-1';
const API_ID = 'r4w8k2x6np';
const FN = 'checkout-put';
const TABLE = 'checkout-sessions';

// Mulberry32: a small seeded generator, so the bundle is the same on every run.
let seed = 0x5eed3;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
/** HTTP API $context.requestId: 16 characters ending in "=" ("KZbV8jG_vHcEJqQ="). */
const httpRequestId = () => `${Array.from({ length: 15 }, () => B64[int(0, 63)]).join('')}=`;
/** DynamoDB x-amzn-RequestId: 52 upper-case base32 characters. */
const ddbRequestId = () => Array.from({ length: 52 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[int(0, 31)]).join('');
const iso = (ms: number) => new Date(ms).toISOString();
const clf = (ms: number) => {
  const d = new Date(ms);
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${mon}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};
/** A filter-log-events eventId: 56 digits. */
const eventId = (ts: number) => `${ts}${Array.from({ length: 43 }, () => int(0, 9)).join('')}`;
/** "2026-06-02 10:14:07.123" — the @timestamp of get-query-results rows. */
const insightsTime = (ms: number) => iso(ms).replace('T', ' ').replace('Z', '');

const CHANGE = Date.parse('2026-06-02T10:02:31Z');
const ONSET = Date.parse('2026-06-02T10:05:00Z');
const END = Date.parse('2026-06-02T10:14:00Z');
const ALARM_AT = Date.parse('2026-06-02T10:09:41.208Z');

interface Request {
  id: string;
  lambdaId: string;
  traceId: string;
  at: number;
  route: 'POST /checkout' | 'GET /checkout/{id}';
  status: number;
  throttled: boolean;
  durationMs: number;
  stream: string;
}

const streams = [`2026/06/02/[$LATEST]${hex(32)}`, `2026/06/02/[$LATEST]${hex(32)}`, `2026/06/02/[$LATEST]${hex(32)}`];
const requests: Request[] = [];
for (let t = ONSET - 3 * 60_000; t < END; t += int(20_000, 36_000)) {
  const post = random() < 0.55;
  // POSTs are throttled from the onset (the table went to 5 WCU); GETs keep working.
  const throttled = post && t >= ONSET && random() < 0.6;
  const notFound = !post && random() < 0.12;
  const traceStart = Math.floor(t / 1000);
  requests.push({
    id: httpRequestId(),
    lambdaId: uuid(),
    traceId: `1-${traceStart.toString(16)}-${hex(24)}`,
    at: t,
    route: post ? 'POST /checkout' : 'GET /checkout/{id}',
    status: throttled ? 500 : notFound ? 404 : post ? 201 : 200,
    throttled,
    durationMs: throttled ? int(380, 620) : int(18, 90),
    stream: streams[int(0, streams.length - 1)] as string,
  });
}

// --- Access log: filter-log-events output, JSON format with $context.integration.requestId (HTTP API variables).
const ACCESS_FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationRequestId":"$context.integration.requestId","integrationStatus":"$context.integration.status","integrationLatency":"$context.integration.latency","integrationErrorMessage":"$context.integrationErrorMessage"}';
const ips = ['198.51.100.23', '203.0.113.77', '100.64.12.9', '54.93.118.40', '192.0.2.140'];
const accessStreams = [hex(32), hex(32)];
const accessEvents = requests.map((r) => {
  const latency = r.durationMs + int(2, 9);
  const message = JSON.stringify({
    requestId: r.id,
    ip: ips[int(0, ips.length - 1)],
    requestTime: clf(r.at),
    httpMethod: r.route.split(' ')[0],
    routeKey: r.route,
    status: String(r.status),
    protocol: 'HTTP/1.1',
    responseLength: String(r.status === 500 ? 35 : r.status === 404 ? 27 : int(140, 900)),
    integrationRequestId: r.lambdaId,
    integrationStatus: '200',
    integrationLatency: String(latency),
    integrationErrorMessage: '-',
  });
  const ts = r.at + latency + int(1, 5);
  return { logStreamName: accessStreams[int(0, 1)], timestamp: ts, message, ingestionTime: ts + int(400, 2500), eventId: eventId(ts) };
});

// --- Lambda log: Node.js text format (`<time>\t<request id>\t<LEVEL>\t<message>`), get-log-events per stream is
// merged into one filter-log-events file. The function catches the SDK error and answers 500 with its own words.
const lambdaEvents: { logStreamName: string; timestamp: number; message: string; ingestionTime: number; eventId: string }[] = [];
const coldStarted = new Set<string>();
for (const r of requests) {
  const lines: [number, string][] = [];
  if (!coldStarted.has(r.stream)) {
    coldStarted.add(r.stream);
    lines.push([r.at - 260, 'INIT_START Runtime Version: nodejs:22.v41\tRuntime Version ARN: arn:aws:lambda:eu-central-1::runtime:2f2ec7f9c3a2b1e94b6d0a5c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f\n']);
  }
  lines.push([r.at + 1, `START RequestId: ${r.lambdaId} Version: $LATEST\n`]);
  lines.push([r.at + 3, `${iso(r.at + 3)}\t${r.lambdaId}\tINFO\t${r.route} received\n`]);
  if (r.throttled) {
    lines.push([r.at + r.durationMs - 2, `${iso(r.at + r.durationMs - 2)}\t${r.lambdaId}\tERROR\tcheckout session not stored, answering 500 {"sessionId":"cs_${hex(12)}","attempts":3}\n`]);
  } else if (r.status === 404) {
    lines.push([r.at + r.durationMs - 1, `${iso(r.at + r.durationMs - 1)}\t${r.lambdaId}\tWARN\tcheckout session cs_${hex(12)} not found\n`]);
  }
  lines.push([r.at + r.durationMs, `END RequestId: ${r.lambdaId}\n`]);
  const init = coldStarted.size > 0 && lines[0]?.[1].startsWith('INIT_START') ? `\tInit Duration: ${(int(21000, 34000) / 100).toFixed(2)} ms` : '';
  lines.push([
    r.at + r.durationMs,
    `REPORT RequestId: ${r.lambdaId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${r.durationMs + 1} ms\tMemory Size: 512 MB\tMax Memory Used: ${int(88, 104)} MB${init}\t\nXRAY TraceId: ${r.traceId}\tSegmentId: ${hex(16)}\tSampled: true\t\n`,
  ]);
  for (const [ts, message] of lines) lambdaEvents.push({ logStreamName: r.stream, timestamp: ts, message, ingestionTime: ts + int(300, 1500), eventId: eventId(ts) });
}
lambdaEvents.sort((a, b) => a.timestamp - b.timestamp);

// --- aws/spans: get-query-results of `fields @timestamp, @message, @log | filter traceId in [...]`, one row per span,
// as X-Ray converts a traced Lambda's segments with Transaction Search on (shapes: shared/parsers/parseSpanRecord.ts).
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FN}`;
const spanRows: { at: number; message: string }[] = [];
const ns = (ms: number) => ms * 1_000_000;
for (const r of requests.filter((x) => x.route === 'POST /checkout' && x.at >= ONSET - 60_000)) {
  const traceId = r.traceId.slice(2).replace('-', '');
  const service = { id: hex(16), start: r.at - 4, end: r.at + r.durationMs + 6 };
  const fn = { id: hex(16), start: r.at + 1, end: r.at + r.durationMs };
  const lambdaResource = { 'cloud.provider': 'aws', 'cloud.platform': 'aws_lambda', 'cloud.region': REGION, 'cloud.account.id': ACCOUNT, 'service.name': FN, 'cloud.resource_id': FUNCTION_ARN, 'aws.log.group.names': `/aws/lambda/${FN}` };
  spanRows.push({
    at: service.start,
    message: JSON.stringify({
      resource: { attributes: lambdaResource },
      scope: { name: 'aws.xray', version: '' },
      traceId,
      spanId: service.id,
      name: FN,
      kind: 'SERVER',
      startTimeUnixNano: ns(service.start),
      endTimeUnixNano: ns(service.end),
      durationNano: ns(service.end - service.start),
      attributes: { 'aws.local.service': FN, 'aws.local.operation': `${FN}/Invoke`, 'aws.span.kind': 'LOCAL_ROOT', 'aws.xray.origin': 'AWS::Lambda', 'aws.request_id': r.lambdaId, 'http.response.status_code': 200, 'faas.execution': r.lambdaId },
      status: { code: 'UNSET' },
      _aws: { xray: { name: FN, type: 'segment' } },
    }),
  });
  spanRows.push({
    at: fn.start,
    message: JSON.stringify({
      resource: { attributes: lambdaResource },
      scope: { name: 'aws.xray', version: '' },
      traceId,
      spanId: fn.id,
      parentSpanId: service.id,
      name: FN,
      kind: 'SERVER',
      startTimeUnixNano: ns(fn.start),
      endTimeUnixNano: ns(fn.end),
      durationNano: ns(fn.end - fn.start),
      attributes: { 'aws.local.service': FN, 'aws.span.kind': 'LOCAL_ROOT', 'aws.xray.origin': 'AWS::Lambda::Function', 'faas.execution': r.lambdaId, 'faas.name': FN },
      status: { code: 'UNSET' },
      _aws: { xray: { name: FN, type: 'segment' } },
    }),
  });
  // The SDK's three attempts are one subsegment; its end is the last attempt's.
  const call = { id: hex(16), start: r.at + 9, end: r.at + r.durationMs - 4 };
  spanRows.push({
    at: call.start,
    message: JSON.stringify({
      resource: { attributes: lambdaResource },
      scope: { name: 'aws.xray', version: '' },
      traceId,
      spanId: call.id,
      parentSpanId: fn.id,
      name: 'DynamoDB.PutItem',
      kind: 'CLIENT',
      startTimeUnixNano: ns(call.start),
      endTimeUnixNano: ns(call.end),
      durationNano: ns(call.end - call.start),
      attributes: {
        'aws.local.service': FN,
        'aws.remote.service': 'AWS::DynamoDB',
        'aws.remote.operation': 'PutItem',
        'aws.remote.resource.type': 'AWS::DynamoDB::Table',
        'aws.remote.resource.identifier': TABLE,
        'aws.span.kind': 'CLIENT',
        'rpc.system': 'aws-api',
        'rpc.service': 'DynamoDB',
        'rpc.method': 'PutItem',
        'aws.region': REGION,
        'aws.table_name': [TABLE],
        'aws.request_id': ddbRequestId(),
        'http.response.status_code': r.throttled ? 400 : 200,
        'aws.xray.retries': r.throttled ? 2 : 0,
      },
      status: r.throttled ? { code: 'ERROR' } : { code: 'UNSET' },
      ...(r.throttled
        ? {
            events: [
              {
                timeUnixNano: ns(call.end),
                name: 'exception',
                attributes: {
                  'exception.type': 'ProvisionedThroughputExceededException',
                  'exception.message':
                    'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
                },
              },
            ],
          }
        : {}),
      _aws: { xray: { name: 'DynamoDB', namespace: 'aws', type: 'subsegment' } },
    }),
  });
}
const spansDoc = {
  results: spanRows
    .sort((a, b) => b.at - a.at) // get-query-results with `sort @timestamp desc` (the console default): newest first
    .map((row) => [
      { field: '@timestamp', value: insightsTime(row.at) },
      { field: '@message', value: row.message },
      { field: '@log', value: `${ACCOUNT}:aws/spans` },
    ]),
  statistics: { recordsMatched: spanRows.length, recordsScanned: spanRows.length * 23, bytesScanned: spanRows.reduce((n, r) => n + r.message.length, 0) * 23 },
  status: 'Complete',
};

// --- Context documents.
const stage = {
  AccessLogSettings: { DestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/apigateway/checkout-http-access`, Format: ACCESS_FORMAT },
  ApiGatewayManaged: false,
  AutoDeploy: true,
  CreatedDate: '2025-09-18T08:12:44+00:00',
  DefaultRouteSettings: { DetailedMetricsEnabled: false },
  DeploymentId: 'p0a7wq',
  LastDeploymentStatusMessage: "Successfully deployed stage with deployment ID 'p0a7wq'",
  LastUpdatedDate: '2026-05-20T13:07:19+00:00',
  RouteSettings: {},
  StageName: '$default',
  StageVariables: {},
  Tags: {},
};
const fnConfig = {
  FunctionName: FN,
  FunctionArn: FUNCTION_ARN,
  Runtime: 'nodejs22.x',
  Role: `arn:aws:iam::${ACCOUNT}:role/${FN}-role-4c1e8a20`,
  Handler: 'index.handler',
  CodeSize: 48213,
  Description: '',
  Timeout: 6,
  MemorySize: 512,
  LastModified: '2026-05-20T13:05:58.000+0000',
  CodeSha256: 'kq3vJ2m8Yb0wWzJ3bT1xR0c9y0Pq2uQkqVn4m3yq1bE=',
  Version: '$LATEST',
  Environment: { Variables: { TABLE_NAME: TABLE } },
  TracingConfig: { Mode: 'Active' },
  RevisionId: '8f0e4d1c-3b2a-4f5e-9d8c-7b6a5f4e3d2c',
  State: 'Active',
  LastUpdateStatus: 'Successful',
  PackageType: 'Zip',
  Architectures: ['arm64'],
  EphemeralStorage: { Size: 512 },
  SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
  LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${FN}` },
};
const integrationUri = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`;
const route = { 'x-amazon-apigateway-integration': { payloadFormatVersion: '2.0', type: 'aws_proxy', httpMethod: 'POST', uri: integrationUri, connectionType: 'INTERNET' } };
const exportDoc = {
  openapi: '3.0.1',
  info: { title: 'checkout-http', version: '2026-05-20 13:07:19UTC' },
  servers: [{ url: `https://${API_ID}.execute-api.${REGION}.amazonaws.com/{basePath}`, variables: { basePath: { default: '' } } }],
  paths: { '/checkout': { post: { responses: { default: { description: 'Default response for POST /checkout' } }, ...route } }, '/checkout/{id}': { get: { responses: { default: { description: 'Default response for GET /checkout/{id}' } }, ...route }, parameters: [{ name: 'id', in: 'path', description: 'Generated path parameter for id', required: true, schema: { type: 'string' } }] } },
  'x-amazon-apigateway-importexport-version': '1.0',
};
const trailEvent = (id: string, name: string, at: number, source: string, resource: { ResourceType: string; ResourceName: string }, request: unknown, user: string) => ({
  EventId: id,
  EventName: name,
  ReadOnly: 'false',
  AccessKeyId: 'ASIAZK4TQ2VB7RNX3H5M',
  EventTime: iso(at).replace('.000Z', '+00:00'),
  EventSource: source,
  Username: user,
  Resources: [resource],
  CloudTrailEvent: JSON.stringify({
    eventVersion: '1.09',
    userIdentity: { type: 'AssumedRole', principalId: `AROAZK4TQ2VB3MUFD7X2P:${user}`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/platform-admin/${user}`, accountId: ACCOUNT },
    eventTime: iso(at).replace('.000Z', 'Z'),
    eventSource: source,
    eventName: name,
    awsRegion: REGION,
    sourceIPAddress: '198.51.100.201',
    userAgent: 'aws-cli/2.27.30 md/awscrt#0.26.1 ua/2.1 os/macos#24.5.0 md/arch#arm64 lang/python#3.13.4 md/pyimpl#CPython m/b,E,Z cfg/retry-mode#standard md/installer#source md/prompt#off md/command#dynamodb.update-table',
    requestParameters: request,
    requestID: uuid().toUpperCase().replace(/-/g, '').slice(0, 52),
    eventID: id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  }),
});
const changes = {
  Events: [
    trailEvent(uuid(), 'UpdateTable', CHANGE, 'dynamodb.amazonaws.com', { ResourceType: 'AWS::DynamoDB::Table', ResourceName: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${TABLE}` }, { tableName: TABLE, billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 20, writeCapacityUnits: 5 } }, 'm.okafor'),
  ],
};
const alarm = {
  version: '0',
  id: uuid(),
  'detail-type': 'CloudWatch Alarm State Change',
  source: 'aws.cloudwatch',
  account: ACCOUNT,
  time: iso(ALARM_AT).replace(/\.\d{3}Z$/, 'Z'),
  region: REGION,
  resources: [`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:checkout-http-5xx`],
  detail: {
    alarmName: 'checkout-http-5xx',
    state: { value: 'ALARM', reason: 'Threshold Crossed: 1 out of the last 1 datapoints [9.0 (02/06/26 10:04:00)] was greater than the threshold (3.0) (minimum 1 datapoint for OK -> ALARM transition).', reasonData: '{"version":"1.0","queryDate":"2026-06-02T10:09:41.208+0000","startDate":"2026-06-02T10:04:00.000+0000","statistic":"Sum","period":300,"recentDatapoints":[9.0],"threshold":3.0,"evaluatedDatapoints":[{"timestamp":"2026-06-02T10:04:00.000+0000","sampleCount":9.0,"value":9.0}]}', timestamp: iso(ALARM_AT).replace('Z', '+0000') },
    previousState: { value: 'OK', reason: 'Threshold Crossed: 1 out of the last 1 datapoints [0.0 (02/06/26 09:59:00)] was not greater than the threshold (3.0) (minimum 1 datapoint for ALARM -> OK transition).', timestamp: '2026-06-01T18:30:12.441+0000' },
    configuration: {
      metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5xx', dimensions: { ApiId: API_ID, Stage: '$default' } }, period: 300, stat: 'Sum' }, returnData: true }],
      description: 'checkout-http answers 5xx',
    },
  },
};

const failing = requests.filter((r) => r.status >= 500 && r.at <= ALARM_AT + 5 * 60_000);
const expected = {
  rootCause: 'downstream-dependency-failure',
  findings: ['downstream-dependency-failure'],
  failingRequests: failing.length,
  api: { id: API_ID, stage: '$default', type: 'HTTP' },
  notes: `UpdateTable at ${iso(CHANGE)} set ${TABLE} to PROVISIONED 5 WCU; from ${iso(ONSET)} POST /checkout PutItem calls are throttled (ProvisionedThroughputExceededException after the SDK's retries) and ${FN} answers 500, logging only "checkout session not stored". CloudWatch Transaction Search is on: there is no traces/*.json; the DynamoDB throttle is visible only in the aws/spans records (logs/aws/spans.json, the DynamoDB.PutItem CLIENT span with status ERROR, HTTP 400 and its exception event). Without them the diagnosis would be function-error-response (the acceptable alternative). ${failing.length} 500s in the window; GETs (200 and 404) are noise.`,
};

rmSync(OUT, { recursive: true, force: true });
const write = (file: string, value: unknown) => {
  const full = path.join(OUT, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, typeof value === 'string' ? value : `${JSON.stringify(value, null, 4)}\n`);
};
write('alarm.json', alarm);
write('api/stage.json', stage);
write('api/export.json', exportDoc);
write(`functions/${FN}.json`, fnConfig);
write('changes/cloudtrail.json', changes);
write('logs/aws/apigateway/checkout-http-access.json', { events: accessEvents, searchedLogStreams: [] });
write(`logs/aws/lambda/${FN}.json`, { events: lambdaEvents, searchedLogStreams: [] });
write('logs/aws/spans.json', spansDoc);
write('expected.json', expected);
write(
  'README.md',
  `# ${NAME}

**What happened.** At ${iso(CHANGE)} someone ran \`aws dynamodb update-table\` on \`${TABLE}\`, switching it from on-demand to PROVISIONED with 5 WCU. From ${iso(ONSET)} about 60% of \`POST /checkout\` requests are throttled: \`PutItem\` fails with \`ProvisionedThroughputExceededException\` after the SDK's retries, and \`${FN}\` catches it and answers 500, logging only "checkout session not stored, answering 500" — a line that names no dependency. The account has **CloudWatch Transaction Search** enabled, so X-Ray's \`BatchGetTraces\` returns nothing and the traces exist only as span records in the \`aws/spans\` log group. The alarm \`checkout-http-5xx\` fired at ${iso(ALARM_AT)}.

**API and integration.** HTTP API \`checkout-http\` (\`${API_ID}\`), stage \`$default\`, ${REGION}; Lambda proxy (payload 2.0) to \`${FN}\` (nodejs22.x, arm64, text log format, X-Ray active). Expected: **downstream-dependency-failure**; without the spans the evidence only supports function-error-response.

**Files.**
- \`alarm.json\`: EventBridge "CloudWatch Alarm State Change" event.
- \`logs/aws/apigateway/checkout-http-access.json\`: \`filter-log-events\` of the access log, JSON format with \`$context.integration.requestId\` (the Lambda request id), \`integration.status\`, \`integration.latency\`. Two streams.
- \`logs/aws/lambda/${FN}.json\`: \`filter-log-events\` of the function's log: Node.js text lines (\`<ISO time>\\t<request id>\\tLEVEL\\t<message>\`), START/END/REPORT with the \`XRAY TraceId\` line after REPORT, INIT_START on each of three streams.
- \`logs/aws/spans.json\`: \`get-query-results\` over \`aws/spans\` (\`@log\` \`${ACCOUNT}:aws/spans\`, rows newest first) of the POST traces from a minute before the onset: per trace the \`AWS::Lambda\` and \`AWS::Lambda::Function\` spans (\`faas.execution\` = Lambda request id) and the \`DynamoDB.PutItem\` CLIENT span (\`aws.remote.service\` \`AWS::DynamoDB\`, \`rpc.*\`, \`aws.request_id\`, \`http.response.status_code\` 400 and \`status.code\` ERROR with an \`exception\` event when throttled). **The decisive evidence is only here.**
- \`api/stage.json\` (\`apigatewayv2 get-stage\`), \`api/export.json\` (\`apigatewayv2 export\`, OAS 3.0), \`functions/${FN}.json\` (\`get-function-configuration\`), \`changes/cloudtrail.json\` (\`lookup-events\` with the UpdateTable).

**Noise.** GET /checkout/{id} traffic (200 and function-level 404 with a WARN line), successful POSTs (201) before and during the incident, cold starts, interleaved streams; healthy POST traces in aws/spans.

**Where each shape comes from.**
- Span records of \`aws/spans\`: CloudWatch docs "Transaction Search" (X-Ray segments are converted to OpenTelemetry semantic conventions with W3C trace ids and stored in \`aws/spans\`) and "Spans" (the span log group); an X-Ray-converted API Gateway subsegment pasted in a public repository (fields \`resource.attributes\`, \`traceId\` 32 hex, \`spanId\`, \`parentSpanId\`, \`kind\`, \`startTimeUnixNano\`/\`endTimeUnixNano\`/\`durationNano\`, \`aws.remote.service\`, \`aws.remote.operation\`, \`aws.span.kind\`, \`rpc.system\` aws-api, \`http.response.status_code\`, \`status.code\`, \`_aws.xray\` {name, namespace, type}) and AgentCore spans captured from \`aws/spans\` (\`aws.xray.origin\`, \`aws.remote.service\` "AWS::…"). Attribute meanings: OpenTelemetry semantic conventions (AWS SDK spans: \`rpc.*\`, \`aws.request_id\`; FaaS: \`faas.execution\`; exceptions as \`exception\` span events with \`exception.type\`/\`exception.message\`); \`AWS::DynamoDB\` as Application Signals names AWS services. Details and citations: \`shared/parsers/parseSpanRecord.ts\`.
- \`get-query-results\` output (\`results\` rows of {field, value}, \`statistics\`, \`status\`): CloudWatch Logs API reference.
- HTTP API access-log variables (\`$context.integration.requestId\`, \`$context.integration.status\`, \`$context.integration.latency\`) and the request id form: API Gateway developer guide (HTTP API logging variables).
- Node.js text log lines, START/END/REPORT and the \`XRAY TraceId\` line: Lambda developer guide (Node.js logging, monitoring-cloudwatchlogs).
- DynamoDB error text: DynamoDB developer guide (error handling, ProvisionedThroughputExceededException message).
- EventBridge alarm state-change event, CloudTrail \`lookup-events\` output: CloudWatch and CloudTrail user guides.

Regenerate with \`npx tsx scripts/incidents/transaction-search-incident.ts\`.
`,
);
console.log(`wrote ${OUT}: ${requests.length} requests, ${failing.length} failing, ${spanRows.length} spans`);
