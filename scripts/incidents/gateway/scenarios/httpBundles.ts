/** HTTP API bundles: integration timeout, unresolvable backend, backend 5xx, authorizer, metrics-only, two causes. */
import {
  alarmEventBridge,
  alarmSnsMessage,
  countInWindow,
  firstBreach,
  functionConfiguration,
  httpDeployments,
  httpStage,
  lookupEvents,
  metricData,
  perMinute,
  type MetricSeriesSpec,
} from '../awsDocuments.ts';
import { httpExport, lambdaIntegrationUri } from '../apiExport.ts';
import { Bundle } from '../bundle.ts';
import { ACCESS_FORMATS, type GatewayRequest } from '../gatewayRequest.ts';
import { lambdaGroup, type FunctionShape, type Invocation } from '../lambdaLogs.ts';
import { ACCOUNT_ID, type LogLine } from '../logFiles.ts';
import { utc } from '../timeFormats.ts';
import { LambdaPool, accessLines, functionArn, httpApi, lambdaLines, newRequest, spread, type Api, type RouteDef } from '../traffic.ts';
import { httpInternalError, httpIntegrationTimeout, httpProxyAnswered } from './httpFlows.ts';

const HTTP_CLF_EXTENDED = `${ACCESS_FORMATS.httpClf} $context.responseLatency $context.integrationLatency $context.integrationErrorMessage`;

function dims(api: Api): Record<string, string> {
  return { ApiId: api.apiId, Stage: api.stage };
}

function httpMetrics(api: Api, requests: GatewayRequest[], from: number, to: number): MetricSeriesSpec[] {
  const end = (r: GatewayRequest): number => r.start + r.responseLatency;
  return [
    { id: 'm5xx', namespace: 'AWS/ApiGateway', metricName: '5xx', dimensions: dims(api), stat: 'Sum', periodSeconds: 60, points: perMinute(requests.filter((r) => r.status >= 500).map(end), from, to) },
    { id: 'm4xx', namespace: 'AWS/ApiGateway', metricName: '4xx', dimensions: dims(api), stat: 'Sum', periodSeconds: 60, points: perMinute(requests.filter((r) => r.status >= 400 && r.status < 500).map(end), from, to) },
    { id: 'mcount', namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: dims(api), stat: 'Sum', periodSeconds: 60, points: perMinute(requests.map(end), from, to) },
  ];
}

function failingEnds(requests: GatewayRequest[]): number[] {
  return requests.filter((r) => r.status >= 500).map((r) => r.start + r.responseLatency);
}

const BASE_STAGE_CREATED = utc('2025-09-03T08:12:40Z');

// ---------------------------------------------------------------------------------------------------------------

/** A slow HTTP backend behind an HTTP API: 503 "Service Unavailable" after the 30 s HTTP API limit. */
export function httpIntegrationTimeoutHttpBackend(): Bundle {
  const b = new Bundle('http-integration-timeout-http-backend');
  const rng = b.rng;
  const api = httpApi('x3v8n1m5p2', 'search-http');
  const search: RouteDef = { method: 'GET', resourcePath: '/search', path: () => '/search' };
  const suggest: RouteDef = { method: 'GET', resourcePath: '/suggest', path: () => '/suggest' };
  const from = utc('2026-05-04T09:00:00Z');
  const onset = utc('2026-05-04T09:12:05Z');
  const to = utc('2026-05-04T09:21:30Z');
  const requests: GatewayRequest[] = [];
  for (const t of spread(rng, from, to, 150)) {
    const isSearch = rng.chance(0.55);
    const req = newRequest(rng, api, t, isSearch ? search : suggest);
    if (isSearch && t >= onset && t < utc('2026-05-04T09:18:20Z')) {
      // The backend got slow: some searches still answer in 8-26 s.
      httpProxyAnswered(rng, req, 200, rng.int(8_000, 26_000), rng.int(2_000, 30_000));
    } else if (!isSearch && rng.chance(0.05)) {
      httpProxyAnswered(rng, req, 400, rng.int(12, 40), 61);
    } else {
      httpProxyAnswered(rng, req, 200, isSearch ? rng.int(140, 900) : rng.int(15, 90), rng.int(300, 12_000));
    }
    requests.push(req);
  }
  const failing: GatewayRequest[] = [];
  for (const t of spread(rng, onset, utc('2026-05-04T09:18:20Z'), 24)) {
    const req = newRequest(rng, api, t, search);
    httpIntegrationTimeout(rng, req);
    requests.push(req);
    failing.push(req);
  }
  requests.sort((a, z) => a.start - z.start);

  const accessGroup = '/aws/vendedlogs/apigateway/search-http-access';
  b.logs('tail-short', accessLines(rng, accessGroup, HTTP_CLF_EXTENDED, requests, 2));

  const breach = firstBreach(failingEnds(failing), 3, 60, 41_229);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmSnsMessage({
    name: 'search-http-5xx', description: 'search-http: 5xx >= 3 per minute', metricName: '5xx', dimensions: dims(api), periodSeconds: 60,
    evaluationPeriods: 3, threshold: 3, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }));
  b.json('api/stage.json', httpStage({ stageName: '$default', deploymentId: 'kq81zd', accessLogFormat: HTTP_CLF_EXTENDED, accessLogGroup: accessGroup, created: BASE_STAGE_CREATED, updated: utc('2026-04-22T13:05:11Z') }));
  b.json('api/deployments.json', httpDeployments([{ id: 'kq81zd', description: 'Automatic deployment triggered by changes to the Api configuration', created: utc('2026-04-22T13:05:11Z') }]));
  b.json('api/export.json', httpExport('search-http', api.apiId, '2026-04-22 13:05:11UTC', [
    { path: '/search', method: 'GET', integration: { payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'GET', uri: 'https://search-legacy.example.com/v1/search', connectionType: 'INTERNET', timeoutInMillis: 30000 } },
    { path: '/suggest', method: 'GET', integration: { payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'GET', uri: 'https://search-legacy.example.com/v1/suggest', connectionType: 'INTERNET', timeoutInMillis: 30000 } },
  ]));
  const metrics = httpMetrics(api, requests, utc('2026-05-04T09:00:00Z'), utc('2026-05-04T09:22:00Z'));
  metrics.push({
    id: 'mintlat', namespace: 'AWS/ApiGateway', metricName: 'IntegrationLatency', dimensions: dims(api), stat: 'Maximum', periodSeconds: 60,
    points: perMinute([], utc('2026-05-04T09:00:00Z'), utc('2026-05-04T09:22:00Z')).map(([t]) => {
      const inMinute = requests.filter((r) => r.start + r.responseLatency >= t && r.start + r.responseLatency < t + 60_000 && r.integrationLatency !== undefined);
      return [t, inMinute.length === 0 ? 0 : Math.max(...inMinute.map((r) => r.integrationLatency ?? 0))];
    }),
  });
  b.json('metrics/get-metric-data.json', metricData(metrics));
  const failingCount = countInWindow(failing, stateChange, 60, 3);
  b.expected({
    rootCause: 'integration-timeout',
    findings: ['integration-timeout'],
    failingRequests: failingCount,
    api: { id: api.apiId, stage: '$default', type: 'HTTP' },
    notes: `${failing.length} GET /search requests answered 503 after ~30 s (responseLatency 30002-30012 ms, integration latency unset): the HTTP API's 30 s integration limit, the backend search-legacy.example.com kept working but slowly (other searches took 8-26 s). No execution logs exist for HTTP APIs; no Lambda involved. GET /suggest 400s are 4xx noise.`,
  });
  b.readme(`
# http-integration-timeout-http-backend

**What happened.** \`search-http\` (HTTP API \`x3v8n1m5p2\`, stage \`$default\`) proxies \`GET /search\` to
\`https://search-legacy.example.com/v1/search\` (HTTP_PROXY, timeoutInMillis 30000). From 09:12 the backend slows down:
many searches still answer in 8-26 s, but ${failing.length} take longer than 30 s and API Gateway answers
**503 \`{"message":"Service Unavailable"}\`** at ~30 s. Root cause: **integration-timeout**.

**Files.**
- \`logs/aws/vendedlogs/apigateway/search-http-access.log\` — \`aws logs tail --format short\` output; the HTTP API console CLF preset
  with \`$context.responseLatency $context.integrationLatency $context.integrationErrorMessage\` appended (format in \`api/stage.json\`).
- \`alarm.json\` (SNS message shape, dimensions as a list), \`metrics/get-metric-data.json\` (5xx, 4xx, Count, IntegrationLatency Maximum),
  \`api/*.json\` (apigatewayv2 get-stage / get-deployments / export).

**Noise.** ~150 healthy requests on two routes, slow-but-successful searches, 400s on /suggest.

**Where the shapes come from.**
- HTTP API CLF preset: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html; appending
  \`$context.integrationErrorMessage\`: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html
- 503 + \`{"message":"Service Unavailable"}\` (content-length 33) on HTTP API timeouts: cortexlabs/cortex#1225 and #1226,
  serverless/serverless#11222, anomalyco/sst#2232; 30 s maximum: awsdocs/amazon-api-gateway-developer-guide#74.
- Not verified: what HTTP APIs put in \`$context.integrationErrorMessage\` / \`$context.integrationLatency\` on a timeout — left "-".
- \`aws logs tail --format short\` time format; SNS alarm message fields: CloudWatch alarm SNS notifications.
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

const CATALOG_FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","path":"$context.path","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","responseLatency":"$context.responseLatency","integrationStatus":"$context.integrationStatus","integrationLatency":"$context.integrationLatency","integrationRequestId":"$context.integration.requestId","integrationError":"$context.integration.error","errorMessage":"$context.error.message"}';

/** HTTP API http_proxy integration pointed at a host name that does not resolve (typo in UpdateIntegration). */
export function httpBackendUnreachableDns(): Bundle {
  const b = new Bundle('http-backend-unreachable-dns');
  const rng = b.rng;
  const api = httpApi('c4t9l0g8h2', 'catalog-http', 'prod');
  const listFn: FunctionShape = { name: 'catalog-list-fn', arn: functionArn('catalog-list-fn'), runtime: 'python3.12', runtimeVersion: 'python:3.12.v40', memoryMb: 512, timeoutSeconds: 10, format: 'python-json', tracing: false };
  const pool = new LambdaPool(rng, listFn, [620, 980]);
  const getItem: RouteDef = { method: 'GET', resourcePath: '/catalog/{sku}', path: (r) => `/catalog/SKU-${r.int(100000, 999999)}` };
  const list: RouteDef = { method: 'GET', resourcePath: '/catalog', path: () => '/catalog' };
  const from = utc('2026-06-16T10:25:00Z');
  const change = utc('2026-06-16T10:40:12Z');
  const to = utc('2026-06-16T10:49:30Z');
  const requests: GatewayRequest[] = [];
  const invocations: Invocation[] = [];
  const failing: GatewayRequest[] = [];
  for (const t of spread(rng, from, to, 165)) {
    const isList = rng.chance(0.35);
    const req = newRequest(rng, api, t, isList ? list : getItem);
    if (isList) {
      const inv = pool.invoke(t + rng.int(2, 5), rng.int(40, 300) + rng.next());
      inv.app = [{ at: 3, level: 'INFO', text: `listing catalog page=${rng.int(1, 40)} size=50` }];
      invocations.push(inv);
      const latency = Math.round(inv.start + inv.durationMs - t + rng.int(3, 9));
      req.integrationRequestId = inv.requestId;
      httpProxyAnswered(rng, req, 200, latency, rng.int(4000, 18000));
    } else if (t > change + 9_000) {
      httpInternalError(rng, req, [6, 31]);
      failing.push(req);
    } else if (rng.chance(0.06)) {
      httpProxyAnswered(rng, req, 404, rng.int(20, 60), 42);
    } else {
      httpProxyAnswered(rng, req, 200, rng.int(25, 180), rng.int(600, 2400));
    }
    requests.push(req);
  }
  const accessGroup = '/aws/apigateway/catalog-http-prod';
  b.logs('jsonl-insights', accessLines(rng, accessGroup, CATALOG_FORMAT, requests, 2));
  b.logs('get-log-events', lambdaLines(rng, listFn, invocations), `logs${lambdaGroup(listFn)}`);

  const breach = firstBreach(failingEnds(failing), 5, 60, 22_648);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmEventBridge({
    name: 'catalog-http-prod-5xx', description: 'catalog-http prod 5xx >= 5/min', metricName: '5xx', dimensions: dims(api), periodSeconds: 60,
    evaluationPeriods: 1, threshold: 5, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }, rng));
  const badUri = 'https://catalog-api.intenral.example.com/items/{sku}';
  b.json('api/stage.json', httpStage({ stageName: 'prod', deploymentId: 'w3n5vc', accessLogFormat: CATALOG_FORMAT, accessLogGroup: accessGroup, created: BASE_STAGE_CREATED, updated: change + 2_000 }));
  b.json('api/deployments.json', httpDeployments([
    { id: 'w3n5vc', description: 'Automatic deployment triggered by changes to the Api configuration', created: change + 2_000 },
    { id: 'r8d2hk', description: 'Automatic deployment triggered by changes to the Api configuration', created: utc('2026-06-02T16:20:45Z') },
  ]));
  b.json('api/export.json', httpExport('catalog-http', api.apiId, '2026-06-16 10:40:14UTC', [
    { path: '/catalog', method: 'GET', integration: { payloadFormatVersion: '2.0', type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri(listFn.name), connectionType: 'INTERNET', timeoutInMillis: 10000 } },
    { path: '/catalog/{sku}', method: 'GET', pathParams: ['sku'], integration: { payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'GET', uri: badUri, connectionType: 'INTERNET', timeoutInMillis: 15000 } },
  ]));
  b.json('changes/lookup-events.json', lookupEvents([
    {
      time: change, eventName: 'UpdateIntegration', eventSource: 'apigateway.amazonaws.com', user: 'deploy-bot',
      resources: [{ type: 'AWS::ApiGateway::Integration', name: `arn:aws:apigateway:us-east-1::/apis/${api.apiId}/integrations/7hq2x1c` }],
      requestParameters: { apiId: api.apiId, integrationId: '7hq2x1c', integrationUri: badUri },
      responseElements: { integrationId: '7hq2x1c', integrationType: 'HTTP_PROXY', integrationMethod: 'GET', integrationUri: badUri, connectionType: 'INTERNET', payloadFormatVersion: '1.0', timeoutInMillis: 15000 },
      userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.82.2',
    },
  ], rng));
  b.json('functions/catalog-list-fn.json', functionConfiguration({ name: listFn.name, runtime: 'python3.12', handler: 'app.handler', timeoutSeconds: 10, memoryMb: 512, lastModified: utc('2026-05-28T09:01:33Z'), role: `arn:aws:iam::${ACCOUNT_ID}:role/catalog-list-fn`, logFormat: 'JSON', tracing: false }, rng));
  b.json('metrics/apigateway.json', metricData(httpMetrics(api, requests, utc('2026-06-16T10:25:00Z'), utc('2026-06-16T10:50:00Z'))));
  const count = countInWindow(failing, stateChange, 60, 1);
  b.expected({
    rootCause: 'backend-unreachable',
    findings: ['backend-unreachable'],
    failingRequests: count,
    api: { id: api.apiId, stage: 'prod', type: 'HTTP' },
    notes: `Every GET /catalog/{sku} after the 10:40:12Z UpdateIntegration fails with 500 within 6-31 ms, integration status/latency unset: the new integration URI host catalog-api.intenral.example.com (typo of "internal") does not resolve. GET /catalog (Lambda) stays healthy. ${count} of ${failing.length} failures are inside the window (1 x 60 s + 15 min before ${new Date(stateChange).toISOString()}, 5 min after).`,
  });
  b.readme(`
# http-backend-unreachable-dns

**What happened.** \`catalog-http\` (HTTP API \`c4t9l0g8h2\`, stage \`prod\`, auto-deploy). At 10:40:12 a Terraform apply
updated the \`GET /catalog/{sku}\` HTTP_PROXY integration to \`https://catalog-api.intenral.example.com/items/{sku}\` — a
typo, the name does not resolve. From then on that route answers **500 \`{"message":"Internal Server Error"}\`** in a few
milliseconds with no integration status or latency; \`GET /catalog\` (Lambda) keeps working. Root cause: **backend-unreachable**.

**Files.**
- \`logs/aws/apigateway/catalog-http-prod.jsonl\` — JSON Lines in the Logs Insights export style (\`@timestamp\` "2026-06-16 10:40:31.204", \`@message\`); custom JSON access log with string values.
- \`logs/aws/lambda/catalog-list-fn.json\` — the \`aws logs get-log-events\` shape (no logStreamName per event) holding the events of all the function's streams, Python JSON log format with platform.initStart/start/report events.
- \`changes/lookup-events.json\` (UpdateIntegration with the new URI), \`api/export.json\` (the typo'd URI), \`alarm.json\` (EventBridge shape), \`metrics/apigateway.json\`.

**Noise.** Healthy list traffic through Lambda with cold starts, 404s for unknown SKUs before the change.

**Where the shapes come from.**
- HTTP API access-log variables: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
- REST equivalent "Execution failed due to configuration error: Invalid endpoint address" → 500 API_CONFIGURATION_ERROR:
  https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html ("when an invalid endpoint address is submitted").
- Not verified: the status and \`$context.integrationErrorMessage\` an HTTP API writes when the host does not resolve. This bundle uses 500
  "Internal Server Error" and leaves the integration fields "-" (as serverless-application-model#2005 reports for HTTP API failures).
- CloudTrail \`UpdateIntegration\` record shape: CloudTrail lookup-events output with CloudTrailEvent as a JSON string.
- Lambda JSON log format (platform.start / platform.report records): a public 2026 CloudWatch capture found with the code index.
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

const BOOKINGS_FORMAT =
  '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength", "integrationStatus":"$context.integrationStatus", "integrationLatency":"$context.integrationLatency", "integrationErrorMessage":"$context.integrationErrorMessage" }';

/** HTTP API passing on a backend's 502/503 during a bad rollout. */
export function httpBackendErrorResponse(): Bundle {
  const b = new Bundle('http-backend-error-response');
  const rng = b.rng;
  const api = httpApi('b8k2n5q7r1', 'bookings-http');
  const routes: RouteDef[] = [
    { method: 'GET', resourcePath: '/bookings/{proxy+}', path: (r) => `/bookings/${r.pick(['upcoming', 'history', `bk-${r.int(10000, 99999)}`])}` },
    { method: 'POST', resourcePath: '/bookings/{proxy+}', path: () => '/bookings/create' },
  ];
  const from = utc('2026-07-21T16:05:00Z');
  const rollout = utc('2026-07-21T16:18:40Z');
  const onset = utc('2026-07-21T16:20:10Z');
  const recovered = utc('2026-07-21T16:31:00Z');
  const to = utc('2026-07-21T16:34:00Z');
  const requests: GatewayRequest[] = [];
  const failing: GatewayRequest[] = [];
  // An earlier, resolved blip (15:35-15:38): a few 502s well before the alarm window. Not this incident.
  const earlier: GatewayRequest[] = [];
  for (const t of spread(rng, utc('2026-07-21T15:31:00Z'), utc('2026-07-21T15:41:00Z'), 40)) {
    const route = routes[0];
    if (!route) continue;
    const req = newRequest(rng, api, t, route);
    if (t >= utc('2026-07-21T15:35:00Z') && t < utc('2026-07-21T15:38:00Z') && rng.chance(0.9)) {
      httpProxyAnswered(rng, req, 502, rng.int(3, 30), 150);
      earlier.push(req);
    } else {
      httpProxyAnswered(rng, req, 200, rng.int(35, 420), rng.int(400, 6000));
    }
    requests.push(req);
  }
  for (const t of spread(rng, from, to, 195)) {
    const route = rng.chance(0.8) ? routes[0] : routes[1];
    if (!route) continue;
    const req = newRequest(rng, api, t, route);
    if (t >= onset && t < recovered && rng.chance(0.3)) {
      const status = rng.chance(0.7) ? 502 : 503;
      httpProxyAnswered(rng, req, status, status === 502 ? rng.int(3, 40) : rng.int(1, 6), status === 502 ? 150 : 190);
      failing.push(req);
    } else if (rng.chance(0.04)) {
      httpProxyAnswered(rng, req, rng.pick([400, 401, 409]), rng.int(20, 120), rng.int(60, 140));
    } else {
      httpProxyAnswered(rng, req, route.method === 'POST' ? 201 : 200, rng.int(35, 420), rng.int(400, 6000));
    }
    requests.push(req);
  }
  const accessGroup = '/aws/apigateway/bookings-http';
  b.logs('insights', accessLines(rng, accessGroup, BOOKINGS_FORMAT, requests, 2));
  const breach = firstBreach(failingEnds(failing), 5, 60, 18_377);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmSnsMessage({
    name: 'bookings-http-5xx', description: 'bookings-http 5xx >= 5 in 1 minute', metricName: '5xx', dimensions: dims(api), periodSeconds: 60,
    evaluationPeriods: 2, threshold: 5, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }));
  b.json('api/stage.json', httpStage({ stageName: '$default', deploymentId: 'a7c3mt', accessLogFormat: BOOKINGS_FORMAT, accessLogGroup: accessGroup, created: BASE_STAGE_CREATED, updated: utc('2026-07-01T10:00:03Z') }));
  b.json('api/export.json', httpExport('bookings-http', api.apiId, '2026-07-01 10:00:03UTC', [
    { path: '/bookings/{proxy+}', method: 'ANY', pathParams: ['proxy'], integration: { payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'ANY', uri: 'https://bookings.svc.example.com/api/{proxy}', connectionType: 'INTERNET', timeoutInMillis: 29000 } },
  ]));
  b.json('changes/lookup-events.json', lookupEvents([
    {
      time: rollout, eventName: 'UpdateService', eventSource: 'ecs.amazonaws.com', user: 'github-actions',
      resources: [{ type: 'AWS::ECS::Service', name: 'arn:aws:ecs:us-east-1:123456789012:service/bookings/bookings-api' }],
      requestParameters: { cluster: 'bookings', service: 'bookings-api', taskDefinition: 'bookings-api:214', forceNewDeployment: false },
      userAgent: 'aws-sdk-js/3.637.0 ua/2.1 os/linux#6.5.0-1025-azure lang/js md/nodejs#20.17.0 api/ecs#3.637.0',
    },
  ], rng));
  b.json('metrics/apigateway.json', metricData(httpMetrics(api, requests, utc('2026-07-21T15:31:00Z'), utc('2026-07-21T16:35:00Z'))));
  const count = countInWindow(failing, stateChange, 60, 2);
  b.expected({
    rootCause: 'backend-error-response',
    findings: ['backend-error-response'],
    failingRequests: count,
    api: { id: api.apiId, stage: '$default', type: 'HTTP' },
    notes: `An earlier, resolved burst of ${earlier.length} 502s at 15:35-15:38 is outside the alarm window and not part of this incident. About 30% of requests between 16:20 and 16:31 get 502/503 from the backend itself (integrationStatus equals status, integration latency 1-40 ms, no integration error message) right after the ECS UpdateService to bookings-api:214 at 16:18:40Z. API Gateway passes the status on. 4xx are noise.`,
  });
  b.readme(`
# http-backend-error-response

**What happened.** \`bookings-http\` (HTTP API \`b8k2n5q7r1\`, \`$default\`) proxies \`ANY /bookings/{proxy+}\` to
\`https://bookings.svc.example.com/api/{proxy}\`. An ECS rollout at 16:18:40 left part of the fleet answering **502/503** from
the backend's own proxy until 16:31. API Gateway passes those statuses through (integrationStatus = status). Root cause:
**backend-error-response**.

**Files.**
- \`logs/aws/apigateway/bookings-http.json\` — \`aws logs get-query-results\`, newest first, with @logStream and @log; the HTTP API console JSON preset plus integration fields (format in \`api/stage.json\`).
- \`alarm.json\` (SNS), \`changes/lookup-events.json\` (ecs UpdateService), \`metrics/apigateway.json\`, \`api/*.json\`.

**Noise.** ~200 healthy requests, 400/401/409 answers, and an **earlier resolved burst** of 502s at 15:35-15:38, outside the alarm window.

**Where the shapes come from.**
- HTTP API console JSON preset and variables: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html,
  http-api-logging-variables.html; unset values as "-": DataBiosphere/azul#6284.
- HTTP_PROXY passes the backend status through: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html
- Logs Insights get-query-results rows ({field, value}, @log "account:group"): https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

const PROFILE_FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","responseLatency":"$context.responseLatency","integrationRequestId":"$context.integration.requestId","integrationStatus":"$context.integration.integrationStatus","functionStatus":"$context.integration.status","integrationLatency":"$context.integration.latency","integrationErrorMessage":"$context.integrationErrorMessage","authorizerError":"$context.authorizer.error","errorMessage":"$context.error.message"}';

/** HTTP API Lambda authorizer (simple responses) returning a string where a boolean is required. */
export function httpAuthorizerError(): Bundle {
  const b = new Bundle('http-authorizer-error');
  const rng = b.rng;
  const api = httpApi('p9r4f1l6e3', 'profile-http');
  const authFn: FunctionShape = { name: 'profile-authorizer', arn: functionArn('profile-authorizer'), runtime: 'python3.12', runtimeVersion: 'python:3.12.v40', memoryMb: 256, timeoutSeconds: 5, format: 'python-text', tracing: false };
  const appFn: FunctionShape = { name: 'profile-fn', arn: functionArn('profile-fn'), runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v32', memoryMb: 512, timeoutSeconds: 10, format: 'node-json', tracing: false };
  const authPool = new LambdaPool(rng, authFn, [310, 460]);
  const appPool = new LambdaPool(rng, appFn, [180, 320]);
  const routes: RouteDef[] = [
    { method: 'GET', resourcePath: '/me', path: () => '/me' },
    { method: 'PUT', resourcePath: '/me', path: () => '/me' },
    { method: 'GET', resourcePath: '/me/preferences', path: () => '/me/preferences' },
  ];
  const health: RouteDef = { method: 'GET', resourcePath: '/health', path: () => '/health' };
  const from = utc('2026-08-12T08:15:00Z');
  const deploy = utc('2026-08-12T08:31:07Z');
  const onset = deploy + 24_000;
  const to = utc('2026-08-12T08:41:00Z');
  const requests: GatewayRequest[] = [];
  const authInv: Invocation[] = [];
  const appInv: Invocation[] = [];
  const failing: GatewayRequest[] = [];
  for (const t of spread(rng, from, to, 120)) {
    const isHealth = rng.chance(0.15);
    const route = isHealth ? health : rng.pick(routes);
    const req = newRequest(rng, api, t, route);
    let clock = t + 2;
    if (!isHealth) {
      const a = authPool.invoke(clock, rng.int(3, 40) + rng.next());
      const sub = `usr_${rng.hex(10)}`;
      if (t >= onset) {
        a.app = [{ at: 1, level: 'INFO', text: `authorized sub=${sub} decision={'isAuthorized': 'true', 'context': {'sub': '${sub}', 'tier': 'standard'}}` }];
      } else {
        a.app = [{ at: 1, level: 'INFO', text: `authorized sub=${sub}` }];
      }
      authInv.push(a);
      clock = a.start + a.durationMs + rng.int(2, 6);
      if (t >= onset) {
        httpInternalError(rng, req, [Math.round(clock - t) + 1, Math.round(clock - t) + 6]);
        failing.push(req);
        requests.push(req);
        continue;
      }
    }
    const inv = appPool.invoke(clock, rng.int(15, 160) + rng.next());
    const status = route.method === 'PUT' && rng.chance(0.08) ? 422 : 200;
    inv.app = [{ at: 2, level: 'INFO', text: `${route.method} ${route.resourcePath} -> ${status}` }];
    appInv.push(inv);
    req.integrationRequestId = inv.requestId;
    httpProxyAnswered(rng, req, status, Math.round(inv.start + inv.durationMs - clock + rng.int(2, 6)), status === 422 ? 88 : rng.int(200, 1800));
    // Lambda integrations: the Lambda service answered 200; the function's own status is $context.integration.status.
    req.integrationStatus = 200;
    req.responseLatency = Math.round(inv.start + inv.durationMs - t + rng.int(3, 8));
    requests.push(req);
  }
  // Access log: filter-log-events, one file for the whole group.
  const accessGroup = '/aws/apigateway/profile-http';
  b.logs('filter-log-events', accessLines(rng, accessGroup, PROFILE_FORMAT, requests, 2));
  b.logs('tail-short', lambdaLines(rng, authFn, authInv), `logs${lambdaGroup(authFn)}`);
  // profile-fn: one stream per file, as `aws logs get-log-events --log-stream-name ...` writes it.
  const appLines = lambdaLines(rng, appFn, appInv);
  const byStream = new Map<string, LogLine[]>();
  for (const line of appLines) byStream.set(line.stream, [...(byStream.get(line.stream) ?? []), line]);
  for (const [stream, lines] of byStream) {
    b.logs('get-log-events', lines, `logs${lambdaGroup(appFn)}/${stream.replace(/[\[\]$]/g, '_').replace(/\//g, '-')}`);
  }

  const breach = firstBreach(failingEnds(failing), 5, 60, 12_905);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmEventBridge({
    name: 'profile-http-5xx', description: 'profile-http 5xx >= 5 per minute', metricName: '5xx', dimensions: dims(api), periodSeconds: 60,
    evaluationPeriods: 1, threshold: 5, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }, rng));
  b.json('api/stage.json', httpStage({ stageName: '$default', deploymentId: 'u2p6ks', accessLogFormat: PROFILE_FORMAT, accessLogGroup: accessGroup, created: BASE_STAGE_CREATED, updated: utc('2026-07-30T12:41:19Z') }));
  const authorizer = { name: 'profile-authorizer', type: 'request' as const, functionName: authFn.name, identitySource: '$request.header.Authorization', resultTtl: 0, payloadFormatVersion: '2.0', simpleResponses: true };
  b.json('api/export.json', httpExport('profile-http', api.apiId, '2026-07-30 12:41:19UTC', [
    ...routes.map((r) => ({ path: r.resourcePath, method: r.method, authorizer: 'profile-authorizer', integration: { payloadFormatVersion: '2.0', type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri(appFn.name), connectionType: 'INTERNET', timeoutInMillis: 10000 } })),
    { path: '/health', method: 'GET', integration: { payloadFormatVersion: '2.0', type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri(appFn.name), connectionType: 'INTERNET', timeoutInMillis: 10000 } },
  ], [authorizer]));
  b.json('functions/profile-authorizer.json', functionConfiguration({ name: authFn.name, runtime: 'python3.12', handler: 'authorizer.handler', timeoutSeconds: 5, memoryMb: 256, lastModified: deploy, role: `arn:aws:iam::${ACCOUNT_ID}:role/profile-authorizer`, logFormat: 'Text', tracing: false, description: 'HTTP API authorizer (simple responses)' }, rng));
  b.json('functions/profile-fn.json', functionConfiguration({ name: appFn.name, runtime: 'nodejs20.x', handler: 'index.handler', timeoutSeconds: 10, memoryMb: 512, lastModified: utc('2026-07-30T12:40:02Z'), role: `arn:aws:iam::${ACCOUNT_ID}:role/profile-fn`, logFormat: 'JSON', tracing: false }, rng));
  b.json('changes/lookup-events.json', lookupEvents([
    {
      time: deploy, eventName: 'UpdateFunctionCode20150331v2', eventSource: 'lambda.amazonaws.com', user: 'ci-deployer',
      resources: [{ type: 'AWS::Lambda::Function', name: authFn.name }],
      requestParameters: { functionName: authFn.name, publish: false, dryRun: false, s3Bucket: 'acme-artifacts', s3Key: 'profile-authorizer/4f1c2e9.zip' },
    },
  ], rng));
  b.json('metrics/apigateway.json', metricData(httpMetrics(api, requests, utc('2026-08-12T08:15:00Z'), utc('2026-08-12T08:42:00Z'))));
  const count = countInWindow(failing, stateChange, 60, 1);
  b.expected({
    rootCause: 'authorizer-error',
    findings: ['authorizer-error'],
    failingRequests: count,
    api: { id: api.apiId, stage: '$default', type: 'HTTP' },
    notes: `After UpdateFunctionCode on profile-authorizer (08:31:07Z) every authorized route answers 500 "Internal Server Error": the authorizer runs (its logs show each call) but returns {'isAuthorized': 'true', ...} — a string where the simple-response format needs a boolean — and profile-fn is never invoked for those requests (integration fields "-"). GET /health has no authorizer and stays 200. $context.authorizer.error is "-" in this bundle (its real text for this case was not found).`,
  });
  b.readme(`
# http-authorizer-error

**What happened.** \`profile-http\` (HTTP API \`p9r4f1l6e3\`) protects \`/me\` routes with a REQUEST Lambda authorizer
(payload 2.0, **simple responses**, no caching). A deploy of \`profile-authorizer\` (Python 3.12) at 08:31:07 made it
return \`{"isAuthorized": "true", ...}\` — a string, not a boolean. API Gateway rejects the response and answers **500
\`{"message":"Internal Server Error"}\`** without calling \`profile-fn\`. \`GET /health\` (no authorizer) stays healthy.
Root cause: **authorizer-error**.

**Files.**
- \`logs/aws/apigateway/profile-http.json\` — \`aws logs filter-log-events\` (pretty); custom JSON with \`$context.authorizer.error\` and integration fields.
- \`logs/aws/lambda/profile-authorizer.log\` — \`aws logs tail --format short\`; Python text format (\`[INFO]\\t<time>\\t<id>\\t...\`), the decision the function logged.
- \`logs/aws/lambda/profile-fn/*.json\` — **one file per log stream** (\`get-log-events\`), Node.js JSON log format.
- \`api/export.json\` (authorizer with enableSimpleResponses), \`functions/*.json\`, \`changes/lookup-events.json\`, \`alarm.json\` (EventBridge), \`metrics/apigateway.json\`.

**Noise.** Healthy /health traffic, 422s from PUT /me, cold starts on both functions.

**Where the shapes come from.**
- Simple response format (\`isAuthorized\` boolean): https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
- Malformed authorizer output → 500 (AuthorizerConfigurationException): newbedev/Stack Overflow answer on custom authorizer error codes, auth0-samples/jwt-rsa-aws-custom-authorizer#6.
- Not verified: \`$context.authorizer.error\` text for this case — left "-" (serverless-application-model#2005: all error fields "-" on an HTTP API authorizer 500).
- Python runtime text log line \`[INFO]\\t<ISO time>\\t<request id>\\t<message>\`; Node JSON format and platform events as in the other bundles.
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

/** Only metrics and the alarm tell of the failures; the one access log file covers a healthy hour. */
export function httpInsufficientEvidenceMetricsOnly(): Bundle {
  const b = new Bundle('http-insufficient-evidence-metrics-only');
  const rng = b.rng;
  const api = httpApi('n2t6f8y3k5', 'notify-http');
  const route: RouteDef = { method: 'POST', resourcePath: '/notify', path: () => '/notify' };
  const status: RouteDef = { method: 'GET', resourcePath: '/status/{id}', path: (r) => `/status/${r.uuid()}` };
  // Healthy access log from an hour before the incident (the person exported the wrong time range).
  const healthy: GatewayRequest[] = [];
  for (const t of spread(rng, utc('2026-09-03T10:00:00Z'), utc('2026-09-03T10:12:00Z'), 110)) {
    const req = newRequest(rng, api, t, rng.chance(0.6) ? route : status);
    httpProxyAnswered(rng, req, req.httpMethod === 'POST' ? 202 : 200, rng.int(12, 140), rng.int(40, 400));
    healthy.push(req);
  }
  const accessGroup = '/aws/apigateway/notify-http';
  b.logs('jsonl-plain', accessLines(rng, accessGroup, ACCESS_FORMATS.httpJsonConsole, healthy, 2));
  // The incident, 11:02-11:08: only in metrics.
  const from = utc('2026-09-03T10:50:00Z');
  const counts: [number, number][] = [];
  const fivexx: [number, number][] = [];
  const incident = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 4, 2, 2, 1, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < 25; i += 1) {
    const t = from + i * 60_000;
    counts.push([t, rng.int(7, 12)]);
    fivexx.push([t, incident[i] ?? 0]);
  }
  const total = fivexx.reduce((sum, [, v]) => sum + v, 0);
  const stateChange = from + 13 * 60_000 + 60_000 + 27_015;
  b.json('alarm.json', alarmEventBridge({
    name: 'notify-http-5xx', description: 'notify-http 5xx >= 3 per minute', metricName: '5xx', dimensions: dims(api), periodSeconds: 60,
    evaluationPeriods: 5, threshold: 3, stateChangeTime: stateChange, breachingValue: 3, breachingPeriodStart: from + 13 * 60_000,
  }, rng));
  b.json('metrics/apigateway.json', metricData([
    { id: 'm5xx', namespace: 'AWS/ApiGateway', metricName: '5xx', dimensions: dims(api), stat: 'Sum', periodSeconds: 60, points: fivexx },
    { id: 'mcount', namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: dims(api), stat: 'Sum', periodSeconds: 60, points: counts },
  ]));
  b.json('api/stage.json', httpStage({ stageName: '$default', deploymentId: 'e5g1nb', accessLogFormat: ACCESS_FORMATS.httpJsonConsole, accessLogGroup: accessGroup, created: BASE_STAGE_CREATED, updated: utc('2026-08-20T07:33:50Z') }));
  b.expected({
    rootCause: 'insufficient-evidence',
    findings: [],
    failingRequests: total,
    api: { id: api.apiId, stage: '$default', type: 'HTTP' },
    notes: `The 5xx metric shows ${total} failures between 11:02 and 11:08 and the alarm fired at ${new Date(stateChange).toISOString()}, but the only log file is the access log from 10:00-10:12 with healthy 200/202 traffic, and HTTP APIs have no execution logs. Nothing says which route failed or why: say that the access log for the window (and backend logs) are missing. failingRequests is the metric sum.`,
  });
  b.readme(`
# http-insufficient-evidence-metrics-only

**What happened.** \`notify-http\` (HTTP API \`n2t6f8y3k5\`) threw ${total} 5xx between 11:02 and 11:08 (5xx metric) and its alarm
fired. The bundle holds the alarm, the metrics and one access log file — but that file covers **10:00-10:12**, an hour
before, with healthy traffic only. There is no way to say which integration failed. Expected: **insufficient-evidence**,
naming the missing access log for the window.

**Files.** \`alarm.json\` (EventBridge), \`metrics/apigateway.json\` (5xx and Count), \`api/stage.json\`,
\`logs/aws/apigateway/notify-http.jsonl\` (JSON Lines \`{"timestamp": <ms>, "message": ...}\`, HTTP API console JSON preset).

**Where the shapes come from.** HTTP API JSON preset: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html;
HTTP API metrics 5xx/Count with ApiId/Stage: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

/** Two routes, two causes: an unresolvable host after a config change, and a slow partner API. */
export function httpTwoCausesDnsAndTimeout(): Bundle {
  const b = new Bundle('http-two-causes-dns-and-timeout');
  const rng = b.rng;
  const api = httpApi('s7f3r0n9t4', 'storefront-http');
  const inventory: RouteDef = { method: 'GET', resourcePath: '/inventory/{sku}', path: (r) => `/inventory/${r.int(1000000, 9999999)}` };
  const pricing: RouteDef = { method: 'GET', resourcePath: '/pricing/{sku}', path: (r) => `/pricing/${r.int(1000000, 9999999)}` };
  const cart: RouteDef = { method: 'POST', resourcePath: '/cart', path: () => '/cart' };
  const from = utc('2026-10-02T19:30:00Z');
  const dnsChange = utc('2026-10-02T19:41:55Z');
  const slowFrom = utc('2026-10-02T19:43:00Z');
  const to = utc('2026-10-02T19:52:00Z');
  const requests: GatewayRequest[] = [];
  const dnsFail: GatewayRequest[] = [];
  const slowFail: GatewayRequest[] = [];
  for (const t of spread(rng, from, to, 210)) {
    const pick = rng.next();
    const route = pick < 0.45 ? inventory : pick < 0.8 ? pricing : cart;
    const req = newRequest(rng, api, t, route);
    if (route === inventory && t > dnsChange + 8_000) {
      httpInternalError(rng, req, [5, 28]);
      dnsFail.push(req);
    } else if (route === pricing && t >= slowFrom && t < to - 35_000 && rng.chance(0.3)) {
      httpIntegrationTimeout(rng, req);
      slowFail.push(req);
    } else if (route === pricing && t >= slowFrom) {
      httpProxyAnswered(rng, req, 200, rng.int(2_500, 21_000), rng.int(200, 900));
    } else {
      httpProxyAnswered(rng, req, route === cart ? 201 : 200, rng.int(20, 400), rng.int(150, 3000));
    }
    requests.push(req);
  }
  const accessGroup = '/aws/apigateway/storefront-http';
  // Plain text: one access log message per line, as copied out of the console (times only inside the CLF line).
  b.logs('plain', accessLines(rng, accessGroup, HTTP_CLF_EXTENDED, requests, 2));
  const all = [...dnsFail, ...slowFail];
  const breach = firstBreach(failingEnds(all), 5, 60, 35_411);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmSnsMessage({
    name: 'storefront-http-5xx', description: 'storefront-http 5xx >= 5 per minute for 1 of 5 datapoints', metricName: '5xx', dimensions: dims(api), periodSeconds: 60,
    evaluationPeriods: 5, threshold: 5, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }));
  const badUri = 'https://inventory.internal.exmaple.com/v2/stock/{sku}';
  b.json('api/stage.json', httpStage({ stageName: '$default', deploymentId: 'h4v7pq', accessLogFormat: HTTP_CLF_EXTENDED, accessLogGroup: accessGroup, created: BASE_STAGE_CREATED, updated: dnsChange + 1_500 }));
  b.json('api/export.json', httpExport('storefront-http', api.apiId, '2026-10-02 19:41:57UTC', [
    { path: '/inventory/{sku}', method: 'GET', pathParams: ['sku'], integration: { payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'GET', uri: badUri, connectionType: 'INTERNET', timeoutInMillis: 10000 } },
    { path: '/pricing/{sku}', method: 'GET', pathParams: ['sku'], integration: { payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'GET', uri: 'https://pricing.partner.example.net/api/prices/{sku}', connectionType: 'INTERNET', timeoutInMillis: 30000 } },
    { path: '/cart', method: 'POST', integration: { payloadFormatVersion: '1.0', type: 'http_proxy', httpMethod: 'POST', uri: 'https://cart.svc.example.com/cart', connectionType: 'INTERNET', timeoutInMillis: 10000 } },
  ]));
  b.json('changes/lookup-events.json', lookupEvents([
    {
      time: dnsChange, eventName: 'UpdateIntegration', eventSource: 'apigateway.amazonaws.com', user: 'priya.n',
      resources: [{ type: 'AWS::ApiGateway::Integration', name: `arn:aws:apigateway:us-east-1::/apis/${api.apiId}/integrations/q0r8t2z` }],
      requestParameters: { apiId: api.apiId, integrationId: 'q0r8t2z', integrationUri: badUri },
      responseElements: { integrationId: 'q0r8t2z', integrationType: 'HTTP_PROXY', integrationUri: badUri, timeoutInMillis: 10000 },
      userAgent: 'console.amazonaws.com',
    },
  ], rng));
  b.json('metrics/apigateway.json', metricData(httpMetrics(api, requests, utc('2026-10-02T19:30:00Z'), utc('2026-10-02T19:53:00Z'))));
  const dnsCount = countInWindow(dnsFail, stateChange, 60, 5);
  const slowCount = countInWindow(slowFail, stateChange, 60, 5);
  const order = dnsCount >= slowCount ? ['backend-unreachable', 'integration-timeout'] : ['integration-timeout', 'backend-unreachable'];
  b.expected({
    rootCause: order[0] ?? 'backend-unreachable',
    findings: order,
    failingRequests: dnsCount + slowCount,
    api: { id: api.apiId, stage: '$default', type: 'HTTP' },
    notes: `Two causes. GET /inventory/{sku}: ${dnsCount} fast 500s after the console UpdateIntegration at 19:41:55Z set the host to inventory.internal.exmaple.com (typo) -> backend-unreachable. GET /pricing/{sku}: ${slowCount} 503 "Service Unavailable" at ~30 s while the partner pricing API slowed down from 19:43 (other pricing calls took 2.5-21 s) -> integration-timeout. POST /cart is healthy.`,
  });
  b.readme(`
# http-two-causes-dns-and-timeout

**What happened.** \`storefront-http\` (HTTP API \`s7f3r0n9t4\`) had two unrelated failures at once:
1. At 19:41:55 someone edited the \`GET /inventory/{sku}\` integration in the console; the new host
   \`inventory.internal.exmaple.com\` does not resolve → fast **500**s on every inventory call (**backend-unreachable**).
2. From 19:43 the partner pricing API behind \`GET /pricing/{sku}\` slowed down; about a third of pricing calls passed
   30 s → **503 "Service Unavailable"** at ~30 s (**integration-timeout**).

**Files.** \`logs/aws/apigateway/storefront-http.log\` — **plain text**, one access-log message per line (no CloudWatch
timestamps; the time is the CLF \`[requestTime]\`), HTTP CLF preset + responseLatency, integrationLatency,
integrationErrorMessage. \`alarm.json\` (SNS), \`changes/lookup-events.json\`, \`api/export.json\`, \`metrics/apigateway.json\`.

**Where the shapes come from.** As in http-integration-timeout-http-backend (503 on HTTP API timeouts) and
http-backend-unreachable-dns (status for an unresolvable host not verified; 500 used, integration fields "-").
`);
  return b;
}
