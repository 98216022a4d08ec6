import { HTTP_JSON } from '../accessLog.ts';
import { Bundle } from '../bundle.ts';
import { functionSpec, timeoutResponse, writeFunctionConfig } from '../common.ts';
import { alarmSnsMessage, httpDeployments, httpExport, httpStage, metricData } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { apiGatewayMetrics, lambdaMetrics } from '../kit.ts';
import type { ApiIdentity, AppLog } from '../model.ts';
import { accessLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, pythonProxyResponse, round2, staticPath } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * HTTP API, payload 2.0. The payment provider checkout-fn calls starts answering in 9-16 s; the function's own
 * timeout is 10 s (the HTTP API would wait 30 s), so checkouts time out and the API answers 500.
 * Python 3.12, JSON log format. No execution logs (HTTP APIs have none), alarm through SNS.
 */
export function buildHttpLambdaTimeout(): Bundle {
  const name = 'http-lambda-timeout';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'checkout-http', type: 'HTTP', stage: '$default', region: 'eu-west-1', account: '902118437615' };
  const onset = Date.UTC(2026, 3, 2, 9, 11, 40);
  const from = onset - 3 * MINUTE;
  const to = onset + 12 * MINUTE;
  const checkout = functionSpec(api, { name: 'checkout-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'app.handler', memorySizeMb: 256, timeoutSeconds: 10, initMs: [480, 820], memoryUsedMb: [78, 96] });
  const cart = functionSpec(api, { name: 'cart-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'app.handler', memorySizeMb: 256, timeoutSeconds: 10, initMs: [420, 700], memoryUsedMb: [70, 84] });
  const checkoutPool = new EnvironmentPool(rng, checkout, 5, from);
  const cartPool = new EnvironmentPool(rng, cart, 2, from);
  const cartId = (r: typeof rng): string => `crt_${hex(r, 12)}`;

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 6 }, [
    {
      route: { method: 'POST', resourcePath: '/checkout', makePath: staticPath('/checkout'), body: (r) => JSON.stringify({ cartId: cartId(r), paymentMethod: 'card' }) },
      weight: 58,
      handle: (ctx) => {
        const r = ctx.rng;
        const cid = cartId(r);
        const slow = ctx.time >= onset && r.chance(0.7);
        const provider = slow ? r.float(9100, 16000) : r.float(380, 1900);
        const logs: AppLog[] = [
          { offsetMs: 1, level: 'INFO', text: `checkout started cart=${cid} items=${r.int(1, 6)}` },
          { offsetMs: r.int(25, 60), level: 'INFO', text: 'charging card via paywell (timeout=25s)' },
        ];
        if (r.chance(0.05)) {
          logs.push({ offsetMs: 90, level: 'WARN', text: `card declined for cart=${cid}: insufficient_funds` });
          return viaLambda(ctx, checkout, checkoutPool, { durationMs: round2(provider + 95), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(pythonProxyResponse(402, { error: 'card_declined' })) });
        }
        if (provider + 120 >= 10_000) {
          return viaLambda(ctx, checkout, checkoutPool, { durationMs: 10_000, end: { kind: 'timeout' }, appLogs: logs, response: timeoutResponse(10) });
        }
        if (provider > 3000) logs.push({ offsetMs: Math.floor(provider) + 60, level: 'WARN', text: `paywell responded in ${Math.round(provider)} ms (slow)` });
        logs.push({ offsetMs: Math.floor(provider) + 90, level: 'INFO', text: `payment captured pay_${hex(r, 14)} for cart=${cid}` });
        return viaLambda(ctx, checkout, checkoutPool, { durationMs: round2(provider + 110), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(pythonProxyResponse(200, { status: 'paid', orderId: `ord_${hex(r, 10)}` })) });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/cart/{cartId}', makePath: idPath('/cart', 'cartId', cartId) },
      weight: 42,
      handle: (ctx) => {
        const r = ctx.rng;
        const missing = r.chance(0.06);
        const logs: AppLog[] = [{ offsetMs: 1, level: 'INFO', text: `get cart ${ctx.shell.pathParameters['cartId'] ?? ''}` }];
        if (missing) logs.push({ offsetMs: 14, level: 'INFO', text: 'cart not found' });
        return viaLambda(ctx, cart, cartPool, {
          durationMs: round2(r.float(9, 60)),
          end: { kind: 'success' },
          appLogs: logs,
          response: payloadResponse(missing ? pythonProxyResponse(404, { error: 'not_found' }) : pythonProxyResponse(200, { items: r.int(1, 6), currency: 'EUR' })),
        });
      },
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 3, onset, alarmName: 'checkout-http-5xx', description: 'checkout-http $default 5xx >= 2/min for 3 minutes', topic: 'payments-pager' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);

  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmSnsMessage(frame.alarm));
  const accessFormat = HTTP_JSON.replace(' }', ', "integrationStatus":"$context.integration.integrationStatus", "integrationLatency":"$context.integration.latency", "integrationRequestId":"$context.integration.requestId", "integrationErrorMessage":"$context.integrationErrorMessage", "responseLatency":"$context.responseLatency" }');
  const accessGroup = '/aws/apigateway/checkout-http-access';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup, 1), 'query-results', api.account);
  const lambda = until(lambdaLogs(invocations, 'python-json', api.region), cutoff);
  writeLogFile(bundle, rng, checkout.logGroup, lambda.filter((e) => e.logGroup === checkout.logGroup), 'jsonl-at', api.account);
  writeLogFile(bundle, rng, cart.logGroup, lambda.filter((e) => e.logGroup === cart.logGroup), 'jsonl-at', api.account);

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', httpStage({ stageName: api.stage, deploymentId, accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, createdDate: Date.UTC(2025, 10, 4, 8, 0, 12), lastUpdatedDate: Date.UTC(2026, 2, 30, 15, 21, 40), autoDeploy: true }));
  bundle.json('api/deployments.json', httpDeployments([{ id: deploymentId, description: 'Automatic deployment triggered by changes to the Api configuration', createdDate: Date.UTC(2026, 2, 30, 15, 21, 39), autoDeployed: true }]));
  bundle.json('api/export.json', httpExport({ apiId: api.id, title: api.name, region: api.region, version: Date.UTC(2026, 2, 30, 15, 21, 39), routes: [
    { method: 'POST', path: '/checkout', functionArn: checkout.arn },
    { method: 'GET', path: '/cart/{cartId}', functionArn: cart.arn, parameters: ['cartId'] },
  ] }));
  writeFunctionConfig(bundle, rng, api, checkout, { logFormat: 'JSON', lastModified: Date.UTC(2026, 2, 24, 10, 12, 3), environment: { PAYWELL_URL: 'https://api.paywell.example/v2', PAYWELL_TIMEOUT_SECONDS: '25' } });
  writeFunctionConfig(bundle, rng, api, cart, { logFormat: 'JSON', lastModified: Date.UTC(2026, 2, 24, 10, 12, 1) });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  bundle.json('metrics/lambda-checkout-fn.json', metricData(lambdaMetrics(checkout.name, invocations, [], from, cutoff)));

  bundle.expected({
    rootCause: 'lambda-timeout',
    findings: ['lambda-timeout'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'HTTP' },
    notes: 'checkout-fn (timeout 10 s) waits up to 25 s for the payment provider, which slowed to 9-16 s; invocations end with platform.report status "timeout" (durationMs 10000.0) and the access log says "The Lambda function returned the following error: RequestId: … Error: Task timed out after 10.00 seconds". Not integration-timeout: the HTTP API waits 30 s. Noise: 402/404 answers, WARN lines about slow provider calls, cart-fn traffic.',
  });
  bundle.readme(`
# http-lambda-timeout

**What happened.** From ${isoSeconds(onset)} the payment provider that \`checkout-fn\` calls answers in 9-16 s. The function waits
up to 25 s (PAYWELL_TIMEOUT_SECONDS) but its own timeout is 10 s, so about 70 % of \`POST /checkout\` invocations time out and
the HTTP API answers 500 \`{"message":"Internal Server Error"}\`. Alarm \`checkout-http-5xx\` at ${isoSeconds(stateChange)}.

- API: HTTP API \`${api.name}\` (\`${api.id}\`), stage \`$default\`, Lambda proxy integrations with payload format 2.0, ${api.region}.
- Functions: \`checkout-fn\`, \`cart-fn\`: python3.12, **JSON** log format (system logs as \`platform.*\` events). No X-Ray (HTTP APIs do not trace).
- Expected: \`lambda-timeout\` (not \`integration-timeout\`: the API would wait 30 s), ${frame.failing.length} failing requests.

**Files.** \`alarm.json\` is the SNS message (metric \`5xx\`, dimensions ApiId/Stage). \`logs/aws/apigateway/checkout-http-access.json\` is
\`get-query-results\` output (newest first, with \`@log\` = \`${api.account}:/aws/apigateway/checkout-http-access\`) of the access log in the
console's JSON format plus \`$context.integration.*\`, \`$context.integrationErrorMessage\`, \`$context.responseLatency\`.
\`logs/aws/lambda/*.jsonl\` are JSON Lines with \`@timestamp\`/\`@message\` keys. No execution logs: HTTP APIs have none.
\`api/\` holds \`apigatewayv2\` outputs; \`functions/\`, \`metrics/\` as usual; no CloudTrail (nothing changed on AWS's side).

**Noise.** 402 card declines and 404 carts answered by the functions, WARN lines about slow provider calls, cold starts.

**Where the shapes come from.**
- ${SOURCES.httpApiAccess}
- ${SOURCES.timeoutPayload}
- ${SOURCES.pythonJson}
- ${SOURCES.nodeJson}
- ${SOURCES.alarmSns}
- ${SOURCES.contextDocs}
- ${SOURCES.cli}
`);
  return bundle;
}
