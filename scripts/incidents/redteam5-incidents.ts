/**
 * Fifth red team's incident bundles (events/incidents/rt5-*): VARIETY. An HTTP API REQUEST authorizer
 * timing out, a REST VPC link (NLB) reset, a non-proxy (AWS) Lambda integration whose error is mapped to
 * 500 by a selection pattern, a Rust (provided.al2023) panic, and a .NET JSON-log function whose SQS
 * SendMessage fails on the queue's KMS key. Shared helpers: ./redteam/kit.ts.
 *
 *   npx tsx scripts/incidents/redteam5-incidents.ts            # writes events/incidents/rt5-*
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  Bundle,
  type Ev,
  type Expected,
  IPS,
  ROOT,
  type Rng,
  TextLambda,
  clfTime,
  cloudTrailEvent,
  eventBridgeAlarm,
  execStream,
  filterLogEvents,
  getLogEvents,
  httpDate,
  httpExport,
  httpStage,
  insightsResults,
  iso,
  jsonLines,
  lambdaConfig,
  lambdaStream,
  lambdaUri,
  nodeLine,
  perBucket,
  pyLine,
  readme,
  reasonText,
  restAccessJsonDefault,
  restExecLines,
  restExport,
  restStage,
  rng,
  snsAlarm,
  snsTrigger,
  sysJson,
  tailLong,
  tailShort,
  traceIdAt,
  windowOf,
} from './redteam/kit.ts';

// =============================================================================================
// Bundles of this red team
// =============================================================================================

function inWin(ts: number, win: { start: number; end: number }): boolean {
  return ts >= win.start && ts <= win.end;
}
function ebAlarm5xx(r: Rng, o: { name: string; account: string; region: string; ms: number; period: number; evals: number; threshold: number; failTimes: number[]; dims: Record<string, string>; metric: string }): unknown {
  const buckets = perBucket(o.failTimes, o.period);
  const last = Math.floor(o.ms / (o.period * 1000)) * o.period * 1000 - o.period * 1000;
  const points: { t: number; v: number }[] = [];
  for (let i = o.evals - 1; i >= 0; i--) points.push({ t: last - i * o.period * 1000, v: buckets.get(last - i * o.period * 1000) ?? 0 });
  return eventBridgeAlarm(r, {
    name: o.name, description: `${o.name}`, account: o.account, region: o.region, ms: o.ms,
    reason: reasonText(points, o.threshold),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(o.ms).slice(0, 23)}+0000`, startDate: `${iso(points[0]?.t ?? o.ms).slice(0, 23)}+0000`, statistic: 'Sum', period: o.period, recentDatapoints: points.map((p) => p.v), threshold: o.threshold, evaluatedDatapoints: points.map((p) => ({ timestamp: `${iso(p.t).slice(0, 23)}+0000`, sampleCount: 1, value: p.v })) }),
    metrics: [{ id: r.hex(8), metricStat: { metric: { namespace: 'AWS/ApiGateway', name: o.metric, dimensions: o.dims }, period: o.period, stat: 'Sum' }, returnData: true }],
  });
}
function snsAlarm5xx(o: { name: string; account: string; region: string; regionName: string; ms: number; period: number; evals: number; threshold: number; failTimes: number[]; dims: Record<string, string>; metric: string }): unknown {
  const buckets = perBucket(o.failTimes, o.period);
  const last = Math.floor(o.ms / (o.period * 1000)) * o.period * 1000 - o.period * 1000;
  const points: { t: number; v: number }[] = [];
  for (let i = o.evals - 1; i >= 0; i--) points.push({ t: last - i * o.period * 1000, v: buckets.get(last - i * o.period * 1000) ?? 0 });
  return snsAlarm({ name: o.name, description: o.name, account: o.account, region: o.region, regionName: o.regionName, ms: o.ms, reason: reasonText(points, o.threshold), trigger: snsTrigger(o.metric, o.dims, o.period, o.evals, o.threshold), topic: `arn:aws:sns:${o.region}:${o.account}:ops-alarms` });
}
function sizeReport(names: string[]): void {
  for (const n of names) {
    const dir = path.join(ROOT, n);
    let size = 0;
    const walk = (d: string): void => {
      for (const x of readdirSync(d)) {
        const p = path.join(d, x);
        if (statSync(p).isDirectory()) walk(p);
        else size += statSync(p).size;
      }
    };
    walk(dir);
    const e = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    console.log(`${n.padEnd(48)} ${e.rootCause} [${e.findings.join(',')}] failing=${e.failingRequests} ${(size / 1024).toFixed(0)} KB`);
  }
}

// =============================================================================================
// 1. rt5-http-request-authorizer-timeout
//    HTTP API, REQUEST Lambda authorizer (Node.js 20, 3 s timeout, no caching). The session store it
//    calls hangs: ~60% of authorizations time out ("Task timed out after 3.00 seconds"); the API answers
//    500 without calling the backend (integration fields "-").
// =============================================================================================

function bundleHttpAuthorizerTimeout(): string {
  const r = rng(0x5501);
  const name = 'rt5-http-request-authorizer-timeout';
  const b = new Bundle(name);
  const region = 'us-east-2';
  const account = '562018374409';
  const apiId = 'h5b8k2m4tz';
  const authFn = 'bookings-authz';
  const onset = Date.UTC(2026, 7, 11, 19, 4, 30);
  const recover = Date.UTC(2026, 7, 11, 19, 21, 0);
  const alarmMs = Date.UTC(2026, 7, 11, 19, 12, 41, 337);
  const win = windowOf(alarmMs, 60, 3);
  const tl = new TextLambda(r, { fn: authFn, region, runtimeVersion: 'nodejs:20.v52', memory: 256, init: [240, 420] });
  interface Q { id: string; ts: number; end: number; route: string; path: string; method: string; status: number; len: number; ip: string; intStatus: string; intReq: string; intLatency: string; authErr: string; err: string }
  const qs: Q[] = [];
  const routes = [{ method: 'GET', route: 'GET /bookings/{bookingId}', p: () => `/bookings/bk_${r.hex(10)}` }, { method: 'POST', route: 'POST /bookings', p: () => '/bookings' }, { method: 'GET', route: 'GET /availability', p: () => '/availability' }];
  for (let t = Date.UTC(2026, 7, 11, 18, 52, 0); t < Date.UTC(2026, 7, 11, 19, 24, 0); t += r.int(9000, 22000)) {
    const rt = r.pick(routes);
    const id = r.httpRequestId();
    const hang = t > onset && t < recover && r.chance(0.6);
    const deny = !hang && r.chance(0.06);
    const a = tl.invoke(t + r.int(3, 9), (lid, t0, push) => {
      push(t0 + 2, nodeLine(t0 + 2, lid, 'INFO', `authorize requestId=${id} routeKey=${rt.route}`));
      if (hang) {
        push(t0 + 3000, `${iso(t0 + 3000)} ${lid} Task timed out after 3.00 seconds\n`);
        return { end: t0 + 3002, status: 'timeout' };
      }
      const d = r.int(18, 140);
      push(t0 + d - 1, nodeLine(t0 + d - 1, lid, 'INFO', deny ? 'session expired, isAuthorized=false' : `session ok user=u_${r.hex(6)} isAuthorized=true`));
      return { end: t0 + d };
    });
    const authMs = a.end - t;
    if (hang) { qs.push({ id, ts: t, end: a.end + 4, route: rt.route, path: rt.p(), method: rt.method, status: 500, len: 35, ip: r.pick(IPS), intStatus: '-', intReq: '-', intLatency: '-', authErr: '-', err: 'Internal Server Error' }); continue; }
    if (deny) { qs.push({ id, ts: t, end: a.end + 3, route: rt.route, path: rt.p(), method: rt.method, status: 403, len: 23, ip: r.pick(IPS), intStatus: '-', intReq: '-', intLatency: '-', authErr: 'Forbidden', err: 'Forbidden' }); continue; }
    const lat = r.int(35, 260);
    qs.push({ id, ts: t, end: t + authMs + lat + 5, route: rt.route, path: rt.p(), method: rt.method, status: rt.method === 'POST' ? 201 : 200, len: r.int(90, 1800), ip: r.pick(IPS), intStatus: '200', intReq: r.uuid(), intLatency: String(lat), authErr: '-', err: '-' });
  }
  const fmt = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationStatus":"$context.integration.status","integrationRequestId":"$context.integration.requestId","integrationLatency":"$context.integration.latency","authorizerError":"$context.authorizer.error","errorMessage":"$context.error.message"}';
  b.put('logs/aws/vendedlogs/apigateway/bookings-http-prod.json', filterLogEvents(r, qs.map((q) => ({ ts: q.end, stream: `${apiId}_prod`, msg: JSON.stringify({ requestId: q.id, ip: q.ip, requestTime: clfTime(q.ts), httpMethod: q.method, routeKey: q.route, status: String(q.status), protocol: 'HTTP/1.1', responseLength: String(q.len), integrationStatus: q.intStatus, integrationRequestId: q.intReq, integrationLatency: q.intLatency, authorizerError: q.authErr, errorMessage: q.err }) }))));
  b.put(`logs/aws/lambda/${authFn}.log`, tailLong(tl.events));
  const failing = qs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', ebAlarm5xx(r, { name: 'bookings-http-prod-5xx', account, region, ms: alarmMs, period: 60, evals: 3, threshold: 2, failTimes: failing.map((q) => q.ts), dims: { ApiId: apiId, Stage: 'prod' }, metric: '5xx' }));
  b.json('api/stage.json', httpStage({ region, account, group: '/aws/vendedlogs/apigateway/bookings-http-prod', format: fmt, stage: 'prod', deploymentId: 'k2h7q1', created: Date.UTC(2025, 10, 2), updated: Date.UTC(2026, 7, 1, 9, 0, 0) }));
  const exp = httpExport({ title: 'bookings-http', apiId, region, version: '2026-08-01 09:00:00UTC', routes: [{ method: 'GET', path: '/bookings/{bookingId}', fnArn: `arn:aws:lambda:${region}:${account}:function:bookings-fn` }, { method: 'POST', path: '/bookings', fnArn: `arn:aws:lambda:${region}:${account}:function:bookings-fn` }, { method: 'GET', path: '/availability', fnArn: `arn:aws:lambda:${region}:${account}:function:bookings-fn` }] }) as { paths: Record<string, Record<string, Record<string, unknown>>>; components?: unknown };
  for (const p of Object.values(exp.paths)) for (const [k, op] of Object.entries(p)) if (k !== 'parameters') op['security'] = [{ 'bookings-authz': [] }];
  exp.components = { securitySchemes: { 'bookings-authz': { type: 'apiKey', name: 'Authorization', in: 'header', 'x-amazon-apigateway-authorizer': { identitySource: '$request.header.Authorization', authorizerUri: lambdaUri(region, `arn:aws:lambda:${region}:${account}:function:${authFn}`), authorizerPayloadFormatVersion: '2.0', authorizerResultTtlInSeconds: 0, type: 'request', enableSimpleResponses: true } } } };
  b.json('api/export.json', exp);
  b.json(`functions/${authFn}.json`, lambdaConfig(r, { name: authFn, account, region, runtime: 'nodejs20.x', handler: 'index.handler', memory: 256, timeout: 3, lastModified: Date.UTC(2026, 6, 20, 14, 0, 0), vpc: true, env: { SESSION_REDIS_HOST: 'bookings-sessions.x7c2ab.ng.0001.use2.cache.amazonaws.com' } }));
  b.json('expected.json', {
    rootCause: 'authorizer-error', findings: ['authorizer-error'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'HTTP' },
    notes: `${failing.length} 500s in the window: the REQUEST authorizer ${authFn} (3 s timeout) timed out ("Task timed out after 3.00 seconds", REPORT Status: timeout); the integration was never called (integrationStatus/integrationRequestId "-"). The authorizer's own log names the API request id it was deciding (authorize requestId=...). Must not be lambda-timeout of a backend: bookings-fn never ran for these. 403s (session expired) are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `From ${iso(onset)} to ${iso(recover)} the ElastiCache session store behind \`${authFn}\` hangs; the REQUEST authorizer (Node.js 20, 3 s timeout, result caching off) times out on ~60% of calls and the HTTP API answers 500 {"message":"Internal Server Error"} without calling bookings-fn. EventBridge alarm (5xx, 60 s × 3) at ${iso(alarmMs)}.`,
    api: `HTTP API \`bookings-http\` (\`${apiId}\`), stage \`prod\`, ${region}; Lambda proxy (payload 2.0) to bookings-fn behind a Lambda REQUEST authorizer (payload 2.0, simple responses, TTL 0). Expected: **authorizer-error**, ${failing.length} failing requests.`,
    files: ['`logs/aws/vendedlogs/apigateway/bookings-http-prod.json`: filter-log-events, custom JSON access log with integration.* and authorizer.error / error.message', `\`logs/aws/lambda/${authFn}.log\`: \`aws logs tail\` (long) of the authorizer, Node.js text format`, '`api/export.json` (apigatewayv2 export with x-amazon-apigateway-authorizer), `api/stage.json`, `functions/`, `alarm.json` (EventBridge)'],
    noise: '403 (authorizer said isAuthorized=false), healthy 200/201; no backend function logs in the bundle.',
    sources: [
      '`$context.authorizer.error`, `$context.integration.status`, `$context.integration.requestId`, `$context.error.message` for HTTP APIs: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html; public Terraform configs that log `authorizerError = "$context.authorizer.error"` (find_string).',
      'Authorizer timeout → 500 with no usable error field: https://github.com/oqtopus-team/oqtopus-cloud/pull/472 (authorizer hitting its 15 s timeout shows as untraceable 500s) and aws/serverless-application-model#2005 (error fields "-" on an HTTP API authorizer 500). The values we put in authorizerError ("-") and errorMessage ("Internal Server Error") for the timeout are our reading, not verified.',
      'Node.js timeout line `<ISO> <requestId> Task timed out after 3.00 seconds`: https://github.com/nasa/cumulus/issues/1043; REPORT `Status: timeout` as in the team\'s fixtures. Simple-response authorizer and `authorizerResultTtlInSeconds`: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html',
    ],
  }));
  b.write();
  return name;
}

// =============================================================================================
// 2. rt5-rest-vpclink-nlb-reset
//    REST API, HTTP_PROXY over a VPC link (v1, NLB). A new inventory-svc build closes idle keep-alive
//    connections after 5 s (shorter than the gateway's reuse): a third of requests die with
//    "Execution failed due to an vpc link error" (500).
// =============================================================================================

function bundleVpcLinkReset(): string {
  const r = rng(0x5502);
  const name = 'rt5-rest-vpclink-nlb-reset';
  const b = new Bundle(name);
  const region = 'eu-central-1';
  const account = '730418265193';
  const apiId = 'v7n2l9k4pc';
  const apiName = 'inventory-api';
  const nlb = 'inventory-nlb-4c1e9b7a2d6f8e30.elb.eu-central-1.amazonaws.com';
  const deploy = Date.UTC(2026, 2, 17, 13, 40, 12);
  const onset = Date.UTC(2026, 2, 17, 13, 43, 0);
  const alarmMs = Date.UTC(2026, 2, 17, 13, 56, 8, 774);
  const win = windowOf(alarmMs, 300, 1);
  interface Q { id: string; ts: number; end: number; method: string; resource: string; path: string; status: number; len: number; ip: string; lines: { dt: number; text: string }[] }
  const qs: Q[] = [];
  for (let t = Date.UTC(2026, 2, 17, 13, 30, 0); t < Date.UTC(2026, 2, 17, 13, 59, 0); t += r.int(12000, 26000)) {
    const id = r.uuid();
    const sku = `SKU-${r.int(10000, 99999)}`;
    const isPut = r.chance(0.25);
    const method = isPut ? 'PUT' : 'GET';
    const resource = '/items/{sku}';
    const p = `/items/${sku}`;
    const reset = t > onset && r.chance(0.33);
    const notFound = !reset && r.chance(0.07);
    const ext = r.extendedId();
    const L: { dt: number; text: string }[] = [];
    const add = (dt: number, text: string): void => { L.push({ dt, text: `(${id}) ${text}` }); };
    add(0, `Extended Request Id: ${ext}`);
    add(0, `Verifying Usage Plan for request: ${id}. API Key:  API Stage: ${apiId}/prod`);
    add(1, `API Key  authorized because method '${method} ${resource}' does not require API Key. Request will not contribute to throttle or quota limits`);
    add(1, `Usage Plan check succeeded for API Key  and API Stage ${apiId}/prod`);
    add(1, `Starting execution for request: ${id}`);
    add(1, `HTTP Method: ${method}, Resource Path: ${p}`);
    add(1, `Method request path: {sku=${sku}}`);
    add(1, 'Method request query string: {}');
    add(2, `Endpoint request URI: http://${nlb}:8080/items/${sku}`);
    add(2, `Sending request to http://${nlb}:8080/items/${sku}`);
    let status: number;
    let end: number;
    if (reset) {
      const d = r.int(3, 40);
      add(2 + d, 'Execution failed due to an vpc link error');
      add(2 + d, 'Method completed with status: 500');
      status = 500; end = t + d + 4;
    } else {
      const d = r.int(6, 70);
      status = notFound ? 404 : 200;
      add(2 + d, `Received response. Status: ${status}, Integration latency: ${d} ms`);
      add(2 + d, `Endpoint response headers: {Content-Type=application/json, Date=${httpDate(t + d)}, Content-Length=${notFound ? 34 : r.int(180, 900)}}`);
      add(3 + d, 'Method response body after transformations: [TRUNCATED]'.replace(' [TRUNCATED]', ''));
      add(3 + d, 'Method response headers: {Content-Type=application/json}');
      add(3 + d, 'Successfully completed execution');
      add(3 + d, `Method completed with status: ${status}`);
      end = t + d + 5;
    }
    qs.push({ id, ts: t, end, method, resource, path: p, status, len: status === 500 ? 36 : r.int(34, 900), ip: r.pick(IPS), lines: L });
  }
  const exec: Ev[] = [];
  const streams = [execStream(r), execStream(r)];
  for (const q of qs) { const s = r.pick(streams); for (const l of q.lines) exec.push({ ts: q.ts + l.dt, msg: l.text, stream: s }); }
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/prod.json`, filterLogEvents(r, exec));
  b.put(`logs/${apiName}-prod-access.json`, getLogEvents(r, qs.map((q) => ({ ts: q.end, stream: `${apiId}_prod`, msg: `${q.ip} - - [${clfTime(q.ts)}] "${q.method} ${q.resource} HTTP/1.1" ${q.status} ${q.len} ${q.id}` }))));
  const failing = qs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', snsAlarm5xx({ name: `${apiName}-prod-5xx`, account, region, regionName: 'EU (Frankfurt)', ms: alarmMs, period: 300, evals: 1, threshold: 3, failTimes: failing.map((q) => q.ts), dims: { ApiName: apiName, Stage: 'prod' }, metric: '5XXError' }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage: 'prod', paths: { '/items/{sku}': {
    get: { type: 'http_proxy', httpMethod: 'GET', uri: `http://${nlb}:8080/items/{sku}`, connectionType: 'VPC_LINK', connectionId: '7xq2lm', requestParameters: { 'integration.request.path.sku': 'method.request.path.sku' }, passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, responses: { default: { statusCode: '200' } } },
    put: { type: 'http_proxy', httpMethod: 'PUT', uri: `http://${nlb}:8080/items/{sku}`, connectionType: 'VPC_LINK', connectionId: '7xq2lm', requestParameters: { 'integration.request.path.sku': 'method.request.path.sku' }, passthroughBehavior: 'when_no_match', timeoutInMillis: 29000, responses: { default: { statusCode: '200' } } },
  } } }));
  b.json('api/stage.json', restStage({ stage: 'prod', deploymentId: 'p3x8wq', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:${apiName}-prod-access`, format: '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId', created: Date.UTC(2024, 5, 5), updated: Date.UTC(2026, 1, 2, 8, 0, 0) }));
  b.json('changes/lookup-events.json', { Events: [cloudTrailEvent(r, {
    ms: deploy, eventName: 'UpdateService', eventSource: 'ecs.amazonaws.com', user: 'codepipeline-inventory', userArn: `arn:aws:sts::${account}:assumed-role/inventory-deploy/codepipeline-inventory`, region, account,
    resources: [{ ResourceType: 'AWS::ECS::Service', ResourceName: `arn:aws:ecs:${region}:${account}:service/prod/inventory-svc` }],
    request: { cluster: 'prod', service: 'inventory-svc', taskDefinition: 'inventory-svc:148', forceNewDeployment: false }, userAgent: 'codepipeline.amazonaws.com',
  })] });
  b.json('expected.json', {
    rootCause: 'backend-unreachable', findings: ['backend-unreachable'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `${failing.length} 500s in the window, each "Execution failed due to an vpc link error" right after "Sending request to http://<NLB>...", a few ms in — the VPC link (NLB) connection to the new inventory-svc:148 tasks was reset (they close idle keep-alive connections after 5 s). Not api-gateway-internal: the integration is VPC_LINK and the error names it; not backend-error-response (no status from the backend). 404s are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `CodePipeline rolled out inventory-svc task definition 148 at ${iso(deploy)}; its HTTP server closes idle keep-alive connections after 5 s, shorter than the connections API Gateway keeps through the VPC link, so from ~${iso(onset)} about a third of requests are reset and API Gateway answers 500. SNS alarm (5XXError, 300 s × 1) at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`prod\`, ${region}; **private integration**: HTTP_PROXY, connectionType VPC_LINK (v1 link \`7xq2lm\` → Network Load Balancer → ECS). Expected: **backend-unreachable**.`,
    files: [`\`logs/API-Gateway-Execution-Logs_${apiId}/prod.json\`: filter-log-events (INFO, no data trace)`, `\`logs/${apiName}-prod-access.json\`: get-log-events, CLF preset`, '`api/export.json` (connectionType VPC_LINK), `api/stage.json`, `changes/lookup-events.json` (ecs UpdateService), `alarm.json` (SNS)'],
    noise: '404 (unknown SKU), healthy 200s before and during the incident.',
    sources: [
      'Execution-log line `(<id>) Execution failed due to an vpc link error` after the endpoint request, for a REST API with a VPC link to an ECS service; AWS Support attributed it to the backend/NLB connection being closed: https://heroween.hateblo.jp/entry/2022/08/30/065339',
      'Other VPC-link 500 messages and causes (targets not listening, unhealthy): https://repost.aws/knowledge-center/api-gateway-500-error-vpc',
      'HTTP integration execution-log sequence (Endpoint request URI / Sending request to / Received response. Status: …, Integration latency) and CLF preset: the team\'s rest-backend-* fixtures and https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    ],
  }));
  b.write();
  return name;
}

// =============================================================================================
// 3. rt5-rest-nonproxy-lambda-selection-500
//    REST API, AWS (non-proxy) Lambda integration with a request template and integration responses:
//    selectionPattern ".*Invalid.*|.*Error.*" -> 500. A deploy of claims-intake (Python 3.11) raises
//    ValueError for new policy numbers. Lambda answers 200 + X-Amz-Function-Error: Unhandled; API Gateway
//    maps the errorMessage to 500 and says "Successfully completed execution".
// =============================================================================================

function bundleNonProxySelection(): string {
  const r = rng(0x5503);
  const name = 'rt5-rest-nonproxy-lambda-selection-500';
  const b = new Bundle(name);
  const region = 'ap-southeast-2';
  const account = '284710395562';
  const apiId = 'q2w9e4r7ty';
  const apiName = 'claims-legacy-api';
  const stage = 'v1';
  const fn = 'claims-intake';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const deploy = Date.UTC(2026, 9, 22, 1, 11, 40);
  const alarmMs = Date.UTC(2026, 9, 22, 1, 29, 17, 62);
  const win = windowOf(alarmMs, 300, 1);
  const tl = new TextLambda(r, { fn, region, runtimeVersion: 'python:3.11.v47', memory: 512, init: [520, 910] });
  interface Q { id: string; ts: number; end: number; status: number; intStatus: number; len: number; ip: string; lines: { dt: number; text: string }[]; lambdaId: string }
  const qs: Q[] = [];
  for (let t = Date.UTC(2026, 9, 22, 1, 5, 0); t < Date.UTC(2026, 9, 22, 1, 31, 0); t += r.int(14000, 30000)) {
    const id = r.uuid();
    const newFormat = t > deploy && r.chance(0.45);
    const pn = newFormat ? `PN-2026/${r.int(1000, 9999)}` : `PN${r.int(1000000, 9999999)}`;
    const badInput = !newFormat && r.chance(0.08);
    const claim = `CLM-${r.int(100000, 999999)}`;
    const errMsg = `Invalid policy number format: '${pn}'`;
    const lam = tl.invoke(t + r.int(20, 40), (lid, t0, push) => {
      push(t0 + 3, pyLine(t0 + 3, lid, 'INFO', `intake claim=${claim} policy=${pn}`));
      if (newFormat) {
        push(t0 + 12, `[ERROR] ValueError: ${errMsg}\nTraceback (most recent call last):\n  File "/var/task/app.py", line 38, in handler\n    policy = parse_policy_number(event["policyNumber"])\n  File "/var/task/claims/policy.py", line 21, in parse_policy_number\n    raise ValueError(f"Invalid policy number format: {raw!r}")\n`);
        return { end: t0 + 13 };
      }
      if (badInput) {
        push(t0 + 6, pyLine(t0 + 6, lid, 'WARNING', `rejecting claim ${claim}: missing incidentDate`));
        return { end: t0 + 8 };
      }
      const d = r.int(110, 480);
      push(t0 + d - 2, pyLine(t0 + d - 2, lid, 'INFO', `claim ${claim} stored`));
      return { end: t0 + d };
    });
    const back = lam.end - t + r.int(6, 14);
    const L: { dt: number; text: string }[] = [];
    const add = (dt: number, text: string): void => { L.push({ dt, text: `(${id}) ${text}` }); };
    const body = newFormat
      ? JSON.stringify({ errorMessage: errMsg, errorType: 'ValueError', requestId: lam.id, stackTrace: ['  File "/var/task/app.py", line 38, in handler\n    policy = parse_policy_number(event["policyNumber"])\n', '  File "/var/task/claims/policy.py", line 21, in parse_policy_number\n    raise ValueError(f"Invalid policy number format: {raw!r}")\n'] })
      : badInput ? '{"error": "BadRequest: missing incidentDate"}' : `{"claimId": "${claim}", "status": "RECEIVED"}`;
    add(0, `Extended Request Id: ${r.extendedId()}`);
    add(0, `Verifying Usage Plan for request: ${id}. API Key:  API Stage: ${apiId}/${stage}`);
    add(1, `API Key  authorized because method 'POST /claims' does not require API Key. Request will not contribute to throttle or quota limits`);
    add(1, `Usage Plan check succeeded for API Key  and API Stage ${apiId}/${stage}`);
    add(1, `Starting execution for request: ${id}`);
    add(1, 'HTTP Method: POST, Resource Path: /claims');
    add(1, 'Method request path: {}');
    add(1, 'Method request query string: {}');
    add(1, `Method request headers: {Accept=application/json, Content-Type=application/json, Host=${apiId}.execute-api.${region}.amazonaws.com, User-Agent=Apache-HttpClient/4.5.13 (Java/1.8.0_402), X-Forwarded-Proto=https}`);
    add(1, `Method request body before transformations: {"policyNumber":"${pn}","claimRef":"${claim}","incidentDate":"2026-10-19","amount":1840.50}`);
    add(2, `Endpoint request URI: https://lambda.${region}.amazonaws.com/2015-03-31/functions/${fnArn}/invocations`);
    add(2, `Endpoint request headers: {x-amzn-lambda-integration-tag=${id}, Authorization=************************************************************************************************************************************************************************************************************************************************************************************************************************************************************************4f2b1c, X-Amz-Date=${iso(t).replace(/[-:]/g, '').slice(0, 15)}Z, x-amzn-apigateway-api-id=${apiId}, X-Amz-Source-Arn=arn:aws:execute-api:${region}:${account}:${apiId}/${stage}/POST/claims, Accept=application/json, User-Agent=AmazonAPIGateway_${apiId}, X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr//////////wEaDmFwLXNvdXRoZWFzdC0yIkcwRQIhAK [TRUNCATED]`);
    add(2, `Endpoint request body after transformations: {"policyNumber": "${pn}", "claimRef": "${claim}", "incidentDate": "2026-10-19", "amount": 1840.50, "sourceIp": "${r.pick(IPS)}"}`);
    add(2, `Sending request to https://lambda.${region}.amazonaws.com/2015-03-31/functions/${fnArn}/invocations`);
    add(back, `Received response. Status: 200, Integration latency: ${back - 3} ms`);
    add(back, `Endpoint response headers: {Date=${httpDate(t + back)}, Content-Type=application/json, Content-Length=${body.length}, Connection=keep-alive, x-amzn-RequestId=${lam.id}, ${newFormat ? 'X-Amz-Function-Error=Unhandled, ' : ''}x-amzn-Remapped-Content-Length=0, X-Amz-Executed-Version=$LATEST, X-Amzn-Trace-Id=root=${traceIdAt(r, t)};parent=${r.hex(16)};sampled=0;lineage=1:${r.hex(8)}:0}`);
    add(back, `Endpoint response body before transformations: ${body}`);
    const status = newFormat ? 500 : badInput ? 400 : 200;
    const out = newFormat ? '{"message": "Internal error, claim not recorded"}' : badInput ? '{"message": "BadRequest: missing incidentDate"}' : `{"claimId": "${claim}", "status": "RECEIVED"}`;
    add(back + 1, `Method response body after transformations: ${out}`);
    add(back + 1, `Method response headers: {X-Amzn-Trace-Id=Root=${traceIdAt(r, t)};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0, Content-Type=application/json}`);
    add(back + 1, 'Successfully completed execution');
    add(back + 1, `Method completed with status: ${status}`);
    qs.push({ id, ts: t, end: t + back + 2, status, intStatus: 200, len: out.length, ip: r.pick(IPS), lines: L, lambdaId: lam.id });
  }
  const streams = [execStream(r), execStream(r), execStream(r)];
  const byStream = new Map<string, Ev[]>();
  for (const q of qs) { const s = r.pick(streams); const list = byStream.get(s) ?? []; for (const l of q.lines) list.push({ ts: q.ts + l.dt, msg: l.text, stream: s }); byStream.set(s, list); }
  for (const [s, evs] of byStream) b.put(`logs/API-Gateway-Execution-Logs_${apiId}/${stage}/${s}.json`, getLogEvents(r, evs));
  b.put(`logs/aws/lambda/${fn}.json`, filterLogEvents(r, tl.events));
  const fmt = '{"requestId":"$context.requestId","requestTime":"$context.requestTime","method":"$context.httpMethod","path":"$context.resourcePath","status":"$context.status","integrationStatus":"$context.integration.status","integrationLatency":"$context.integration.latency","lambdaRequestId":"$context.integration.requestId","responseLength":"$context.responseLength"}';
  b.put(`logs/aws/apigateway/${apiName}.jsonl`, jsonLines(qs.map((q) => ({ ts: q.end, stream: `${apiId}_${stage}`, msg: JSON.stringify({ requestId: q.id, requestTime: clfTime(q.ts), method: 'POST', path: '/claims', status: String(q.status), integrationStatus: String(q.intStatus), integrationLatency: String(q.end - q.ts - 5), lambdaRequestId: q.lambdaId, responseLength: String(q.len) }) })), 'plain'));
  const failing = qs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', snsAlarm5xx({ name: `${apiName}-${stage}-5xx`, account, region, regionName: 'Asia Pacific (Sydney)', ms: alarmMs, period: 300, evals: 1, threshold: 3, failTimes: failing.map((q) => q.ts), dims: { ApiName: apiName, Stage: stage }, metric: '5XXError' }));
  b.json('api/stage.json', restStage({ stage, deploymentId: 'n4c2x8', logLevel: 'INFO', dataTrace: true, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}`, format: fmt, created: Date.UTC(2021, 3, 9), updated: Date.UTC(2026, 5, 1, 0, 0, 0) }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage, paths: { '/claims': { post: {
    type: 'aws', httpMethod: 'POST', uri: lambdaUri(region, fnArn), passthroughBehavior: 'when_no_templates',
    requestTemplates: { 'application/json': '#set($b = $input.path(\'$\'))\n{"policyNumber": "$b.policyNumber", "claimRef": "$b.claimRef", "incidentDate": "$b.incidentDate", "amount": $b.amount, "sourceIp": "$context.identity.sourceIp"}' },
    responses: {
      default: { statusCode: '200' },
      '.*BadRequest.*': { statusCode: '400', responseTemplates: { 'application/json': '{"message": "$input.path(\'$.error\')"}' } },
      '.*Invalid.*|.*Error.*': { statusCode: '500', responseTemplates: { 'application/json': '{"message": "Internal error, claim not recorded"}' } },
    },
  } } } }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'python3.11', handler: 'app.handler', memory: 512, timeout: 20, lastModified: deploy }));
  b.json('expected.json', {
    rootCause: 'lambda-unhandled-error', findings: ['lambda-unhandled-error'], failingRequests: failing.length,
    api: { id: apiId, stage, type: 'REST' },
    notes: `${failing.length} 500s in the window. Non-proxy (type AWS) Lambda integration: Lambda answered 200 with X-Amz-Function-Error=Unhandled and {"errorMessage":"Invalid policy number format: ...","errorType":"ValueError"}; the integration response selectionPattern ".*Invalid.*|.*Error.*" mapped it to 500 and the execution log says "Successfully completed execution" then "Method completed with status: 500" — no "Lambda execution failed" line; the access log's integrationStatus is 200. Not mapping-template-error, not function-error-response (the function raised), not api-gateway-internal. 400s (BadRequest mapped by the other pattern) are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A deploy of \`${fn}\` (Python 3.11) at ${iso(deploy)} accepts only the old policy-number format; claims with the new \`PN-2026/nnnn\` numbers raise ValueError. The API's integration response maps any errorMessage matching \`.*Invalid.*|.*Error.*\` to 500. SNS alarm (5XXError, 300 s × 1) at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`${stage}\`, ${region}; POST /claims is a **non-proxy AWS Lambda integration** (request template, integration responses with selection patterns). Execution logging INFO with data trace. Expected: **lambda-unhandled-error**.`,
    files: [`\`logs/API-Gateway-Execution-Logs_${apiId}/${stage}/<stream>.json\`: one get-log-events file per stream`, `\`logs/aws/lambda/${fn}.json\`: filter-log-events, Python text format`, `\`logs/aws/apigateway/${apiName}.jsonl\`: JSON Lines {"timestamp","message"}, custom JSON access log with integration.status (200 for the failures)`, '`api/export.json` (type aws, selection patterns), `api/stage.json`, `functions/`, `alarm.json` (SNS)'],
    noise: '400s (the function returns {"error":"BadRequest: ..."} and the other selection pattern maps it), healthy 200s.',
    sources: [
      'Non-proxy Lambda integration with an unhandled error: Lambda answers with `X-Amz-Function-Error=Unhandled` in the endpoint response headers and a body `{"stackTrace": [...], "errorType": "Exception", "errorMessage": "..."}` that the integration response regex maps to a status: public repo README "AnyResponseCodeDemo" (find_string "X-Amz-Function-Error=Unhandled"). Python 3.x error body (`errorMessage`, `errorType`, `requestId`, `stackTrace` of strings): awslambdaric.',
      'Endpoint response headers / body lines: execution-log captures in public issues (find_string "X-Amz-Function-Error=Unhandled", e.g. a 2024 capture with `X-Amzn-Trace-Id=root=…;parent=…;sampled=0;lineage=…`).',
      'Not verified: that API Gateway logs "Successfully completed execution" (and no "Lambda execution failed with status 200 due to customer function error" line) when a non-proxy integration maps a function error; this is our reading of how integration responses work (https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html).',
    ],
  }));
  b.write();
  return name;
}

// =============================================================================================
// 4. rt5-rest-rust-panic-provided
//    REST API, Lambda proxy to geo-resolver (Rust, provided.al2023, lambda_runtime + lambda_http).
//    A new postcode table lacks the Channel Islands; `.unwrap()` on the lookup panics. The runtime's
//    CatchPanicService turns it into an invocation error "Lambda panicked: ..." -> 502.
// =============================================================================================

function bundleRustPanic(): string {
  const r = rng(0x5504);
  const name = 'rt5-rest-rust-panic-provided';
  const b = new Bundle(name);
  const region = 'us-west-2';
  const account = '905713628840';
  const apiId = 'g3o8p1x5ra';
  const apiName = 'geo-api';
  const fn = 'geo-resolver';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const deploy = Date.UTC(2026, 3, 28, 22, 2, 50);
  const alarmMs = Date.UTC(2026, 3, 28, 22, 19, 3, 418);
  const win = windowOf(alarmMs, 60, 5);
  const tl = new TextLambda(r, { fn, region, runtimeVersion: 'provided:al2023.v94', memory: 256, init: [28, 61], xray: true });
  const panicMsg = 'called `Option::unwrap()` on a `None` value';
  const errType = '&alloc::boxed::Box<dyn core::any::Any + core::marker::Send>';
  const reqs: { id: string; ts: number; end: number; status: number; len: number; ip: string; path: string; lines: { dt: number; text: string }[]; trace: string }[] = [];
  for (let t = Date.UTC(2026, 3, 28, 21, 58, 0); t < Date.UTC(2026, 3, 28, 22, 21, 0); t += r.int(7000, 16000)) {
    const gy = t > deploy && r.chance(0.3);
    const pc = gy ? r.pick(['GY1 1AA', 'JE2 3NP', 'GY9 3TX', 'JE4 8PX']) : r.pick(['SW1A 1AA', 'M1 1AE', 'EH1 2NG', 'B33 8TH', 'CF10 1EP', 'LS1 4DY']);
    const trace = traceIdAt(r, t);
    const lam = tl.invoke(t + r.int(15, 30), (lid, t0, push) => {
      const span = `Lambda runtime invoke{requestId="${lid}" xrayTraceId="Root=${trace};Parent=${r.hex(16)};Sampled=1;Lineage=1:${r.hex(8)}:0"}`;
      push(t0 + 1, ` INFO ${span}: geo_resolver::handler: resolving postcode="${pc}"`);
      if (gy) {
        push(t0 + 2, `thread 'main' panicked at src/handler.rs:88:51:\n${panicMsg}\nnote: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace\n`);
        push(t0 + 2, `ERROR ${span}: lambda_runtime::layers::panic: user handler panicked error=Any { .. }`);
        return { end: t0 + 3, used: r.int(19, 24) };
      }
      const d = r.int(3, 14);
      if (r.chance(0.1)) push(t0 + d - 1, ` WARN ${span}: geo_resolver::cache: postcode cache miss, falling back to table scan`);
      return { end: t0 + d, used: r.int(19, 24) };
    }, { trace });
    const id = r.uuid();
    const latency = lam.end - t + r.int(8, 20);
    const out = gy ? JSON.stringify({ errorType: errType, errorMessage: `Lambda panicked: ${panicMsg}` }) : '{"statusCode":200,"headers":{"content-type":"application/json"},"multiValueHeaders":{},"body":"{...}","isBase64Encoded":false}';
    const lines = restExecLines({ id, ext: r.extendedId(), apiId, stage: 'prod', method: 'GET', resource: '/postcodes/{postcode}', path: `/postcodes/${pc.replace(' ', '%20')}`, fnArn, region, ts: t, latency, lambdaId: lam.id, status: gy ? 502 : 200, dataTrace: false, outcome: gy ? { kind: 'unhandled', errorMessage: `Lambda panicked: ${panicMsg}`, body: out } : { kind: 'ok', body: out }, trace });
    reqs.push({ id, ts: t, end: t + latency + 2, status: gy ? 502 : 200, len: gy ? 36 : r.int(140, 420), ip: r.pick(IPS), path: `/postcodes/${pc}`, lines, trace });
  }
  // Execution log: a Logs Insights query for errors only.
  const evs: Ev[] = [];
  const streams = [execStream(r), execStream(r), execStream(r)];
  for (const q of reqs) { const s = r.pick(streams); for (const l of q.lines) if (/customer function error|Method completed with status|X-ray Tracing ID/.test(l.text) || q.status >= 500) evs.push({ ts: q.ts + l.dt, msg: l.text, stream: s }); }
  b.put('logs/insights/geo-api-exec.json', insightsResults(r, evs, { account, group: `API-Gateway-Execution-Logs_${apiId}/prod`, requestIdField: false, ingestion: false }));
  b.put(`logs/aws/lambda/${fn}.log`, tailShort(tl.events));
  b.put(`logs/aws/apigateway/${apiName}-prod.csv.log`, tailLong(reqs.map((q) => ({ ts: q.end, stream: `${apiId}_prod`, msg: `${q.ip},-,-,${clfTime(q.ts)},GET,/postcodes/{postcode},HTTP/1.1,${q.status},${q.len},${q.id},${q.trace}` }))));
  const failing = reqs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', ebAlarm5xx(r, { name: `${apiName}-prod-5xx`, account, region, ms: alarmMs, period: 60, evals: 5, threshold: 1, failTimes: failing.map((q) => q.ts), dims: { ApiName: apiName, Stage: 'prod' }, metric: '5XXError' }));
  b.json('api/stage.json', restStage({ stage: 'prod', deploymentId: 'g7d1s4', logLevel: 'INFO', dataTrace: false, tracing: true, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}-prod`, format: '$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId,$context.xrayTraceId', created: Date.UTC(2025, 8, 8), updated: Date.UTC(2026, 2, 2) }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'provided.al2023', handler: 'bootstrap', memory: 256, timeout: 10, lastModified: deploy, arch: 'arm64', tracing: 'Active', env: { RUST_LOG: 'info', POSTCODE_TABLE: 's3://geo-data-prod/postcodes-2026-04.bin' } }));
  b.json('expected.json', {
    rootCause: 'lambda-unhandled-error', findings: ['lambda-unhandled-error'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `${failing.length} 502s in the window: geo-resolver (Rust, provided.al2023) panics ("thread 'main' panicked at src/handler.rs:88:51: ${panicMsg}"); lambda_runtime catches the panic and reports an invocation error "Lambda panicked: ..." (no Runtime.ExitError, the process lives on, no new INIT). Not lambda-init-error, not malformed-proxy-response. Only errors and status lines are in the execution-log export.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A deploy of \`${fn}\` at ${iso(deploy)} loads a new postcode table without Channel Islands postcodes; the handler \`.unwrap()\`s the lookup and panics for GY/JE postcodes; GET /postcodes/{postcode} answers 502. EventBridge alarm (5XXError, 60 s × 5) at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage \`prod\`, ${region}; Lambda proxy to \`${fn}\` (Rust, **provided.al2023**, arm64, lambda_runtime/lambda_http, X-Ray active). Expected: **lambda-unhandled-error**.`,
    files: ['`logs/insights/geo-api-exec.json`: get-query-results (newest first) of the execution log, filtered to errors/status lines', `\`logs/aws/lambda/${fn}.log\`: \`aws logs tail --format short\` (tracing-subscriber text lines, panic message across 3 lines)`, `\`logs/aws/apigateway/${apiName}-prod.csv.log\`: \`aws logs tail\` of the CSV access log (with xrayTraceId)`, '`api/stage.json`, `functions/`, `alarm.json` (EventBridge)'],
    noise: 'Healthy 200s, WARN cache-miss lines, cold starts with short Init Duration (custom runtime).',
    sources: [
      'Panic → invocation error: lambda_runtime `CatchPanicService` logs `error!(error = ?err, "user handler panicked")` and reports `error_message: "Lambda panicked: {msg}"`, `error_type: type_name_of_val(&err)`: awslabs/aws-lambda-rust-runtime lambda-runtime/src/layers/panic.rs.',
      'Rust ≥1.73 default panic hook: `thread \'main\' panicked at src/…rs:L:C:` then the message on the next line, then `note: run with `RUST_BACKTRACE=1` …`; older form `panicked at \'msg\', file:line:col` in aws-lambda-rust-runtime#89.',
      'Span `Lambda runtime invoke{requestId=… xrayTraceId=…}` and the text layout of `tracing_subscriber` lines: our reading of lambda_runtime\'s tracing layer (lambda-runtime/src/layers/trace.rs), not a verified CloudWatch capture.',
      'Execution-log unhandled-error lines: public captures (find_string "X-Amz-Function-Error=Unhandled"), as in the team\'s fixtures.',
    ],
  }));
  b.write();
  return name;
}

// =============================================================================================
// 5. rt5-http-dotnet-json-sqs-kms-denied
//    HTTP API, Lambda proxy to notify-enqueue (.NET 8, LogFormat JSON). A security baseline switched the
//    notifications queue to a customer-managed KMS key; the function role lacks kms:GenerateDataKey.
//    SendMessage throws Amazon.SQS.Model.KmsAccessDeniedException, unhandled -> 500.
// =============================================================================================

function bundleDotnetKms(): string {
  const r = rng(0x5505);
  const name = 'rt5-http-dotnet-json-sqs-kms-denied';
  const b = new Bundle(name);
  const region = 'eu-west-1';
  const account = '146203958817';
  const apiId = 'n8t3f6y1wd';
  const fn = 'notify-enqueue';
  const change = Date.UTC(2026, 10, 9, 15, 31, 4);
  const alarmMs = Date.UTC(2026, 10, 9, 15, 46, 52, 205);
  const win = windowOf(alarmMs, 300, 1);
  const keyArn = `arn:aws:kms:${region}:${account}:key/5d1e7a3c-92b4-4f08-b6e1-0c8a2f4d9e71`;
  const events: Ev[] = [];
  const envs: { stream: string; freeAt: number }[] = [];
  const tracing = (tr: string): unknown => ({ spanId: r.hex(16), type: 'X-Amzn-Trace-Id', value: `Root=${tr};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0` });
  interface Q { id: string; ts: number; end: number; route: string; status: number; len: number; ip: string }
  const qs: Q[] = [];
  for (let t = Date.UTC(2026, 10, 9, 15, 20, 0); t < Date.UTC(2026, 10, 9, 15, 50, 0); t += r.int(10000, 24000)) {
    const id = r.httpRequestId();
    const isGet = r.chance(0.3);
    if (isGet) { qs.push({ id, ts: t, end: t + r.int(20, 80), route: 'GET /notifications/{id}', status: r.chance(0.2) ? 404 : 200, len: r.int(24, 500), ip: r.pick(IPS) }); continue; }
    const lid = r.uuid();
    const tr = traceIdAt(r, t);
    let env = envs.find((e) => e.freeAt < t);
    let t0 = t + r.int(10, 20);
    if (!env) {
      env = { stream: lambdaStream(r, t), freeAt: 0 };
      envs.push(env);
      const initMs = r.int(380, 620) + r.next();
      events.push({ ts: t0, stream: env.stream, msg: sysJson(t0, 'platform.initStart', { initializationType: 'on-demand', phase: 'init', runtimeVersion: 'dotnet:8.v39', runtimeVersionArn: `arn:aws:lambda:${region}::runtime:${r.hex(64)}`, functionName: fn, functionVersion: '$LATEST' }) });
      events.push({ ts: t0 + Math.ceil(initMs), stream: env.stream, msg: sysJson(t0 + Math.ceil(initMs), 'platform.initRuntimeDone', { initializationType: 'on-demand', phase: 'init', status: 'success' }) });
      events.push({ ts: t0 + Math.ceil(initMs), stream: env.stream, msg: sysJson(t0 + Math.ceil(initMs), 'platform.initReport', { initializationType: 'on-demand', phase: 'init', status: 'success', metrics: { durationMs: Math.round(initMs * 1000) / 1000 } }) });
      t0 += Math.ceil(initMs) + 1;
    }
    const s = env.stream;
    events.push({ ts: t0, stream: s, msg: sysJson(t0, 'platform.start', { requestId: lid, version: '$LATEST', tracing: tracing(tr) }) });
    const channel = r.pick(['email', 'sms', 'push']);
    events.push({ ts: t0 + 4, stream: s, msg: JSON.stringify({ timestamp: iso(t0 + 4), level: 'Information', requestId: lid, traceId: `Root=${tr};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0`, message: `Enqueueing ${channel} notification for tenant t-${r.int(100, 999)}`, channel }) });
    const denied = t > change + 40_000;
    let end: number;
    if (denied) {
      const d = r.int(160, 320);
      const kmsReq = r.uuid();
      const msg = `The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access. (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: ${kmsReq}; Proxy: null)`;
      events.push({ ts: t0 + d, stream: s, msg: JSON.stringify({ timestamp: iso(t0 + d), level: 'Error', requestId: lid, traceId: `Root=${tr};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0`, message: null, errorType: 'Amazon.SQS.Model.KmsAccessDeniedException', errorMessage: msg, stackTrace: [
        `Amazon.SQS.Model.KmsAccessDeniedException: ${msg}`,
        '---> Amazon.Runtime.Internal.HttpErrorResponseException: Exception of type \'Amazon.Runtime.Internal.HttpErrorResponseException\' was thrown.',
        'at Amazon.Runtime.HttpWebRequestMessage.ProcessHttpResponseMessage(HttpResponseMessage responseMessage)',
        'at Amazon.Runtime.HttpWebRequestMessage.GetResponseAsync(CancellationToken cancellationToken)',
        '--- End of inner exception stack trace ---',
        'at Amazon.Runtime.Internal.HttpErrorResponseExceptionHandler.HandleExceptionStream(IRequestContext requestContext, IWebResponseData httpErrorResponse, HttpErrorResponseException exception, Stream responseStream)',
        'at Amazon.Runtime.Internal.ErrorHandler.InvokeAsync[T](IExecutionContext executionContext)',
        'at Amazon.Runtime.Internal.CallbackHandler.InvokeAsync[T](IExecutionContext executionContext)',
        'at Notify.Enqueue.NotificationQueue.SendAsync(Notification n) in /src/Notify.Enqueue/NotificationQueue.cs:line 44',
        'at Notify.Enqueue.Function.FunctionHandler(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context) in /src/Notify.Enqueue/Function.cs:line 31',
        'at lambda_method1(Closure, Stream, ILambdaContext, Stream)',
        'at Amazon.Lambda.RuntimeSupport.HandlerWrapper.<>c__DisplayClass8_0.<<GetHandlerWrapper>b__0>d.MoveNext()',
      ] }) });
      end = t0 + d + 2;
      events.push({ ts: end, stream: s, msg: sysJson(end, 'platform.runtimeDone', { requestId: lid, status: 'error', errorType: 'KmsAccessDeniedException', metrics: { durationMs: end - t0, producedBytes: 0 }, tracing: tracing(tr), spans: [] }) });
      events.push({ ts: end, stream: s, msg: sysJson(end, 'platform.report', { requestId: lid, metrics: { durationMs: end - t0 + 0.41, billedDurationMs: end - t0 + 1, memorySizeMB: 512, maxMemoryUsedMB: r.int(96, 118) }, tracing: tracing(tr), status: 'error', errorType: 'KmsAccessDeniedException' }) });
    } else {
      const d = r.int(40, 140);
      events.push({ ts: t0 + d - 1, stream: s, msg: JSON.stringify({ timestamp: iso(t0 + d - 1), level: 'Information', requestId: lid, traceId: `Root=${tr};Parent=${r.hex(16)};Sampled=0;Lineage=1:${r.hex(8)}:0`, message: `Queued message ${r.uuid()}` }) });
      end = t0 + d;
      events.push({ ts: end, stream: s, msg: sysJson(end, 'platform.runtimeDone', { requestId: lid, status: 'success', metrics: { durationMs: d, producedBytes: 112 }, tracing: tracing(tr), spans: [] }) });
      events.push({ ts: end, stream: s, msg: sysJson(end, 'platform.report', { requestId: lid, metrics: { durationMs: d + 0.37, billedDurationMs: d + 1, memorySizeMB: 512, maxMemoryUsedMB: r.int(92, 110) }, tracing: tracing(tr), status: 'success' }) });
    }
    env.freeAt = end + 2;
    qs.push({ id, ts: t, end: end + r.int(4, 10), route: 'POST /notifications', status: denied ? 500 : 202, len: denied ? 35 : 52, ip: r.pick(IPS) });
  }
  b.put(`logs/aws/lambda/${fn}.json`, filterLogEvents(r, events));
  b.put('logs/insights/notify-http-access.json', insightsResults(r, qs.map((q) => ({ ts: q.end, stream: `${apiId}_$default`, msg: `{ "requestId":"${q.id}", "ip": "${q.ip}", "requestTime":"${clfTime(q.ts)}", "httpMethod":"${q.route.split(' ')[0] ?? ''}","routeKey":"${q.route}", "status":"${q.status}","protocol":"HTTP/1.1", "responseLength":"${q.len}" }` })), { account, group: '/aws/vendedlogs/apigateway/notify-http', requestIdField: false, ingestion: true }));
  const failing = qs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', snsAlarm5xx({ name: 'notify-http-5xx', account, region, regionName: 'EU (Ireland)', ms: alarmMs, period: 300, evals: 1, threshold: 5, failTimes: failing.map((q) => q.ts), dims: { ApiId: apiId, Stage: '$default' }, metric: '5xx' }));
  b.json('api/export.json', httpExport({ title: 'notify-http', apiId, region, version: '2026-10-01 10:00:00UTC', routes: [{ method: 'POST', path: '/notifications', fnArn: `arn:aws:lambda:${region}:${account}:function:${fn}` }, { method: 'GET', path: '/notifications/{id}', fnArn: `arn:aws:lambda:${region}:${account}:function:notify-status` }] }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'dotnet8', handler: 'Notify.Enqueue::Notify.Enqueue.Function::FunctionHandler', memory: 512, timeout: 15, lastModified: Date.UTC(2026, 9, 14, 9, 0, 0), logFormat: 'JSON', role: `arn:aws:iam::${account}:role/notify-enqueue-role`, env: { QUEUE_URL: `https://sqs.${region}.amazonaws.com/${account}/notifications` } }));
  b.json('changes/lookup-events.json', { Events: [cloudTrailEvent(r, {
    ms: change, eventName: 'SetQueueAttributes', eventSource: 'sqs.amazonaws.com', user: 'security-baseline', userArn: `arn:aws:sts::${account}:assumed-role/security-baseline-automation/security-baseline`, region, account,
    resources: [{ ResourceType: 'AWS::SQS::Queue', ResourceName: `https://sqs.${region}.amazonaws.com/${account}/notifications` }],
    request: { queueUrl: `https://sqs.${region}.amazonaws.com/${account}/notifications`, attributes: { KmsMasterKeyId: keyArn, KmsDataKeyReusePeriodSeconds: '300', SqsManagedSseEnabled: 'false' } }, userAgent: 'Boto3/1.35.40 md/Botocore#1.35.40 ua/2.0 os/linux#5.10.227 md/arch#x86_64 lang/python#3.12.6 exec-env/AWS_Lambda_python3.12',
  })] });
  b.json('expected.json', {
    rootCause: 'downstream-access-denied', findings: ['downstream-access-denied'], failingRequests: failing.length,
    api: { id: apiId, stage: '$default', type: 'HTTP' },
    notes: `${failing.length} POST /notifications 500s in the window. The function (.NET 8, LogFormat JSON) lets Amazon.SQS.Model.KmsAccessDeniedException escape: its role may send to the queue but has no kms:GenerateDataKey on the customer-managed key the queue was switched to at ${iso(change)} (CloudTrail SetQueueAttributes KmsMasterKeyId). The message says "you are not allowed to access" (Error Code: AccessDeniedException), not "is not authorized to perform". Per contract: downstream-access-denied, with lambda-unhandled-error as an alternative. GET 404s are noise.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `At ${iso(change)} a security-baseline automation switched SQS queue \`notifications\` from SSE-SQS to a customer-managed KMS key. \`${fn}\`'s role has sqs:SendMessage but no kms:GenerateDataKey on that key, so every SendMessage fails with KmsAccessDeniedException, which the .NET handler does not catch: POST /notifications answers 500. SNS alarm (5xx, 300 s × 1) at ${iso(alarmMs)}.`,
    api: `HTTP API \`notify-http\` (\`${apiId}\`), stage \`$default\`, ${region}; Lambda proxy (payload 2.0). Function runtime **dotnet8**, **LogFormat JSON**. Expected: **downstream-access-denied**.`,
    files: [`\`logs/aws/lambda/${fn}.json\`: filter-log-events; JSON log format (platform.* records and {"timestamp","level","requestId","traceId","message",...} app records; the unhandled exception as {"errorType","errorMessage","stackTrace":[...]})`, '`logs/insights/notify-http-access.json`: get-query-results (newest first), console default HTTP JSON access format', '`changes/lookup-events.json` (sqs SetQueueAttributes), `api/export.json`, `functions/`, `alarm.json` (SNS)'],
    noise: 'GET /notifications/{id} (another function, 200/404), healthy POSTs before the change, cold starts.',
    sources: [
      '.NET JSON-format unhandled exception record `{"timestamp","level":"Error","requestId","traceId","message":null,"errorType","errorMessage","stackTrace":[...lines of ToString()]}`: aws/aws-lambda-dotnet#1737 (and structured logging announcement aws/aws-lambda-dotnet#1747).',
      'KMS access denial through a service: `The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access. (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: …; Proxy: null)`: opensearch-project/data-prepper#2422 (SQS), aws/aws-cdk#24337 (SNS producer, KMSAccessDeniedException); producers need kms:GenerateDataKey: github-aws-runners/terraform-aws-github-runner#3126, aws/aws-cdk#6609.',
      'Platform records (platform.start/runtimeDone/report with status "error" and errorType): Lambda Telemetry API schema; exception class `Amazon.SQS.Model.KmsAccessDeniedException` (SQS API error KMS.AccessDeniedException) is our reading of the .NET SDK naming.',
    ],
  }));
  b.write();
  return name;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

sizeReport([bundleHttpAuthorizerTimeout(), bundleVpcLinkReset(), bundleNonProxySelection(), bundleRustPanic(), bundleDotnetKms()]);
void gunzipSync;
void restAccessJsonDefault;
