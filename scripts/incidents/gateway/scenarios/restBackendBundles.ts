/** REST bundles whose cause lies behind an HTTP integration: VPC link, TLS, backend 5xx (plain, noisy, corrupt files). */
import {
  alarmEventBridge,
  alarmSnsMessage,
  countInWindow,
  firstBreach,
  functionConfiguration,
  lookupEvents,
  metricData,
  perMinute,
  restDeployments,
  restStage,
  type MetricSeriesSpec,
} from '../awsDocuments.ts';
import { lambdaIntegrationUri, restExport } from '../apiExport.ts';
import { Bundle } from '../bundle.ts';
import { ACCESS_FORMATS, type GatewayRequest } from '../gatewayRequest.ts';
import { lambdaGroup, type FunctionShape, type Invocation } from '../lambdaLogs.ts';
import { ACCOUNT_ID, type LogLine } from '../logFiles.ts';
import type { Random } from '../random.ts';
import { utc } from '../timeFormats.ts';
import { batchGetTraces } from '../traces.ts';
import {
  LambdaPool,
  accessLines,
  baseTrace,
  execLines,
  functionArn,
  lambdaLines,
  newRequest,
  restApi,
  spread,
  type Api,
  type RouteDef,
} from '../traffic.ts';
import { restHttpProxyAnswered, restHttpProxyFailed, restLambdaProxyOk } from './restFlows.ts';

function restDims(api: Api): Record<string, string> {
  return { ApiName: api.apiName, Stage: api.stage };
}

function restMetrics(api: Api, requests: GatewayRequest[], from: number, to: number): MetricSeriesSpec[] {
  const end = (r: GatewayRequest): number => r.start + r.responseLatency;
  return [
    { id: 'm5xx', namespace: 'AWS/ApiGateway', metricName: '5XXError', dimensions: restDims(api), stat: 'Sum', periodSeconds: 60, points: perMinute(requests.filter((r) => r.status >= 500).map(end), from, to) },
    { id: 'm4xx', namespace: 'AWS/ApiGateway', metricName: '4XXError', dimensions: restDims(api), stat: 'Sum', periodSeconds: 60, points: perMinute(requests.filter((r) => r.status >= 400 && r.status < 500).map(end), from, to) },
    { id: 'mcount', namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: restDims(api), stat: 'Sum', periodSeconds: 60, points: perMinute(requests.map(end), from, to) },
  ];
}

const ends = (requests: GatewayRequest[]): number[] => requests.map((r) => r.start + r.responseLatency);

/** Group execution-log lines by stream, one get-log-events file per stream. */
function perStreamFiles(b: Bundle, lines: LogLine[], dir: string): void {
  const byStream = new Map<string, LogLine[]>();
  for (const line of lines) byStream.set(line.stream, [...(byStream.get(line.stream) ?? []), line]);
  for (const [stream, streamLines] of byStream) b.logs('get-log-events', streamLines, `${dir}/${stream}`);
}

// ---------------------------------------------------------------------------------------------------------------

export function restBackendUnreachableVpclink(): Bundle {
  const b = new Bundle('rest-backend-unreachable-vpclink');
  const rng = b.rng;
  const api = restApi('p4y8m3n7t2', 'payments-api', 'prod', { usagePlan: true, dataTrace: false, tracing: false });
  const nlbUri = 'http://payments-nlb-5c1e0f7a9b2d4e68.elb.us-east-1.amazonaws.com:8080';
  const payments: RouteDef = { method: 'POST', resourcePath: '/payments/{proxy+}', path: (r) => `/payments/${r.pick(['authorize', 'capture', 'refund'])}` };
  const status: RouteDef = { method: 'GET', resourcePath: '/payments/{proxy+}', path: (r) => `/payments/pay_${r.hex(12)}` };
  const rates: RouteDef = { method: 'GET', resourcePath: '/fx-rates', path: () => '/fx-rates' };
  const from = utc('2026-04-14T14:48:00Z');
  const scaledToZero = utc('2026-04-14T15:01:44Z');
  const drained = scaledToZero + 95_000;
  const to = utc('2026-04-14T15:07:30Z');
  const requests: GatewayRequest[] = [];
  const failing: GatewayRequest[] = [];
  for (const t of spread(rng, from, to, 96)) {
    const pick = rng.next();
    const route = pick < 0.45 ? payments : pick < 0.75 ? status : rates;
    const req = newRequest(rng, api, t, route);
    if (route !== rates && t >= drained) {
      restHttpProxyFailed(rng, api, req, {
        uri: `${nlbUri}${req.path}`,
        failure: 'Execution failed due to configuration error: There was an internal error while executing your request',
        status: 500, afterMs: rng.int(3, 40), message: 'Internal server error', responseType: 'API_CONFIGURATION_ERROR',
      });
      failing.push(req);
    } else if (route === rates) {
      restHttpProxyAnswered(rng, api, req, { uri: 'https://fx.example-bank.com/api/v1/rates/latest', status: 200, latency: rng.int(60, 240), contentType: 'application/json', responseLength: rng.int(800, 1600) });
    } else {
      const code = route === payments && rng.chance(0.07) ? 402 : route === payments ? 201 : 200;
      restHttpProxyAnswered(rng, api, req, { uri: `${nlbUri}${req.path}`, status: code, latency: rng.int(45, 380), contentType: 'application/json', responseLength: rng.int(200, 900), server: 'envoy' });
    }
    requests.push(req);
  }
  // Logs Insights: `fields @timestamp, @message, @logStream, @log | filter @message like /Execution failed|Method completed/`.
  b.logs('insights', execLines(rng, api, requests, 3).filter((line) => /Execution failed|Method completed/.test(line.message)));
  const accessGroup = 'payments-api-prod-access';
  b.logs('get-log-events', accessLines(rng, accessGroup, ACCESS_FORMATS.restXml, requests, 1));

  const breach = firstBreach(ends(failing), 3, 60, 48_113);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmEventBridge({
    name: 'payments-api-prod-5XXError', description: 'payments-api prod: 5XXError >= 3 in a minute', metricName: '5XXError', dimensions: restDims(api),
    periodSeconds: 60, evaluationPeriods: 1, threshold: 3, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }, rng));
  b.json('api/stage.json', restStage({ stageName: 'prod', deploymentId: 'c0v7lz', loggingLevel: 'INFO', dataTrace: false, tracing: false, accessLogFormat: ACCESS_FORMATS.restXml, accessLogGroup: accessGroup, created: utc('2024-11-05T10:10:10Z'), updated: utc('2026-03-30T08:44:12Z') }));
  b.json('api/deployments.json', restDeployments([{ id: 'c0v7lz', description: 'payments 2026-03-30', created: utc('2026-03-30T08:44:12Z') }]));
  b.json('api/export.json', restExport('payments-api', api.apiId, 'prod', '2026-03-30T08:44:12Z', [
    { path: '/payments/{proxy+}', method: 'x-amazon-apigateway-any-method', pathParams: ['proxy'], integration: { type: 'http_proxy', httpMethod: 'ANY', uri: `${nlbUri}/payments/{proxy}`, connectionType: 'VPC_LINK', connectionId: 'vl9k2m', requestParameters: { 'integration.request.path.proxy': 'method.request.path.proxy' }, passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, cacheNamespace: 'r8d1aa' } },
    { path: '/fx-rates', method: 'GET', integration: { type: 'http_proxy', httpMethod: 'GET', uri: 'https://fx.example-bank.com/api/v1/rates/latest', connectionType: 'INTERNET', passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
  ]));
  b.json('changes/lookup-events.json', lookupEvents([
    {
      time: scaledToZero, eventName: 'UpdateService', eventSource: 'ecs.amazonaws.com', user: 'ops-nightly-scaler',
      resources: [{ type: 'AWS::ECS::Service', name: 'arn:aws:ecs:us-east-1:123456789012:service/payments-prod/payments-api' }],
      requestParameters: { cluster: 'payments-prod', service: 'payments-api', desiredCount: 0 },
      userAgent: 'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#5.10.226-214.880.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.36',
    },
  ], rng));
  const mFrom = utc('2026-04-14T14:48:00Z');
  const mTo = utc('2026-04-14T15:08:00Z');
  const metrics = restMetrics(api, requests, mFrom, mTo);
  const tgDims = { TargetGroup: 'targetgroup/payments-api-tg/4e1b7d2a9c3f5a60', LoadBalancer: 'net/payments-nlb/5c1e0f7a9b2d4e68' };
  metrics.push({
    id: 'healthy', namespace: 'AWS/NetworkELB', metricName: 'HealthyHostCount', dimensions: tgDims, stat: 'Minimum', periodSeconds: 60,
    points: perMinute([], mFrom, mTo).map(([t]) => [t, t + 60_000 <= scaledToZero ? 3 : t < drained ? 1 : 0]),
  });
  metrics.push({ id: 'unhealthy', namespace: 'AWS/NetworkELB', metricName: 'UnHealthyHostCount', dimensions: tgDims, stat: 'Maximum', periodSeconds: 60, points: perMinute([], mFrom, mTo).map(([t]) => [t, 0]) });
  b.json('metrics/get-metric-data.json', metricData(metrics));
  const count = countInWindow(failing, stateChange, 60, 1);
  b.expected({
    rootCause: 'backend-unreachable',
    findings: ['backend-unreachable'],
    failingRequests: count,
    api: { id: api.apiId, stage: 'prod', type: 'REST' },
    notes: `The payments ECS service was scaled to 0 at 15:01:44Z (UpdateService desiredCount 0 by an ops scaler); once the tasks drained, the VPC-link NLB target group had no healthy targets (HealthyHostCount 0) and every /payments/{proxy+} call failed inside API Gateway with "Execution failed due to configuration error: There was an internal error while executing your request" -> 500. GET /fx-rates (internet backend) stays healthy. 402s are 4xx noise.`,
  });
  b.readme(`
# rest-backend-unreachable-vpclink

**What happened.** \`payments-api\` (REST \`p4y8m3n7t2\`, stage \`prod\`) sends \`/payments/{proxy+}\` through a VPC link
to a Network Load Balancer in front of an ECS service. At 15:01:44 a nightly scaler set the service's desiredCount to 0 in
production. After the tasks drained, the NLB had **no healthy targets** and API Gateway failed every payments call with
**\`Execution failed due to configuration error: There was an internal error while executing your request\`** → 500.
Root cause: **backend-unreachable**.

**Files.**
- \`logs/API-Gateway-Execution-Logs_p4y8m3n7t2/prod.json\` — \`aws logs get-query-results\` (newest first, @logStream, @log) of a query that kept only \`Execution failed|Method completed\` lines.
- \`logs/payments-api-prod-access.json\` — \`aws logs get-log-events\`; the REST console **XML** preset.
- \`metrics/get-metric-data.json\` — 5XXError/4XXError/Count and AWS/NetworkELB HealthyHostCount (3 → 0) / UnHealthyHostCount.
- \`changes/lookup-events.json\` (ecs UpdateService desiredCount 0), \`api/export.json\` (connectionType VPC_LINK), \`alarm.json\` (EventBridge).

**Noise.** Healthy /fx-rates and pre-incident payments traffic, 402 answers.

**Where the shapes come from.**
- The failure line and 500: AWS knowledge center "api-gateway-500-error-vpc" (https://repost.aws/knowledge-center/api-gateway-500-error-vpc),
  which lists unhealthy/absent targets among the causes of this exact message.
- REST XML access-log preset: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html
- Execution-log INFO sequence with usage-plan lines: a 2017 execution-log capture in a public fixture (code index); HTTP integration lines ("Endpoint request URI", "Received response. Status: ...") as in the KC SSL article transcripts.
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

export function restBackendTlsError(): Bundle {
  const b = new Bundle('rest-backend-tls-error');
  const rng = b.rng;
  const api = restApi('g5t8w2e6r9', 'partner-gateway', 'v1', { usagePlan: false, dataTrace: false, tracing: false });
  const apiV0 = restApi('g5t8w2e6r9', 'partner-gateway', 'v0', { usagePlan: false, dataTrace: false, tracing: false });
  const quote: RouteDef = { method: 'GET', resourcePath: '/partners/{id}/quote', path: (r) => `/partners/p-${r.int(100, 999)}/quote` };
  const partner: RouteDef = { method: 'GET', resourcePath: '/partners/{id}', path: (r) => `/partners/p-${r.int(100, 999)}` };
  const from = utc('2026-02-19T06:45:00Z');
  const rotated = utc('2026-02-19T07:00:02Z');
  const to = utc('2026-02-19T07:09:00Z');
  const pkix = 'Execution failed due to configuration error: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target';
  const requests: GatewayRequest[] = [];
  const failing: GatewayRequest[] = [];
  const build = (target: Api, t: number, route: RouteDef, into: GatewayRequest[], fails: GatewayRequest[]): void => {
    const req = newRequest(rng, target, t, route);
    if (route === quote && t >= rotated) {
      restHttpProxyFailed(rng, target, req, { uri: `https://quotes.partner.example.net/v3/quote/${req.path.split('/')[2] ?? ''}`, failure: pkix, status: 500, afterMs: rng.int(18, 70), message: 'Internal server error', responseType: 'API_CONFIGURATION_ERROR' });
      fails.push(req);
    } else if (route === quote) {
      restHttpProxyAnswered(rng, target, req, { uri: `https://quotes.partner.example.net/v3/quote/${req.path.split('/')[2] ?? ''}`, status: 200, latency: rng.int(90, 600), contentType: 'application/json;charset=UTF-8', responseLength: rng.int(300, 1400) });
    } else {
      const code = rng.chance(0.08) ? 404 : 200;
      restHttpProxyAnswered(rng, target, req, { uri: `https://directory.partner.example.net/api/partners/${req.path.split('/')[2] ?? ''}`, status: code, latency: rng.int(40, 250), contentType: 'application/json', responseLength: code === 404 ? 52 : rng.int(500, 2500) });
    }
    into.push(req);
  };
  for (const t of spread(rng, from, to, 64)) build(api, t, rng.chance(0.55) ? quote : partner, requests, failing);
  // The old stage v0 still has a few clients: it fails the same way but is out of scope (alarm names Stage v1).
  const v0Requests: GatewayRequest[] = [];
  const v0Failing: GatewayRequest[] = [];
  for (const t of spread(rng, from, to, 9)) build(apiV0, t, quote, v0Requests, v0Failing);

  b.logs('tail-long', execLines(rng, api, requests, 3));
  b.logs('tail-long', execLines(rng, apiV0, v0Requests, 1));
  const accessGroup = '/aws/apigateway/partner-gateway';
  b.logs('jsonl-plain', accessLines(rng, accessGroup, ACCESS_FORMATS.restJsonConsole, requests, 2));

  const breach = firstBreach(ends(failing), 2, 60, 27_774);
  const stateChange = breach.stateChange;
  b.json('alarm.json', alarmSnsMessage({
    name: 'partner-gateway-v1-5xx', description: 'partner-gateway v1 5XXError', metricName: '5XXError', dimensions: restDims(api), periodSeconds: 60,
    evaluationPeriods: 3, threshold: 2, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }));
  b.json('api/stage.json', restStage({ stageName: 'v1', deploymentId: 'n4g8rt', loggingLevel: 'INFO', dataTrace: false, tracing: false, accessLogFormat: ACCESS_FORMATS.restJsonConsole, accessLogGroup: accessGroup, created: utc('2025-01-14T12:00:00Z'), updated: utc('2026-01-28T17:22:09Z') }));
  b.json('api/export.json', restExport('partner-gateway', api.apiId, 'v1', '2026-01-28T17:22:09Z', [
    { path: '/partners/{id}', method: 'GET', pathParams: ['id'], integration: { type: 'http_proxy', httpMethod: 'GET', uri: 'https://directory.partner.example.net/api/partners/{id}', requestParameters: { 'integration.request.path.id': 'method.request.path.id' }, connectionType: 'INTERNET', passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
    { path: '/partners/{id}/quote', method: 'GET', pathParams: ['id'], integration: { type: 'http_proxy', httpMethod: 'GET', uri: 'https://quotes.partner.example.net/v3/quote/{id}', requestParameters: { 'integration.request.path.id': 'method.request.path.id' }, connectionType: 'INTERNET', passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
  ]));
  // Unrelated change on another API: noise.
  b.json('changes/lookup-events.json', lookupEvents([
    {
      time: utc('2026-02-19T06:52:31Z'), eventName: 'UpdateStage', eventSource: 'apigateway.amazonaws.com', user: 'jules.b',
      resources: [{ type: 'AWS::ApiGateway::Stage', name: 'arn:aws:apigateway:us-east-1::/restapis/a0d3m1n9z8/stages/internal' }],
      requestParameters: { restApiId: 'a0d3m1n9z8', stageName: 'internal', patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }] },
    },
  ], rng));
  b.json('metrics/apigateway.json', metricData(restMetrics(api, requests, utc('2026-02-19T06:45:00Z'), utc('2026-02-19T07:10:00Z'))));
  const count = countInWindow(failing, stateChange, 60, 3);
  b.expected({
    rootCause: 'backend-tls-error',
    findings: ['backend-tls-error'],
    failingRequests: count,
    api: { id: api.apiId, stage: 'v1', type: 'REST' },
    notes: `From 07:00 the partner's quotes.partner.example.net presents a certificate API Gateway cannot chain to a trusted CA: every GET /partners/{id}/quote fails with "PKIX path building failed ... unable to find valid certification path to requested target" -> 500. Stage v0 of the same API fails the same way (${v0Failing.length} requests in API-Gateway-Execution-Logs_g5t8w2e6r9/v0) but is out of scope: set aside. The UpdateStage in CloudTrail is on another API (a0d3m1n9z8) and unrelated.`,
  });
  b.readme(`
# rest-backend-tls-error

**What happened.** \`partner-gateway\` (REST \`g5t8w2e6r9\`, stage \`v1\`) proxies \`GET /partners/{id}/quote\` to
\`https://quotes.partner.example.net\`. At 07:00 the partner rotated its certificate to one issued by its private CA. API
Gateway cannot build a trusted chain: **\`Execution failed due to configuration error: PKIX path building failed: ...
unable to find valid certification path to requested target\`** → 500 for every quote. Root cause: **backend-tls-error**.

**Files.**
- \`logs/API-Gateway-Execution-Logs_g5t8w2e6r9/v1.log\` — \`aws logs tail\` (detailed: ISO time, stream, message), 3 streams.
- \`logs/API-Gateway-Execution-Logs_g5t8w2e6r9/v0.log\` — the **other stage** v0, same failure, out of scope (the alarm names Stage v1).
- \`logs/aws/apigateway/partner-gateway.jsonl\` — JSON Lines; the REST console **JSON** preset (default field names, no integration fields).
- \`alarm.json\` (SNS message), \`changes/lookup-events.json\` (an unrelated UpdateStage on another API), \`api/*.json\`, \`metrics/apigateway.json\`.

**Noise.** /partners/{id} healthy traffic and 404s, the v0 stage, the unrelated CloudTrail event.

**Where the shapes come from.**
- PKIX text, as API Gateway prints it for self-signed / untrusted backends: AWS knowledge center "api-gateway-ssl-certificate-backend"
  (https://repost.aws/knowledge-center/api-gateway-ssl-certificate-backend) and "api-gateway-ssl-certificate-errors".
- Other TLS variants the engine should also accept: "PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed"
  (expired, same KC article), "Host name 'x' does not match the certificate subject provided by the peer (CN=...)" (KC api-gateway-500-error-vpc),
  "General SSLEngine problem" (cloudnamaste.com/api-gateway-general-sslengine-error).
- REST JSON preset: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html
`);
  return b;
}

// ---------------------------------------------------------------------------------------------------------------

const SHIPPING_ACCESS =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationStatus":"$context.integrationStatus","integrationLatency":"$context.integrationLatency","integrationRequestId":"$context.integration.requestId","errorType":"$context.error.responseType","errorMessage":"$context.error.message"}';

// The ALB's default 503 page, with its CRLF line breaks: a multi-line message in the execution log.
const ALB_503_BODY = '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>';

interface ShippingOptions {
  name: string;
  apiId: string;
  apiName: string;
  healthy: number;
  failures: number;
  shipmentsShare: number;
  seedDay: string;
}

interface ShippingIncident {
  b: Bundle;
  api: Api;
  requests: GatewayRequest[];
  failing: GatewayRequest[];
  fn: FunctionShape;
  invocations: Invocation[];
  stateChange: number;
  count: number;
}

/** Shared story for the backend-error-response REST bundles: a carrier API answers 503 from its load balancer. */
function shippingIncident(options: ShippingOptions, rng: Random, b: Bundle): ShippingIncident {
  const api = restApi(options.apiId, options.apiName, 'prod', { usagePlan: false, dataTrace: true, tracing: true });
  const fn: FunctionShape = { name: `${options.apiName.replace(/-api$/, '')}-shipments-fn`, arn: '', runtime: 'python3.12', runtimeVersion: 'python:3.12.v40', memoryMb: 256, timeoutSeconds: 10, format: 'python-text', tracing: true };
  fn.arn = functionArn(fn.name);
  const pool = new LambdaPool(rng, fn, [700, 1100]);
  const rates: RouteDef = { method: 'POST', resourcePath: '/rates', path: () => '/rates' };
  const shipments: RouteDef = { method: 'GET', resourcePath: '/shipments/{id}', path: (r) => `/shipments/shp_${r.hex(10)}` };
  const day = options.seedDay;
  const from = utc(`${day}T12:00:00Z`);
  const onset = utc(`${day}T12:11:20Z`);
  const end = utc(`${day}T12:19:30Z`);
  const to = utc(`${day}T12:21:00Z`);
  const requests: GatewayRequest[] = [];
  const failing: GatewayRequest[] = [];
  const invocations: Invocation[] = [];
  for (const t of spread(rng, from, to, options.healthy)) {
    const isShipment = rng.next() < options.shipmentsShare;
    const req = newRequest(rng, api, t, isShipment ? shipments : rates);
    if (isShipment) {
      const missing = rng.chance(0.06);
      const inv = restLambdaProxyOk(rng, api, req, {
        functionName: fn.name, pool, durationMs: Math.round((rng.int(30, 260) + rng.next()) * 100) / 100, functionStatus: missing ? 404 : 200,
        responseLength: missing ? 44 : rng.int(700, 2600),
        app: missing ? [{ at: 4, level: 'WARN', text: `shipment ${req.path.split('/')[2] ?? ''} not found` }] : [{ at: 3, level: 'INFO', text: `loaded shipment ${req.path.split('/')[2] ?? ''}` }],
      });
      invocations.push(inv);
    } else {
      restHttpProxyAnswered(rng, api, req, { uri: 'https://rates.carrier.example.com/v2/rates', status: 200, latency: rng.int(120, 700), contentType: 'application/json', responseLength: rng.int(900, 4000), server: 'awselb/2.0', body: '{"rates":[{"service":"GROUND","amount":"12.40"}] [TRUNCATED]' });
    }
    requests.push(req);
  }
  for (const t of spread(rng, onset, end, options.failures)) {
    const req = newRequest(rng, api, t, rates);
    restHttpProxyAnswered(rng, api, req, { uri: 'https://rates.carrier.example.com/v2/rates', status: 503, latency: rng.int(2, 12), contentType: 'text/html', responseLength: 162, server: 'awselb/2.0', body: ALB_503_BODY });
    requests.push(req);
    failing.push(req);
  }
  requests.sort((a, z) => a.start - z.start);
  const threshold = options.failures >= 30 ? 5 : 2;
  const breach = firstBreach(ends(failing), threshold, 60, 29_514);
  const stateChange = breach.stateChange;
  const dims = restDims(api);
  b.json('alarm.json', alarmEventBridge({
    name: `${options.apiName}-prod-5xx`, description: `${options.apiName} prod 5XXError >= ${threshold}/min`, metricName: '5XXError', dimensions: dims, periodSeconds: 60,
    evaluationPeriods: 3, threshold, stateChangeTime: stateChange, breachingValue: breach.value, breachingPeriodStart: breach.start,
  }, rng));
  b.json('api/export.json', restExport(options.apiName, api.apiId, 'prod', `${day}T08:00:00Z`, [
    { path: '/rates', method: 'POST', integration: { type: 'http_proxy', httpMethod: 'POST', uri: 'https://rates.carrier.example.com/v2/rates', connectionType: 'INTERNET', passthroughBehavior: 'when_no_match', timeoutInMillis: 29000 } },
    { path: '/shipments/{id}', method: 'GET', pathParams: ['id'], integration: { type: 'aws_proxy', httpMethod: 'POST', uri: lambdaIntegrationUri(fn.name), passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, contentHandling: 'CONVERT_TO_TEXT' } },
  ]));
  b.json('functions/shipments-fn.json', functionConfiguration({ name: fn.name, runtime: 'python3.12', handler: 'handler.get_shipment', timeoutSeconds: 10, memoryMb: 256, lastModified: utc('2026-01-08T10:11:12Z'), role: `arn:aws:iam::${ACCOUNT_ID}:role/${fn.name}`, logFormat: 'Text', tracing: true }, rng));
  b.json('metrics/apigateway.json', metricData(restMetrics(api, requests, from, to + 60_000)));
  const count = countInWindow(failing, stateChange, 60, 3);
  return { b, api, requests, failing, fn, invocations, stateChange, count };
}

function shippingStage(api: Api, accessFormat: string, accessGroup: string, day: string): unknown {
  return restStage({ stageName: 'prod', deploymentId: 'z6b1kc', loggingLevel: 'INFO', dataTrace: true, tracing: true, accessLogFormat: accessFormat, accessLogGroup: accessGroup, created: utc('2025-03-03T03:03:03Z'), updated: utc(`${day}T08:00:00Z`) });
}

function shippingTraces(inc: ShippingIncident, rng: Random): unknown {
  const sample = [...inc.failing.slice(0, 5), ...inc.requests.filter((r) => r.status === 200 && r.resourcePath === '/rates').slice(0, 2)];
  return batchGetTraces(sample.map((req) => {
    const spec = baseTrace(inc.api, req);
    spec.integration = {
      kind: 'http', name: 'rates.carrier.example.com', start: req.start + 3, end: req.start + 3 + (req.integrationLatency ?? 10),
      url: 'https://rates.carrier.example.com/v2/rates', status: req.status, ...(req.status >= 500 ? { fault: true } : {}),
    };
    return spec;
  }), rng);
}

export function restBackendErrorResponse(): Bundle {
  const b = new Bundle('rest-backend-error-response');
  const inc = shippingIncident({ name: b.name, apiId: 's2h9p4g7x1', apiName: 'shipping-api', healthy: 26, failures: 16, shipmentsShare: 0.4, seedDay: '2026-11-03' }, b.rng, b);
  const rng = b.rng;
  perStreamFiles(b, execLines(rng, inc.api, inc.requests, 3), `logs/API-Gateway-Execution-Logs_${inc.api.apiId}/prod`);
  const accessGroup = '/aws/apigateway/shipping-api-prod';
  b.logs('tail-long', accessLines(rng, accessGroup, SHIPPING_ACCESS, inc.requests, 2));
  b.logs('filter-log-events', lambdaLines(rng, inc.fn, inc.invocations), `logs${lambdaGroup(inc.fn)}`);
  b.json('api/stage.json', shippingStage(inc.api, SHIPPING_ACCESS, accessGroup, '2026-11-03'));
  b.json('traces/batch-get-traces.json', shippingTraces(inc, rng));
  b.expected({
    rootCause: 'backend-error-response',
    findings: ['backend-error-response'],
    failingRequests: inc.count,
    api: { id: inc.api.apiId, stage: 'prod', type: 'REST' },
    notes: `The carrier's rates endpoint (behind its own ALB) answered 503 "Service Temporarily Unavailable" to every POST /rates between 12:11 and 12:19; API Gateway passed the 503 on (HTTP_PROXY): "Received response. Status: 503", integrationStatus 503, no "Execution failed" line. GET /shipments/{id} (Lambda) is healthy; its 404s are noise.`,
  });
  b.readme(`
# rest-backend-error-response

**What happened.** \`shipping-api\` (REST \`s2h9p4g7x1\`, \`prod\`, INFO + data trace) proxies \`POST /rates\` to a carrier
(\`https://rates.carrier.example.com/v2/rates\`). From 12:11 to 12:19 the carrier's load balancer answered **503** with its
default HTML page; API Gateway passed it through. Root cause: **backend-error-response**.

**Files.**
- \`logs/API-Gateway-Execution-Logs_s2h9p4g7x1/prod/<stream>.json\` — **one file per log stream**, \`aws logs get-log-events\` output; data-trace lines (headers, bodies) included.
- \`logs/aws/apigateway/shipping-api-prod.log\` — \`aws logs tail\` detailed; custom JSON with integrationStatus / error fields.
- \`logs/aws/lambda/shipping-shipments-fn.json\` — \`aws logs filter-log-events\`; Python text format.
- \`traces/batch-get-traces.json\` (remote subsegment with http.response.status 503), \`alarm.json\` (EventBridge), \`metrics/apigateway.json\`, \`functions/shipments-fn.json\`, \`api/*.json\`.

**Noise.** Healthy rates before and after, Lambda traffic with WARN 404s and cold starts.

**Where the shapes come from.**
- "Received response. Status: <n>, Integration latency: <n> ms" and the response header/body lines: the 2017 execution-log capture
  (code index), you54f's serverless post, podaac/hydrocron#36.
- ALB default 503 page and \`Server=awselb/2.0\`: written from knowledge of the ALB's default error page, not looked up for this bundle.
- X-Ray remote subsegment for an HTTP call: https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html
`);
  return b;
}

/** Same story with thousands of healthy lines, 4xx and unrelated warnings around it. */
export function restBackendErrorResponseNoisy(): Bundle {
  const b = new Bundle('rest-backend-error-response-noisy');
  const rng = b.rng;
  const inc = shippingIncident({ name: b.name, apiId: 'h7n3q9w2c5', apiName: 'fulfilment-api', healthy: 1000, failures: 34, shipmentsShare: 0.62, seedDay: '2026-11-17' }, rng, b);
  // The person ran a Logs Insights query for 5xx lines only: just the lines that mention a 5xx status.
  const exec = execLines(rng, inc.api, inc.requests, 6).filter((line) => /Status: 5\d\d|status: 5\d\d/.test(line.message));
  b.logs('insights-oldest-first', exec);
  const accessGroup = 'API-Gateway-Access-Logs_h7n3q9w2c5/prod';
  b.logs('plain', accessLines(rng, accessGroup, ACCESS_FORMATS.restCsv, inc.requests, 3), `logs/${accessGroup}`);
  // Lambda: only WARN/ERROR-looking noise and a sample of invocations, to stay small.
  const noisy = inc.invocations.filter((_, i) => i % 6 === 0);
  for (const inv of noisy) inv.app.push({ at: 5, level: 'WARN', text: 'botocore.credentials: Found credentials in environment variables. (retry budget low: 2 remaining)' });
  b.logs('jsonl-insights', lambdaLines(rng, inc.fn, noisy), `logs${lambdaGroup(inc.fn)}`);
  b.json('api/stage.json', shippingStage(inc.api, ACCESS_FORMATS.restCsv, accessGroup, '2026-11-17'));
  const fourxx = inc.requests.filter((r) => r.status >= 400 && r.status < 500).length;
  b.expected({
    rootCause: 'backend-error-response',
    findings: ['backend-error-response'],
    failingRequests: inc.count,
    api: { id: inc.api.apiId, stage: 'prod', type: 'REST' },
    notes: `${inc.requests.length} requests in the access log (REST CSV preset, plain text), ${inc.failing.length} of them 503 from the carrier on POST /rates between 12:11 and 12:19 (${inc.count} in the window); ${fourxx} 4xx answers and Lambda WARN lines are noise. The execution log file is a Logs Insights query that kept only lines mentioning a 5xx status ("Received response. Status: 503, ...", "Method completed with status: 503").`,
  });
  b.readme(`
# rest-backend-error-response-noisy

**What happened.** Same failure as rest-backend-error-response on another API, \`fulfilment-api\` (REST \`h7n3q9w2c5\`):
the carrier answered **503** to POST /rates for eight minutes and API Gateway passed it on — but buried in
${inc.requests.length} requests of traffic. Root cause: **backend-error-response**.

**Files.**
- \`logs/API-Gateway-Access-Logs_h7n3q9w2c5/prod.log\` — **plain text**, the REST console **CSV** preset, ${inc.requests.length} lines (the group name does not look like an access-log group: content decides).
- \`logs/API-Gateway-Execution-Logs_h7n3q9w2c5/prod.json\` — \`get-query-results\` oldest first, without @logStream: only the lines of a query
  \`filter @message like /Status: 5\\d\\d|status: 5\\d\\d/\`.
- \`logs/aws/lambda/fulfilment-shipments-fn.jsonl\` — JSON Lines with \`@timestamp\`/\`@message\` keys; Python text lines with WARN noise.
- \`alarm.json\`, \`metrics/apigateway.json\`, \`api/*.json\`, \`functions/shipments-fn.json\`.

**Where the shapes come from.** REST CSV preset: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.html;
the rest as in rest-backend-error-response.
`);
  return b;
}

/** A good backend-error-response incident plus a truncated log file, random bytes and a traces file that is not JSON. */
export function restCorruptFile(): Bundle {
  const b = new Bundle('rest-corrupt-file');
  const rng = b.rng;
  const inc = shippingIncident({ name: b.name, apiId: 'l3d9g5r8k1', apiName: 'ledger-api', healthy: 34, failures: 20, shipmentsShare: 0.3, seedDay: '2026-12-01' }, rng, b);
  const exec = execLines(rng, inc.api, inc.requests, 3);
  b.logs('tail-long', exec);
  // A second export of part of the same group that was cut off mid-write.
  const second = exec.slice(0, 60);
  b.logs('filter-log-events', second, 'logs/API-Gateway-Execution-Logs_l3d9g5r8k1/prod-page2');
  const full = b.files.get('logs/API-Gateway-Execution-Logs_l3d9g5r8k1/prod-page2.json');
  if (typeof full === 'string') b.text('logs/API-Gateway-Execution-Logs_l3d9g5r8k1/prod-page2.json', full.slice(0, Math.floor(full.length * 0.43)));
  // Random bytes where a log file should be.
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = rng.int(0, 255);
  b.bytes('logs/aws/lambda/ledger-shipments-fn.gz', bytes);
  const accessGroup = '/aws/apigateway/ledger-api-prod';
  b.logs('jsonl-plain', accessLines(rng, accessGroup, SHIPPING_ACCESS, inc.requests, 2));
  b.json('api/stage.json', shippingStage(inc.api, SHIPPING_ACCESS, accessGroup, '2026-12-01'));
  // The traces "file" is the CLI's error text, saved by a script that redirected stderr too.
  b.text('traces/batch-get-traces.json', '\nAn error occurred (ThrottlingException) when calling the BatchGetTraces operation (reached max retries: 2): Rate exceeded\n');
  b.text('traces/trace-summaries.json', '{"TraceSummaries": [{"Id": "1-6931a0b2-');
  b.expected({
    rootCause: 'backend-error-response',
    findings: ['backend-error-response'],
    failingRequests: inc.count,
    api: { id: inc.api.apiId, stage: 'prod', type: 'REST' },
    notes: `Carrier 503s passed through on POST /rates (as rest-backend-error-response). Damaged files that must be reported in gaps and skipped: logs/API-Gateway-Execution-Logs_l3d9g5r8k1/prod-page2.json (filter-log-events JSON cut off at 43%), logs/aws/lambda/ledger-shipments-fn.gz (4 KB of random bytes), traces/batch-get-traces.json (AWS CLI error text, not JSON), traces/trace-summaries.json (truncated JSON). The good files (tail output of the same execution log group, JSON Lines access log, metrics, alarm) are enough.`,
  });
  b.readme(`
# rest-corrupt-file

**What happened.** \`ledger-api\` (REST \`l3d9g5r8k1\`, \`prod\`): the carrier behind \`POST /rates\` answered **503** for eight
minutes and API Gateway passed it on. Root cause: **backend-error-response** — to be found despite broken files.

**Damaged files (must land in \`gaps\`, never stop the diagnosis).**
- \`logs/API-Gateway-Execution-Logs_l3d9g5r8k1/prod-page2.json\` — \`filter-log-events\` output **truncated** mid-event.
- \`logs/aws/lambda/ledger-shipments-fn.gz\` — 4 KB of **random bytes**.
- \`traces/batch-get-traces.json\` — the **AWS CLI error text** (ThrottlingException), not JSON.
- \`traces/trace-summaries.json\` — truncated JSON.

**Good files.** \`logs/API-Gateway-Execution-Logs_l3d9g5r8k1/prod.log\` (\`aws logs tail\` detailed), \`logs/aws/apigateway/ledger-api-prod.jsonl\`
(JSON Lines, custom JSON access log), \`alarm.json\` (EventBridge), \`metrics/apigateway.json\`, \`api/*.json\`, \`functions/shipments-fn.json\`.

**Where the shapes come from.** As rest-backend-error-response; the CLI error line format is the AWS CLI's
"An error occurred (<Code>) when calling the <Operation> operation (reached max retries: N): <message>".
`);
  return b;
}
