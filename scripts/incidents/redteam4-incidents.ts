/**
 * Fourth red team's incident bundles (events/incidents/rt4-*): COUNTING and SCOPE. Asynchronous
 * invocations (S3, EventBridge) of the API's own function failing beside API failures, client retries
 * and Lambda async retries under one request id, an alarm-window edge, two APIs in one bundle, an HTTP
 * API with the console's default JSON access log and two failing routes, and a 4xx storm around a few
 * 5xx. Shapes are the ones the earlier red teams looked up plus the sources named in each README.
 * Shared helpers: ./redteam/kit.ts.
 *
 *   npx tsx scripts/incidents/redteam4-incidents.ts            # writes events/incidents/rt4-*
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
  alarmDims,
  clfTime,
  eventBridgeAlarm,
  execEvents,
  execStream,
  filterLogEvents,
  getLogEvents,
  httpExport,
  httpStage,
  insightsResults,
  iso,
  jsonLines,
  lambdaConfig,
  nodeInvokeError,
  nodeLine,
  perBucket,
  proxyIntegration,
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
  tailLong,
  tailShort,
  windowOf,
} from './redteam/kit.ts';

// =============================================================================================
// Bundles of this red team: shared pieces
// =============================================================================================

interface RestReq {
  id: string; ts: number; end: number; method: string; resource: string; path: string; status: number; len: number; ip: string; ua: string;
  lambdaId?: string; lines: { dt: number; text: string }[]; apiId: string; stage: string;
}

/** One REST Lambda-proxy request: the function runs first (so its id and duration are known), then the execution-log lines. */
function restLambdaReq(r: Rng, o: {
  apiId: string; stage: string; region: string; fnArn: string; ts: number; method: string; resource: string; path: string; ip: string; ua?: string;
  lambda: { id: string; end: number }; error?: string;
}): RestReq {
  const id = r.uuid();
  const latency = o.lambda.end - o.ts + r.int(8, 25);
  const status = o.error ? 502 : o.method === 'POST' ? 201 : 200;
  const body = o.error ? `{"errorType":"Error","errorMessage":${JSON.stringify(o.error)}}` : `{"statusCode":${status},"body":"{...}"}`;
  const lines = restExecLines({
    id, ext: r.extendedId(), apiId: o.apiId, stage: o.stage, method: o.method, resource: o.resource, path: o.path, fnArn: o.fnArn, region: o.region,
    ts: o.ts, latency, lambdaId: o.lambda.id, status, dataTrace: false,
    outcome: o.error ? { kind: 'unhandled', errorMessage: o.error, body } : { kind: 'ok', body },
  });
  return { id, ts: o.ts, end: o.ts + latency + 2, method: o.method, resource: o.resource, path: o.path, status, len: o.error ? 36 : r.int(80, 1400), ip: o.ip, ua: o.ua ?? 'okhttp/4.12.0', lambdaId: o.lambda.id, lines, apiId: o.apiId, stage: o.stage };
}

function clfLine(q: RestReq): string {
  return `${q.ip} - - [${clfTime(q.ts)}] "${q.method} ${q.resource} HTTP/1.1" ${q.status} ${q.len} ${q.id}`;
}
function csvLine(q: RestReq): string {
  return `${q.ip},-,-,${clfTime(q.ts)},${q.method},${q.resource},HTTP/1.1,${q.status},${q.len},${q.id}`;
}
function restAlarmSns(o: { name: string; apiName: string; stage: string; account: string; region: string; ms: number; period: number; evals: number; threshold: number; failTimes: number[] }): unknown {
  const buckets = perBucket(o.failTimes, o.period);
  const points: { t: number; v: number }[] = [];
  const last = Math.floor(o.ms / (o.period * 1000)) * o.period * 1000 - o.period * 1000;
  for (let i = o.evals - 1; i >= 0; i--) {
    const t = last - i * o.period * 1000;
    points.push({ t, v: buckets.get(t) ?? 0 });
  }
  return snsAlarm({
    name: o.name, description: `${o.apiName} ${o.stage} 5XXError`, account: o.account, region: o.region, regionName: 'US East (N. Virginia)', ms: o.ms,
    reason: reasonText(points, o.threshold), trigger: snsTrigger('5XXError', alarmDims(o.apiName, o.stage), o.period, o.evals, o.threshold),
    topic: `arn:aws:sns:${o.region}:${o.account}:apigw-alarms`,
  });
}
function inWin(ts: number, win: { start: number; end: number }): boolean {
  return ts >= win.start && ts <= win.end;
}
const NODE_RT = 'nodejs:20.v41';
const PY_RT = 'python:3.12.v38';

// =============================================================================================
// 1. rt4-rest-s3-async-beside-api-errors
//    media-ingest (Node.js 20) serves POST /uploads of REST API media-api AND is the target of an S3
//    ObjectCreated notification. A deploy reads head.Metadata['content-type'].split(...) => TypeError
//    when metadata is absent: some API requests fail (502) and most S3 events fail; Lambda retries
//    each failed S3 event twice (1 and 2 minutes later) with the SAME Lambda request id.
//    Truth: lambda-unhandled-error; failingRequests counts only the API's 502s.
// =============================================================================================

function bundleS3Async(): void {
  const r = rng(0x4401);
  const name = 'rt4-rest-s3-async-beside-api-errors';
  const b = new Bundle(name);
  const region = 'us-east-1';
  const account = '417293058164';
  const apiId = 'm3d1a8pq2x';
  const apiName = 'media-api';
  const fn = 'media-ingest';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const deploy = Date.UTC(2026, 4, 12, 9, 2, 10);
  const alarmMs = Date.UTC(2026, 4, 12, 9, 19, 4, 512);
  const win = windowOf(alarmMs, 300, 1);
  const tl = new TextLambda(r, { fn, region, runtimeVersion: NODE_RT, memory: 1024, init: [310, 520] });
  const errMsg = "Cannot read properties of undefined (reading 'split')";
  const stack = ['    at parseContentType (/var/task/lib/metadata.js:14:38)', '    at describeObject (/var/task/lib/metadata.js:31:17)', '    at async Runtime.handler (/var/task/index.js:22:18)'];
  const reqs: RestReq[] = [];
  const asyncIds: string[] = [];
  let asyncAttempts = 0;
  // API traffic.
  for (let t = Date.UTC(2026, 4, 12, 8, 50, 0); t < Date.UTC(2026, 4, 12, 9, 22, 0); t += r.int(20000, 40000)) {
    const broken = t > deploy && r.chance(0.28);
    const key = `uploads/${r.hex(8)}/${r.pick(['IMG_2231.jpg', 'scan.pdf', 'clip.mp4', 'avatar.png'])}`;
    const lam = tl.invoke(t + r.int(12, 30), (id, t0, push) => {
      push(t0 + 4, nodeLine(t0 + 4, id, 'INFO', `POST /uploads key=${key}`));
      if (broken) {
        push(t0 + 61, nodeInvokeError(t0 + 61, id, 'TypeError', errMsg, stack));
        return { end: t0 + 62 };
      }
      const d = r.int(90, 420);
      push(t0 + d - 2, nodeLine(t0 + d - 2, id, 'INFO', `stored ${key} (${r.int(20, 9000)} KB)`));
      return { end: t0 + d };
    });
    reqs.push(restLambdaReq(r, { apiId, stage: 'prod', region, fnArn, ts: t, method: 'POST', resource: '/uploads', path: '/uploads', ip: r.pick(IPS), lambda: lam, error: broken ? `${errMsg}` : undefined }));
  }
  // S3 ObjectCreated events (asynchronous invocation); failures retried twice with the same request id.
  for (let t = Date.UTC(2026, 4, 12, 9, 0, 30); t < Date.UTC(2026, 4, 12, 9, 17, 0); t += r.int(40_000, 110_000)) {
    const key = `incoming/batch-${r.int(100, 999)}/${r.hex(6)}.heic`;
    const broken = t > deploy && r.chance(0.85);
    const body = (id: string, t0: number, push: (ts: number, msg: string) => void): { end: number } => {
      push(t0 + 3, nodeLine(t0 + 3, id, 'INFO', `S3 ObjectCreated:Put s3://media-raw-prod/${key}`));
      if (broken) {
        push(t0 + 48, nodeInvokeError(t0 + 48, id, 'TypeError', errMsg, stack));
        return { end: t0 + 49 };
      }
      return { end: t0 + r.int(200, 900) };
    };
    const first = tl.invoke(t, body);
    if (!broken) continue;
    asyncIds.push(first.id);
    asyncAttempts++;
    for (const delay of [60_000 + r.int(200, 4000), 180_000 + r.int(200, 6000)]) {
      tl.invoke(t + delay, body, { id: first.id });
      asyncAttempts++;
    }
  }
  const exec = execEvents(r, reqs, [execStream(r), execStream(r), execStream(r)]);
  for (const [stream, evs] of exec) b.put(`logs/API-Gateway-Execution-Logs_${apiId}/prod/${stream}.json`, getLogEvents(r, evs));
  b.put(`logs/aws/apigateway/${apiName}-access.json`, filterLogEvents(r, reqs.map((q) => ({ ts: q.end, msg: clfLine(q), stream: `${apiId}_prod` }))));
  b.put(`logs/aws/lambda/${fn}.json`, filterLogEvents(r, tl.events));
  const failing = reqs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', restAlarmSns({ name: `${apiName}-prod-5xx`, apiName, stage: 'prod', account, region, ms: alarmMs, period: 300, evals: 1, threshold: 3, failTimes: failing.map((q) => q.ts) }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'nodejs20.x', handler: 'index.handler', memory: 1024, timeout: 30, lastModified: deploy }));
  b.json('api/export.json', restExport({ title: apiName, apiId, region, stage: 'prod', paths: { '/uploads': { post: proxyIntegration(region, fnArn) } } }));
  b.json('expected.json', {
    rootCause: 'lambda-unhandled-error', findings: ['lambda-unhandled-error'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `${failing.length} POST /uploads 502s in the window ("Lambda execution failed with status 200 due to customer function error: ${errMsg}"). The same function also failed ${asyncIds.length} S3 ObjectCreated events asynchronously, each attempted 3 times under one Lambda request id (${asyncAttempts} failed invocations, ${asyncIds.length} distinct ids): none is an API request and none may be counted.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A deploy of \`${fn}\` at ${iso(deploy)} calls \`.split\` on S3 object metadata that may be missing. About a quarter of POST /uploads requests of REST API \`${apiName}\` fail with 502; the same function is the target of an S3 ObjectCreated notification on \`media-raw-prod\`, and most of those asynchronous invocations fail too; Lambda retries each failed event twice, 1 and 2 minutes later, under the same request id. Alarm (SNS) at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), stage prod, Lambda proxy to \`${fn}\` (nodejs20.x, text log format). Expected: lambda-unhandled-error with ${failing.length} failing requests — the ${asyncAttempts} failed async invocations are not requests.`,
    files: [`logs/API-Gateway-Execution-Logs_${apiId}/prod/<stream>.json: get-log-events, one stream per file, INFO level`, `logs/aws/apigateway/${apiName}-access.json: filter-log-events, REST CLF access format`, `logs/aws/lambda/${fn}.json: filter-log-events of the function (API and S3 invocations interleaved)`, 'alarm.json (SNS message), functions/, api/export.json'],
    noise: 'Healthy 201s; S3-triggered invocations (successful and failing, with same-id retries); cold starts.',
    sources: [
      'Async retry policy (two retries, 1 min then 2 min) and duplicates with the SAME request id: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html and https://repost.aws/knowledge-center/lambda-function-duplicate-invocations ("Duplicate invocations that return errors or timeout and that have the same request ID indicate that the Lambda service retried"); https://qiita.com/aosho235/items/7ac0a65e3b1c7b5f3150 (log screenshot, RequestId identical across retries).',
      'Node.js text log line and `Invoke Error \\t{"errorType":…}`: aws-lambda-nodejs-runtime-interface-client (see rest-lambda-timeout README); execution-log lines "Lambda execution failed with status 200 due to customer function error: … Lambda request id: …": the team\'s REST fixtures (rest-lambda-unhandled-error-node).',
      'REST CLF access format `$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId`: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.md',
    ],
  }));
  b.write();
}

// =============================================================================================
// 2. rt4-rest-client-retries-and-async-retry-timeout
//    quote-pricer (Python 3.12, timeout 6 s) calls a slow rates service: large baskets time out (502).
//    The mobile client retries a failed quote twice (3 attempts, same ip and user agent, a new API
//    request id each). An EventBridge rule (cache warmer, every 5 min) invokes the same function; it
//    times out too and Lambda retries it under the same request id.
//    Truth: lambda-timeout; every API attempt counts, the warmer's invocations do not.
// =============================================================================================

function bundleRetries(): void {
  const r = rng(0x4402);
  const name = 'rt4-rest-client-retries-and-async-retry-timeout';
  const b = new Bundle(name);
  const region = 'us-east-1';
  const account = '530917264480';
  const apiId = 'q9u4t7e2sa';
  const apiName = 'quotes-api';
  const fn = 'quote-pricer';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const slowFrom = Date.UTC(2026, 6, 2, 14, 4, 0);
  const alarmMs = Date.UTC(2026, 6, 2, 14, 18, 33, 90);
  const win = windowOf(alarmMs, 60, 3);
  const tl = new TextLambda(r, { fn, region, runtimeVersion: PY_RT, memory: 512, init: [420, 780] });
  const reqs: RestReq[] = [];
  const run = (t: number, ip: string, ua: string, big: boolean): RestReq => {
    const slow = big && t > slowFrom;
    const lam = tl.invoke(t + r.int(10, 25), (id, t0, push) => {
      push(t0 + 2, pyLine(t0 + 2, id, 'INFO', `pricing basket items=${big ? r.int(60, 140) : r.int(1, 12)} currency=EUR`));
      if (slow) {
        push(t0 + 3100, pyLine(t0 + 3100, id, 'WARNING', 'rates-service slow: retrying GET /v2/rates (attempt 2)'));
        push(t0 + 6000, `${iso(t0 + 6000)} ${id} Task timed out after 6.00 seconds\n`);
        return { end: t0 + 6000, status: 'timeout' };
      }
      const d = r.int(140, 900);
      return { end: t0 + d };
    });
    const q = restLambdaReq(r, { apiId, stage: 'prod', region, fnArn, ts: t, method: 'POST', resource: '/quotes', path: '/quotes', ip, ua, lambda: lam, error: slow ? `RequestId: ${lam.id} Error: Task timed out after 6.00 seconds` : undefined });
    reqs.push(q);
    return q;
  };
  let clientRetries = 0;
  for (let t = Date.UTC(2026, 6, 2, 13, 58, 0); t < Date.UTC(2026, 6, 2, 14, 22, 0); t += r.int(25000, 50000)) {
    const ip = r.pick(IPS);
    const ua = r.pick(['QuoteApp/5.3.1 (iPhone; iOS 18.5; Scale/3.00)', 'QuoteApp/5.3.0 (Android 15; Pixel 8)', 'okhttp/4.12.0']);
    const big = r.chance(0.3);
    let q = run(t, ip, ua, big);
    // The app retries a 502 twice, 1 s and 3 s after the failure.
    for (const backoff of [1000, 3000]) {
      if (q.status < 500) break;
      q = run(q.end + backoff + r.int(0, 300), ip, ua, big);
      clientRetries++;
    }
  }
  // EventBridge cache warmer, every 5 minutes; from slowFrom it times out and is retried with the same id.
  let warmerAttempts = 0;
  for (let t = Date.UTC(2026, 6, 2, 14, 0, 0) + 41; t < Date.UTC(2026, 6, 2, 14, 20, 0); t += 300_000) {
    const slow = t > slowFrom;
    const body = (id: string, t0: number, push: (ts: number, msg: string) => void): { end: number; status?: 'timeout' } => {
      push(t0 + 2, pyLine(t0 + 2, id, 'INFO', 'warming rates cache (source=aws.events, detail-type=Scheduled Event)'));
      if (slow) {
        push(t0 + 6000, `${iso(t0 + 6000)} ${id} Task timed out after 6.00 seconds\n`);
        return { end: t0 + 6000, status: 'timeout' };
      }
      return { end: t0 + r.int(700, 1800) };
    };
    const first = tl.invoke(t, body);
    if (!slow) continue;
    warmerAttempts++;
    for (const delay of [60_000 + r.int(500, 3000), 180_000 + r.int(500, 5000)]) {
      tl.invoke(t + delay, body, { id: first.id });
      warmerAttempts++;
    }
  }
  const groupAll: Ev[] = [];
  const streams = [execStream(r), execStream(r)];
  for (const [s, evs] of execEvents(r, reqs, streams)) groupAll.push(...evs.map((e) => ({ ...e, stream: s })));
  b.put(`logs/insights/quotes-exec-prod.json`, insightsResults(r, groupAll, { account, group: `API-Gateway-Execution-Logs_${apiId}/prod`, requestIdField: false, ingestion: false }));
  const accessFmt = '{"rid":"$context.requestId","when":"$context.requestTime","src":"$context.identity.sourceIp","agent":"$context.identity.userAgent","verb":"$context.httpMethod","route":"$context.resourcePath","code":"$context.status","bytes":"$context.responseLength","lat":"$context.responseLatency"}';
  b.put(`logs/aws/apigateway/${apiName}.jsonl`, jsonLines(reqs.map((q) => ({ ts: q.end, stream: `${apiId}_prod`, msg: JSON.stringify({ rid: q.id, when: clfTime(q.ts), src: q.ip, agent: q.ua, verb: q.method, route: q.resource, code: String(q.status), bytes: String(q.len), lat: String(q.end - q.ts) }) })), 'plain'));
  b.put(`logs/aws/lambda/${fn}.log`, tailLong(tl.events));
  const failing = reqs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  b.json('alarm.json', restAlarmSns({ name: `${apiName}-prod-5xx`, apiName, stage: 'prod', account, region, ms: alarmMs, period: 60, evals: 3, threshold: 2, failTimes: failing.map((q) => q.ts) }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'python3.12', handler: 'app.handler', memory: 512, timeout: 6, lastModified: Date.UTC(2026, 5, 20, 8, 0, 0) }));
  b.json('api/stage.json', restStage({ stage: 'prod', deploymentId: 'p4q8zz', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}`, format: accessFmt, created: Date.UTC(2025, 1, 1), updated: Date.UTC(2026, 5, 20, 8, 5, 0) }));
  b.json('expected.json', {
    rootCause: 'lambda-timeout', findings: ['lambda-timeout'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `${failing.length} POST /quotes 502s in the window (ts from ${iso(win.start)}), of which ${clientRetries} (over the whole file) are the app's own retries: each attempt is its own API request (own requestId, own Lambda request id) and counts. The EventBridge cache warmer timed out too: ${warmerAttempts} timed-out invocations under ${warmerAttempts / 3} Lambda request ids (Lambda's async retries reuse the id); none is an API request.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `From ${iso(slowFrom)} the rates service is slow and \`${fn}\` (timeout 6 s) times out on large baskets; the mobile app retries every 502 twice. An EventBridge schedule invokes the same function every 5 minutes; it times out as well and Lambda retries each event twice with the same request id. SNS alarm at ${iso(alarmMs)} (60 s × 3).`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), prod, Lambda proxy, python3.12 text log format. Expected: lambda-timeout, ${failing.length} failing requests (every client attempt counts; the warmer's invocations do not).`,
    files: ['logs/insights/quotes-exec-prod.json: get-query-results, newest first, @log account:group', `logs/aws/apigateway/${apiName}.jsonl: JSON Lines {"timestamp","message"}, access log with custom field names (rid, when, src, agent, verb, route, code, bytes, lat)`, `logs/aws/lambda/${fn}.log: aws logs tail (detailed)`, 'alarm.json (SNS), api/stage.json, functions/'],
    noise: 'Healthy 200s, cold starts, WARNING lines, the EventBridge warmer (successful and timed-out, same-id retries).',
    sources: [
      'Python text format `[LEVEL]\\t<ISO>\\t<request id>\\t<msg>` and the timeout line `<ISO> <request id> Task timed out after 6.00 seconds` with REPORT `Status: timeout`: https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html and the team\'s rest-lambda-timeout fixture; execution-log "customer function error: RequestId: … Error: Task timed out after 6.00 seconds. Lambda request id: …" from the same fixture.',
      'Async retries reuse the request id: https://repost.aws/knowledge-center/lambda-function-duplicate-invocations; retry intervals: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html. EventBridge scheduled events are asynchronous invocations: https://swe.auspham.dev/docs/aws-certified-developer-dva-c01/aws-lambda/lambda-asynchronous-invocation',
      'A client-supplied retry gets a fresh `$context.requestId` unless it sends a UUID x-amzn-RequestId: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.md',
    ],
  }));
  b.write();
}

// =============================================================================================
// 3. rt4-rest-window-edge-onset-before-start
//    ledger-api's GET /balances/{accountId} starts throwing 6 minutes BEFORE the alarm window (60 s x 5
//    evaluation periods + 15 min before the state change) and keeps failing. Only failures inside the
//    window count; none lands within 10 s of the edge.
//    Truth: lambda-unhandled-error.
// =============================================================================================

function bundleWindowEdge(): void {
  const r = rng(0x4403);
  const name = 'rt4-rest-window-edge-onset-before-start';
  const b = new Bundle(name);
  const region = 'us-east-1';
  const account = '208841736629';
  const apiId = 'l3dg7r4k1b';
  const apiName = 'ledger-api';
  const fn = 'ledger-balances';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 8, 14, 3, 41, 22, 640);
  const win = windowOf(alarmMs, 60, 5);
  const onset = win.start - 6 * 60_000;
  const tl = new TextLambda(r, { fn, region, runtimeVersion: NODE_RT, memory: 256, init: [280, 450] });
  const errMsg = 'Decimal128 value out of range: balance exceeds precision 34';
  const stack = ['    at toDecimal (/var/task/node_modules/@ledger/money/dist/decimal.js:88:11)', '    at mapBalance (/var/task/src/balances.js:41:22)', '    at Array.map (<anonymous>)', '    at Runtime.handler (/var/task/src/index.js:19:33)'];
  const reqs: RestReq[] = [];
  for (let t = onset - 12 * 60_000; t < alarmMs + 2 * 60_000; t += r.int(22000, 40000)) {
    const broken = t > onset && r.chance(0.5);
    if (broken && Math.abs(t - win.start) < 10_000) continue;
    const acct = `AC-${r.int(10000, 99999)}`;
    const lam = tl.invoke(t + r.int(10, 25), (id, t0, push) => {
      push(t0 + 3, nodeLine(t0 + 3, id, 'INFO', `balances for ${acct}`));
      if (broken) {
        push(t0 + 40, nodeInvokeError(t0 + 40, id, 'RangeError', errMsg, stack));
        return { end: t0 + 41 };
      }
      return { end: t0 + r.int(60, 240) };
    });
    reqs.push(restLambdaReq(r, { apiId, stage: 'prod', region, fnArn, ts: t, method: 'GET', resource: '/balances/{accountId}', path: `/balances/${acct}`, ip: r.pick(IPS), lambda: lam, error: broken ? errMsg : undefined }));
  }
  const all: Ev[] = [];
  for (const [s, evs] of execEvents(r, reqs, [execStream(r), execStream(r)])) all.push(...evs.map((e) => ({ ...e, stream: s })));
  b.put(`logs/API-Gateway-Execution-Logs_${apiId}/prod.txt`, tailShort(all));
  b.put(`logs/aws/apigateway/${apiName}.json`, filterLogEvents(r, reqs.map((q) => ({ ts: q.end, msg: csvLine(q), stream: `${apiId}_prod` }))));
  b.put(`logs/aws/lambda/${fn}.json`, getLogEvents(r, tl.events));
  const failingAll = reqs.filter((q) => q.status >= 500);
  const failing = failingAll.filter((q) => inWin(q.ts, win));
  const before = failingAll.filter((q) => q.ts < win.start);
  b.json('alarm.json', restAlarmSns({ name: `${apiName}-prod-5XXError`, apiName, stage: 'prod', account, region, ms: alarmMs, period: 60, evals: 5, threshold: 2, failTimes: failing.map((q) => q.ts) }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'nodejs20.x', handler: 'src/index.handler', memory: 256, timeout: 10, lastModified: Date.UTC(2026, 7, 30, 10, 0, 0) }));
  b.json('expected.json', {
    rootCause: 'lambda-unhandled-error', findings: ['lambda-unhandled-error'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `Window per contract: ${iso(win.start)} .. ${iso(win.end)} (state change ${iso(alarmMs)} minus 60 s x 5 minus 15 min; plus 5 min). Failures began at ${iso(onset)}, ${before.length} of them before the window start: not counted. ${failing.length} inside. No failing request within 10 s of the edge.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `Balances above Decimal128 precision make \`${fn}\` throw a RangeError from ${iso(onset)}, 6 minutes before the alarm's window opens; the alarm (SNS, 60 s × 5) fires at ${iso(alarmMs)}. About half the GET /balances requests fail with 502 until the end of the files.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), prod, Lambda proxy, nodejs20.x text format. Expected: lambda-unhandled-error, ${failing.length} failing requests (the ${before.length} before the window start excluded).`,
    files: ['logs/API-Gateway-Execution-Logs_…/prod.txt: aws logs tail --format short', `logs/aws/apigateway/${apiName}.json: filter-log-events, REST CSV access format`, `logs/aws/lambda/${fn}.json: get-log-events`, 'alarm.json (SNS), functions/'],
    noise: 'Healthy 200s before and during; failures before the window.',
    sources: [
      'REST CSV access format `$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,$context.responseLength,$context.requestId`: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.md',
      '`aws logs tail --format short` (`<YYYY-MM-DDTHH:MM:SS> <message>`): awscli/customizations/logs/tail.py; SNS alarm message (Trigger.Period, EvaluationPeriods, StateChangeTime `…+0000`): https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html and the team\'s fixtures.',
      'Node.js `Invoke Error` line and execution-log lines: see rest-lambda-unhandled-error-node README.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 4. rt4-rest-two-apis-alarm-by-name
//    Two REST APIs in one bundle, each with its execution-log group and access log (console JSON
//    preset: no API id in it). The alarm names orders-api by ApiName. billing-api fails MORE at the
//    same time (its function times out) and must be set aside.
//    Truth: lambda-unhandled-error (orders-api only).
// =============================================================================================

function bundleTwoApis(): void {
  const r = rng(0x4404);
  const name = 'rt4-rest-two-apis-alarm-by-name';
  const b = new Bundle(name);
  const region = 'us-east-1';
  const account = '662041983357';
  const alarmMs = Date.UTC(2026, 2, 23, 16, 12, 48, 201);
  const win = windowOf(alarmMs, 300, 1);
  const onset = Date.UTC(2026, 2, 23, 16, 1, 0);
  const apis = [
    { apiId: 'o7r2d3s9kx', apiName: 'orders-api', fn: 'orders-handler', resource: '/orders/{orderId}', method: 'GET', kind: 'error' as const, rate: 0.3 },
    { apiId: 'b1l9g4n2mz', apiName: 'billing-api', fn: 'billing-handler', resource: '/invoices', method: 'POST', kind: 'timeout' as const, rate: 0.6 },
  ];
  const counts: Record<string, number> = {};
  for (const a of apis) {
    const fnArn = `arn:aws:lambda:${region}:${account}:function:${a.fn}`;
    const tl = new TextLambda(r, { fn: a.fn, region, runtimeVersion: NODE_RT, memory: 512, init: [300, 500] });
    const reqs: RestReq[] = [];
    for (let t = Date.UTC(2026, 2, 23, 15, 55, 0); t < Date.UTC(2026, 2, 23, 16, 15, 0); t += r.int(a.kind === 'error' ? 25000 : 15000, a.kind === 'error' ? 45000 : 28000)) {
      const broken = t > onset && r.chance(a.rate);
      const oid = `ord_${r.hex(10)}`;
      const lam = tl.invoke(t + r.int(10, 25), (id, t0, push) => {
        push(t0 + 2, nodeLine(t0 + 2, id, 'INFO', a.kind === 'error' ? `GET order ${oid}` : `creating invoice for ${oid}`));
        if (broken && a.kind === 'error') {
          push(t0 + 35, nodeInvokeError(t0 + 35, id, 'SyntaxError', 'Unexpected token < in JSON at position 0', ['    at JSON.parse (<anonymous>)', '    at loadOrder (/var/task/orders.js:57:21)', '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)', '    at async Runtime.handler (/var/task/index.js:12:17)']));
          return { end: t0 + 36 };
        }
        if (broken) {
          push(t0 + 10_000, `${iso(t0 + 10_000)} ${id} Task timed out after 10.00 seconds\n`);
          return { end: t0 + 10_000, status: 'timeout' };
        }
        return { end: t0 + r.int(80, 400) };
      });
      const err = broken ? (a.kind === 'error' ? 'Unexpected token < in JSON at position 0' : `RequestId: ${lam.id} Error: Task timed out after 10.00 seconds`) : undefined;
      reqs.push(restLambdaReq(r, { apiId: a.apiId, stage: 'prod', region, fnArn, ts: t, method: a.method, resource: a.resource, path: a.kind === 'error' ? `/orders/${oid}` : '/invoices', ip: r.pick(IPS), lambda: lam, error: err }));
    }
    const all: Ev[] = [];
    for (const [s, evs] of execEvents(r, reqs, [execStream(r), execStream(r)])) all.push(...evs.map((e) => ({ ...e, stream: s })));
    b.put(`logs/API-Gateway-Execution-Logs_${a.apiId}/prod.json`, filterLogEvents(r, all));
    b.put(`logs/aws/apigateway/${a.apiName}-access.json`, filterLogEvents(r, reqs.map((q) => ({ ts: q.end, msg: restAccessJsonDefault(q), stream: `${a.apiId}_prod` }))));
    b.put(`logs/aws/lambda/${a.fn}.json`, filterLogEvents(r, tl.events));
    b.json(`functions/${a.fn}.json`, lambdaConfig(r, { name: a.fn, account, region, runtime: 'nodejs20.x', handler: 'index.handler', memory: 512, timeout: 10, lastModified: Date.UTC(2026, 2, 20, 9, 0, 0) }));
    counts[a.apiName] = reqs.filter((q) => q.status >= 500 && inWin(q.ts, win)).length;
    if (a.apiName === 'orders-api') {
      b.json('api/export.json', restExport({ title: a.apiName, apiId: a.apiId, region, stage: 'prod', paths: { '/orders/{orderId}': { get: proxyIntegration(region, fnArn) } } }));
      b.json('api/stage.json', restStage({ stage: 'prod', deploymentId: 'x8c2n5', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${a.apiName}-access`, format: '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "caller":"$context.identity.caller", "user":"$context.identity.user","requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }', created: Date.UTC(2025, 5, 1), updated: Date.UTC(2026, 2, 20, 9, 3, 0) }));
    }
  }
  const ordersFailing = counts['orders-api'] ?? 0;
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'orders-api-prod-5XXError', description: 'orders-api prod 5XXError', account, region, ms: alarmMs,
    reason: reasonText([{ t: Math.floor(alarmMs / 300_000) * 300_000 - 300_000, v: ordersFailing }], 3),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 300, recentDatapoints: [ordersFailing], threshold: 3.0 }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5XXError', dimensions: { ApiName: 'orders-api', Stage: 'prod' } }, period: 300, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: 'lambda-unhandled-error', findings: ['lambda-unhandled-error'], failingRequests: ordersFailing,
    api: { id: 'o7r2d3s9kx', stage: 'prod', type: 'REST' },
    notes: `Alarm names ApiName=orders-api (id o7r2d3s9kx per api/export.json and the execution log's "API Stage: o7r2d3s9kx/prod"). ${ordersFailing} orders-api 502s in the window (SyntaxError). billing-api (b1l9g4n2mz) has ${counts['billing-api'] ?? 0} 502s (10 s timeouts) in the same window: out of scope, set aside in gaps. Both access logs use the console JSON preset, which names no API: only their request ids (shared with each execution log) tell them apart.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `orders-handler starts receiving HTML from an upstream and throws SyntaxError from ${iso(onset)}; at the same time billing-handler times out on more requests. The EventBridge alarm on orders-api (ApiName dimension) fires at ${iso(alarmMs)}. The responder exported both APIs' logs into one bundle.`,
    api: 'Two REST APIs, stage prod each: orders-api (o7r2d3s9kx, GET /orders/{orderId}) and billing-api (b1l9g4n2mz, POST /invoices), Lambda proxy, nodejs20.x text. Expected: lambda-unhandled-error for orders-api only.',
    files: ['logs/API-Gateway-Execution-Logs_<id>/prod.json ×2 (filter-log-events)', 'logs/aws/apigateway/<name>-access.json ×2 (REST console JSON preset, no API id)', 'logs/aws/lambda/<fn>.json ×2', 'api/export.json and api/stage.json of orders-api only, alarm.json (EventBridge)'],
    noise: 'billing-api: more failures than orders-api, different cause.',
    sources: [
      'REST console JSON access preset: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-access-logging.md; alarm dimensions ApiName (name, not id) + Stage: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html',
      'EventBridge "CloudWatch Alarm State Change" event: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html',
      'Execution-log lines incl. `Verifying Usage Plan for request: … API Stage: <apiId>/<stage>`: the team\'s REST fixtures; Node `Invoke Error` and `Task timed out after 10.00 seconds`: see rest-lambda-timeout README.',
    ],
  }));
  b.write();
}

// =============================================================================================
// 5. rt4-http-default-json-two-routes-two-functions
//    HTTP API shop-http ($default stage) with the console's default JSON access format (no
//    integration fields, no Lambda request id). POST /orders -> orders-fn (Node.js) throws; GET
//    /reports/{id} -> reports-fn (Python, timeout 8 s) times out. reports-fn is also invoked by an
//    EventBridge nightly-export rule that times out with same-id retries (not API requests).
//    Truth: lambda-unhandled-error (more) + lambda-timeout; per-finding counts add up to the total.
// =============================================================================================

function bundleHttpTwoRoutes(): void {
  const r = rng(0x4405);
  const name = 'rt4-http-default-json-two-routes-two-functions';
  const b = new Bundle(name);
  const region = 'us-east-1';
  const account = '774410238861';
  const apiId = 'h7tp2q9w4e';
  const alarmMs = Date.UTC(2026, 10, 3, 20, 27, 15, 377);
  const win = windowOf(alarmMs, 300, 1);
  const onset = Date.UTC(2026, 10, 3, 20, 10, 0);
  const ordersArn = `arn:aws:lambda:${region}:${account}:function:orders-fn`;
  const reportsArn = `arn:aws:lambda:${region}:${account}:function:reports-fn`;
  const orders = new TextLambda(r, { fn: 'orders-fn', region, runtimeVersion: NODE_RT, memory: 512, init: [250, 420] });
  const reports = new TextLambda(r, { fn: 'reports-fn', region, runtimeVersion: PY_RT, memory: 1024, init: [500, 900] });
  interface HReq { id: string; ts: number; end: number; ip: string; method: string; routeKey: string; status: number; len: number; cause?: string }
  const reqs: HReq[] = [];
  for (let t = Date.UTC(2026, 10, 3, 20, 5, 0); t < Date.UTC(2026, 10, 3, 20, 30, 0); t += r.int(9000, 18000)) {
    const id = r.httpRequestId();
    const ip = r.pick(IPS);
    const roll = r.next();
    if (roll < 0.08) {
      reqs.push({ id, ts: t, end: t + 1, ip, method: 'GET', routeKey: '-', status: 404, len: 23 });
      continue;
    }
    if (roll < 0.6) {
      const broken = t > onset && r.chance(0.35);
      const lam = orders.invoke(t + r.int(8, 20), (lid, t0, push) => {
        push(t0 + 3, nodeLine(t0 + 3, lid, 'INFO', `create order cart=${r.hex(8)}`));
        if (broken) {
          push(t0 + 52, nodeInvokeError(t0 + 52, lid, 'Error', 'PaymentIntent amount must be an integer (got 1999.0000000002)', ['    at toMinorUnits (/var/task/money.mjs:9:11)', '    at createOrder (/var/task/orders.mjs:71:24)', '    at async Runtime.handler (file:///var/task/index.mjs:15:12)']));
          return { end: t0 + 53 };
        }
        return { end: t0 + r.int(90, 350) };
      });
      reqs.push({ id, ts: t, end: lam.end + 6, ip, method: 'POST', routeKey: 'POST /orders', status: broken ? 500 : 201, len: broken ? 35 : r.int(120, 600), cause: broken ? 'lambda-unhandled-error' : undefined });
      continue;
    }
    const broken = t > onset && r.chance(0.3);
    const lam = reports.invoke(t + r.int(8, 20), (lid, t0, push) => {
      push(t0 + 2, pyLine(t0 + 2, lid, 'INFO', `report ${r.hex(6)} range=90d`));
      if (broken) {
        push(t0 + 8000, `${iso(t0 + 8000)} ${lid} Task timed out after 8.00 seconds\n`);
        return { end: t0 + 8000, status: 'timeout' };
      }
      return { end: t0 + r.int(400, 2500) };
    });
    reqs.push({ id, ts: t, end: lam.end + 6, ip, method: 'GET', routeKey: 'GET /reports/{id}', status: broken ? 500 : 200, len: broken ? 35 : r.int(900, 9000), cause: broken ? 'lambda-timeout' : undefined });
  }
  // EventBridge nightly export on reports-fn: times out, retried twice under the same id.
  let asyncTimeouts = 0;
  for (const t of [Date.UTC(2026, 10, 3, 20, 12, 0, 118), Date.UTC(2026, 10, 3, 20, 17, 0, 95)]) {
    const body = (lid: string, t0: number, push: (ts: number, msg: string) => void): { end: number; status: 'timeout' } => {
      push(t0 + 2, pyLine(t0 + 2, lid, 'INFO', 'nightly export triggered by rule shop-nightly-export (source aws.events)'));
      push(t0 + 8000, `${iso(t0 + 8000)} ${lid} Task timed out after 8.00 seconds\n`);
      return { end: t0 + 8000, status: 'timeout' };
    };
    const first = reports.invoke(t, body);
    asyncTimeouts++;
    for (const d of [61_000, 182_000]) {
      reports.invoke(t + d, body, { id: first.id });
      asyncTimeouts++;
    }
  }
  const fmt = '{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }';
  b.put('logs/aws/vendedlogs/apigateway/shop-http.jsonl', jsonLines(reqs.map((q) => ({ ts: q.end, stream: `${apiId}_$default`, msg: `{ "requestId":"${q.id}", "ip": "${q.ip}", "requestTime":"${clfTime(q.ts)}", "httpMethod":"${q.method}","routeKey":"${q.routeKey}", "status":"${q.status}","protocol":"HTTP/1.1", "responseLength":"${q.len}" }` })), 'insights'));
  b.put('logs/aws/lambda/orders-fn.json', filterLogEvents(r, orders.events));
  b.put('logs/aws/lambda/reports-fn.txt', tailShort(reports.events));
  b.json('api/stage.json', httpStage({ region, account, group: '/aws/vendedlogs/apigateway/shop-http', format: fmt, stage: '$default', deploymentId: 'v3k9s1', created: Date.UTC(2025, 9, 1), updated: Date.UTC(2026, 10, 1, 12, 0, 0) }));
  b.json('api/export.json', httpExport({ title: 'shop-http', apiId, region, version: '2026-11-01 12:00:00UTC', routes: [{ method: 'POST', path: '/orders', fnArn: ordersArn }, { method: 'GET', path: '/reports/{id}', fnArn: reportsArn }] }));
  b.json('functions/orders-fn.json', lambdaConfig(r, { name: 'orders-fn', account, region, runtime: 'nodejs20.x', handler: 'index.handler', memory: 512, timeout: 15, lastModified: Date.UTC(2026, 10, 3, 20, 6, 0) }));
  b.json('functions/reports-fn.json', lambdaConfig(r, { name: 'reports-fn', account, region, runtime: 'python3.12', handler: 'app.handler', memory: 1024, timeout: 8, lastModified: Date.UTC(2026, 9, 20, 9, 0, 0) }));
  const failing = reqs.filter((q) => q.status >= 500 && inWin(q.ts, win));
  const nErr = failing.filter((q) => q.cause === 'lambda-unhandled-error').length;
  const nTo = failing.filter((q) => q.cause === 'lambda-timeout').length;
  b.json('alarm.json', eventBridgeAlarm(r, {
    name: 'shop-http-5xx', description: 'shop-http $default 5xx', account, region, ms: alarmMs,
    reason: reasonText([{ t: Math.floor(alarmMs / 300_000) * 300_000 - 300_000, v: failing.length }], 5),
    reasonData: JSON.stringify({ version: '1.0', queryDate: `${iso(alarmMs).slice(0, 23)}+0000`, statistic: 'Sum', period: 300, recentDatapoints: [failing.length], threshold: 5.0 }),
    metrics: [{ id: 'm1', metricStat: { metric: { namespace: 'AWS/ApiGateway', name: '5xx', dimensions: { ApiId: apiId, Stage: '$default' } }, period: 300, stat: 'Sum' }, returnData: true }],
  }));
  b.json('expected.json', {
    rootCause: nErr >= nTo ? 'lambda-unhandled-error' : 'lambda-timeout', findings: nErr >= nTo ? ['lambda-unhandled-error', 'lambda-timeout'] : ['lambda-timeout', 'lambda-unhandled-error'], failingRequests: failing.length,
    api: { id: apiId, stage: '$default', type: 'HTTP' },
    notes: `Per finding: lambda-unhandled-error ${nErr} (POST /orders -> orders-fn), lambda-timeout ${nTo} (GET /reports/{id} -> reports-fn); ${nErr} + ${nTo} = ${failing.length}. The access log (console default JSON) has no integration fields: route -> function comes from api/export.json. reports-fn also has ${asyncTimeouts} timed-out EventBridge invocations (2 events, same-id retries) that are not API requests; counting them would give lambda-timeout ${nTo + asyncTimeouts}.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A deploy of orders-fn (${iso(Date.UTC(2026, 10, 3, 20, 6, 0))}) passes a float to the payment client and throws on about a third of POST /orders from ${iso(onset)}; at the same time reports-fn (8 s) times out on 90-day reports. EventBridge alarm on 5xx (ApiId, Stage $default) at ${iso(alarmMs)}.`,
    api: `HTTP API shop-http (${apiId}), $default stage, Lambda proxy (payload 2.0) to two functions. Expected: lambda-unhandled-error ${nErr} + lambda-timeout ${nTo} = ${failing.length}.`,
    files: ['logs/aws/vendedlogs/apigateway/shop-http.jsonl: JSON Lines {"@timestamp","@message"}, the console\'s default HTTP API JSON format', 'logs/aws/lambda/orders-fn.json: filter-log-events (Node.js text)', 'logs/aws/lambda/reports-fn.txt: aws logs tail --format short (Python text)', 'api/stage.json, api/export.json (apigatewayv2), functions/ ×2, alarm.json (EventBridge)'],
    noise: '404s (no route), healthy 200/201, EventBridge timeouts of reports-fn with same-id retries.',
    sources: [
      'HTTP API console default JSON format `{ "requestId":"$context.requestId", "ip": "$context.identity.sourceIp", "requestTime":"$context.requestTime", "httpMethod":"$context.httpMethod","routeKey":"$context.routeKey", "status":"$context.status","protocol":"$context.protocol", "responseLength":"$context.responseLength" }`: repeated verbatim in public Terraform/Serverless configs (find_string, e.g. serverless.yml docs "defaults as below") and https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html',
      'HTTP API Lambda failure -> 500 {"message":"Internal Server Error"} (35 bytes), no route -> 404 {"message":"Not Found"}: HTTP API troubleshooting docs and the team\'s http-* fixtures; HTTP request ids like `KZbV8jG_vHcEJqQ=`: team fixtures.',
      'Async retries reuse the request id: https://repost.aws/knowledge-center/lambda-function-duplicate-invocations',
    ],
  }));
  b.write();
}

// =============================================================================================
// 6. rt4-rest-4xx-storm-few-5xx
//    A credential-stuffing bot hits storefront-api: thousands of WAF 403s, 401s (no token) and usage-
//    plan 429s. Hidden in it, 5 requests with a cart missing "sku" crash the Python function (502).
//    Truth: lambda-unhandled-error, failingRequests = the 5xx only.
// =============================================================================================

function bundle4xxStorm(): void {
  const r = rng(0x4406);
  const name = 'rt4-rest-4xx-storm-few-5xx';
  const b = new Bundle(name);
  const region = 'us-east-1';
  const account = '391208447715';
  const apiId = 's7f0r3nt1q';
  const apiName = 'storefront-api';
  const fn = 'storefront-cart';
  const fnArn = `arn:aws:lambda:${region}:${account}:function:${fn}`;
  const alarmMs = Date.UTC(2026, 11, 1, 7, 33, 2, 814);
  const win = windowOf(alarmMs, 300, 1);
  const tl = new TextLambda(r, { fn, region, runtimeVersion: PY_RT, memory: 512, init: [380, 700] });
  interface SReq { q: RestReq; waf: string; err: string }
  const all: SReq[] = [];
  const execExtra: { ts: number; lines: { dt: number; text: string }[] }[] = [];
  const masked = `${'*'.repeat(34)}Zp81Qe`;
  let crashes = 0;
  for (let t = Date.UTC(2026, 11, 1, 7, 22, 0); t < Date.UTC(2026, 11, 1, 7, 35, 0); t += r.int(2500, 6000)) {
    const roll = r.next();
    const botIp = `45.146.${r.int(160, 167)}.${r.int(2, 250)}`;
    const mk = (status: number, resource: string, len: number, ip: string, err: string, waf: string): void => {
      const id = r.uuid();
      all.push({ q: { id, ts: t, end: t + r.int(2, 12), method: 'POST', resource, path: resource, status, len, ip, ua: 'python-requests/2.31.0', lines: [], apiId, stage: 'prod' }, waf, err });
      if (status === 429) execExtra.push({ ts: t, lines: [{ dt: 0, text: `(${id}) Extended Request Id: ${r.extendedId()}` }, { dt: 1, text: `(${id}) API Key ${masked} exceeded throttle limit for API Stage ${apiId}/prod: Key throttle limit exceeded for Usage Plan ID k3v8pa, RestApi ${apiId}, Stage prod, Resource r2d2c3, HttpMethod POST. Limit: 50.00 Burst: 100` }] });
    };
    if (roll < 0.45) { mk(403, '/login', 23, botIp, 'Forbidden', 'WAF_BLOCK'); continue; }
    if (roll < 0.65) { mk(401, '/cart/items', 26, botIp, 'Unauthorized', 'WAF_ALLOW'); continue; }
    if (roll < 0.8) { mk(429, '/cart/items', 29, botIp, 'Too Many Requests', 'WAF_ALLOW'); continue; }
    // Real customers adding to cart.
    const crash = crashes < 5 && t > Date.UTC(2026, 11, 1, 7, 25, 0) && r.chance(0.2);
    if (crash) crashes++;
    const lam = tl.invoke(t + r.int(10, 20), (lid, t0, push) => {
      push(t0 + 2, pyLine(t0 + 2, lid, 'INFO', `add to cart cart=${r.hex(8)}`));
      if (crash) {
        push(t0 + 9, `[ERROR] KeyError: 'sku'\nTraceback (most recent call last):\n  File "/var/task/app.py", line 41, in handler\n    sku = item["sku"]\n`);
        return { end: t0 + 10 };
      }
      return { end: t0 + r.int(40, 180) };
    });
    const q = restLambdaReq(r, { apiId, stage: 'prod', region, fnArn, ts: t, method: 'POST', resource: '/cart/items', path: '/cart/items', ip: r.pick(IPS), ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', lambda: lam, error: crash ? "'sku'" : undefined });
    all.push({ q, waf: 'WAF_ALLOW', err: crash ? 'Internal server error' : '-' });
  }
  // Execution logs: a Logs Insights query that kept only throttle and 5xx lines.
  const evs: Ev[] = [];
  const streams = [execStream(r), execStream(r), execStream(r)];
  const keep = /exceeded throttle limit|customer function error|Method completed with status: 5/;
  for (const [s, list] of execEvents(r, [...all.map((x) => x.q), ...execExtra], streams)) evs.push(...list.filter((e) => keep.test(e.msg)).map((e) => ({ ...e, stream: s })));
  b.put('logs/insights/storefront-exec-errors.json', insightsResults(r, evs, { account, group: `API-Gateway-Execution-Logs_${apiId}/prod`, requestIdField: false, ingestion: true }));
  const fmt = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","userAgent":"$context.identity.userAgent","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","wafResponse":"$context.wafResponseCode","error":"$context.error.message"}';
  b.put(`logs/aws/apigateway/${apiName}.json`, filterLogEvents(r, all.map((x) => ({ ts: x.q.end, stream: `${apiId}_prod`, msg: JSON.stringify({ requestId: x.q.id, ip: x.q.ip, userAgent: x.q.ua, requestTime: clfTime(x.q.ts), httpMethod: x.q.method, resourcePath: x.q.resource, status: String(x.q.status), protocol: 'HTTP/1.1', responseLength: String(x.q.len), wafResponse: x.waf, error: x.err }) }))));
  b.put(`logs/aws/lambda/${fn}.json`, filterLogEvents(r, tl.events));
  const failing = all.filter((x) => x.q.status >= 500 && inWin(x.q.ts, win));
  const fourxx = all.filter((x) => x.q.status >= 400 && x.q.status < 500).length;
  b.json('alarm.json', restAlarmSns({ name: `${apiName}-prod-5xx`, apiName, stage: 'prod', account, region, ms: alarmMs, period: 300, evals: 1, threshold: 1, failTimes: failing.map((x) => x.q.ts) }));
  b.json('api/stage.json', restStage({ stage: 'prod', deploymentId: 'f9w2e7', logLevel: 'INFO', dataTrace: false, accessArn: `arn:aws:logs:${region}:${account}:log-group:/aws/apigateway/${apiName}`, format: fmt, created: Date.UTC(2025, 3, 3), updated: Date.UTC(2026, 10, 28, 10, 0, 0) }));
  b.json(`functions/${fn}.json`, lambdaConfig(r, { name: fn, account, region, runtime: 'python3.12', handler: 'app.handler', memory: 512, timeout: 10, lastModified: Date.UTC(2026, 10, 28, 9, 55, 0) }));
  b.json('expected.json', {
    rootCause: 'lambda-unhandled-error', findings: ['lambda-unhandled-error'], failingRequests: failing.length,
    api: { id: apiId, stage: 'prod', type: 'REST' },
    notes: `${failing.length} 502s (KeyError 'sku') among ${all.length} requests; ${fourxx} 4xx (WAF 403 WAF_BLOCK, 401 Unauthorized, usage-plan 429) are not failing requests and must not be counted nor turned into a finding.`,
  } satisfies Expected);
  b.put('README.md', readme(name, {
    what: `A bot hammers /login and /cart/items of \`${apiName}\`: AWS WAF blocks most of it (403), the rest gets 401 (no token) or usage-plan 429. Five genuine add-to-cart requests carry an item without "sku" and crash \`${fn}\` (KeyError, 502). SNS alarm (threshold 1) at ${iso(alarmMs)}.`,
    api: `REST API \`${apiName}\` (\`${apiId}\`), prod, Lambda proxy, python3.12 text, WAF web ACL, API keys + usage plan. Expected: lambda-unhandled-error, ${failing.length} failing requests.`,
    files: ['logs/insights/storefront-exec-errors.json: get-query-results of `filter @message like /exceeded throttle limit|customer function error|Method completed with status: 5/`, newest first', `logs/aws/apigateway/${apiName}.json: filter-log-events, custom JSON with wafResponse ($context.wafResponseCode) and error ($context.error.message)`, `logs/aws/lambda/${fn}.json`, 'alarm.json (SNS), api/stage.json, functions/'],
    noise: `${fourxx} 4xx responses.`,
    sources: [
      '`$context.wafResponseCode` (WAF_ALLOW / WAF_BLOCK) and `$context.error.message` in REST access formats: public Terraform configs (find_string "$context.wafResponseCode"), API Gateway access-logging variables reference; WAF block returns 403 Forbidden by default: https://repost.aws/knowledge-center/waf-block-respond-403-forbidden-error; blocked requests still appear in the access log: https://repost.aws/questions/QUT-Ts0igfSrCdZdWeuzwLCA',
      'Usage-plan throttle line `API Key … exceeded throttle limit for API Stage …: Key throttle limit exceeded for Usage Plan ID …`: https://repost.aws/knowledge-center/api-gateway-429-limit (as in rt3-rest-two-stages-template-and-429).',
      'Python unhandled error `[ERROR] KeyError: \'sku\'` + Traceback, errorMessage `\'sku\'`: awslambdaric bootstrap (log_error) and the team\'s python fixtures.',
    ],
  }));
  b.write();
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

bundleS3Async();
bundleRetries();
bundleWindowEdge();
bundleTwoApis();
bundleHttpTwoRoutes();
bundle4xxStorm();
for (const n of ['rt4-rest-s3-async-beside-api-errors', 'rt4-rest-client-retries-and-async-retry-timeout', 'rt4-rest-window-edge-onset-before-start', 'rt4-rest-two-apis-alarm-by-name', 'rt4-http-default-json-two-routes-two-functions', 'rt4-rest-4xx-storm-few-5xx']) {
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
  console.log(`${n.padEnd(50)} ${e.rootCause} [${e.findings.join(',')}] failing=${e.failingRequests} ${(size / 1024).toFixed(0)} KB`);
}
void gunzipSync;
