import { Bundle } from '../bundle.ts';
import { alarmEventBridge, cloudTrailLookup, functionConfiguration, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, hex, traceId } from '../ids.ts';
import { apiGatewayMetrics, lambdaMetrics } from '../kit.ts';
import { runtimeVersionArn } from '../lambdaLog.ts';
import type { ApiIdentity, AppLog, Invocation } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, type FunctionSpec, idPath, invoke, nodeProxyResponse, round2, staticPath } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';
import { REST_JSON } from '../accessLog.ts';
import { batchGetTraces, traceOfRequest, traceSummaries } from '../xray.ts';

/**
 * The README's sample incident. orders-fn's timeout was lowered from 15 s to 6 s by an UpdateFunctionConfiguration;
 * GET /orders/{id} for customers with long order histories takes 6.5-10.5 s, so those calls now time out and API
 * Gateway answers 502. Every optional file is present.
 */
export function buildRestLambdaTimeout(): Bundle {
  const name = 'rest-lambda-timeout';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'orders-api', type: 'REST', stage: 'prod', region: 'us-east-1', account: '384756102938' };
  const change = Date.UTC(2026, 2, 10, 13, 52, 7, 412);
  const from = change - 4 * MINUTE;
  const to = change + 10 * MINUTE;
  // The new timeout is live for invocations that start once the update has finished (~20 s).
  const liveAt = change + 21_000;

  const fn = (name: string, handler: string, memory: number, timeout: number): FunctionSpec => ({
    name,
    arn: `arn:aws:lambda:${api.region}:${api.account}:function:${name}`,
    runtime: 'nodejs20.x',
    runtimeVersion: 'nodejs:20.v43',
    handler,
    memorySizeMb: memory,
    timeoutSeconds: timeout,
    logGroup: `/aws/lambda/${name}`,
    tracing: true,
    initMs: [190, 420],
    memoryUsedMb: [84, 104],
  });
  const orders = fn('orders-fn', 'index.handler', 512, 6);
  const catalog = fn('catalog-fn', 'src/catalog.handler', 256, 10);
  const ordersPool = new EnvironmentPool(rng, orders, 4, from);
  const catalogPool = new EnvironmentPool(rng, catalog, 2, from);
  ordersPool.recycleAt(liveAt);
  const orderId = (r: typeof rng): string => String(r.int(300000, 399999));
  const customer = (r: typeof rng): string => `cus_${hex(r, 10)}`;

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 7 }, [
    {
      route: { method: 'GET', resourcePath: '/orders/{id}', makePath: idPath('/orders', 'id', orderId) },
      weight: 52,
      handle: (ctx) => {
        const r = ctx.rng;
        const id = ctx.shell.pathParameters['id'] ?? '';
        const cust = customer(r);
        if (r.chance(0.06)) {
          return viaLambda(ctx, orders, ordersPool, {
            durationMs: round2(r.float(38, 95)),
            end: { kind: 'success' },
            appLogs: [{ offsetMs: 2, level: 'INFO', text: `getOrder orderId=${id}` }, { offsetMs: r.int(30, 80), level: 'INFO', text: `order ${id} not found` }],
            response: payloadResponse(nodeProxyResponse(404, { message: `order ${id} not found` })),
          });
        }
        const longHistory = r.chance(0.55);
        const historySize = longHistory ? r.int(1400, 5200) : r.int(3, 240);
        const needed = longHistory ? r.float(6500, 10500) : r.float(60, 780);
        const started = ctx.time;
        const timeoutMs = started >= liveAt ? 6000 : 15000;
        const logs: AppLog[] = [
          { offsetMs: 2, level: 'INFO', text: `getOrder orderId=${id} customer=${cust}` },
        ];
        if (longHistory || r.chance(0.3)) logs.push({ offsetMs: r.int(20, 45), level: 'INFO', text: `loading order history for ${cust} (${historySize} orders)` });
        if (longHistory) {
          logs.push({ offsetMs: 4100 + r.int(0, 700), level: 'WARN', text: `order-history page 3/${Math.ceil(historySize / 500)} took ${r.int(1300, 2100)} ms (customer=${cust})` });
        }
        if (needed >= timeoutMs) {
          const within = logs.filter((l) => l.offsetMs < timeoutMs);
          return viaLambda(ctx, orders, ordersPool, {
            durationMs: timeoutMs,
            end: { kind: 'timeout' },
            appLogs: within,
            response: (lambdaId) => ({
              kind: 'function-error',
              errorMessage: `RequestId: ${lambdaId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
              payload: JSON.stringify({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${lambdaId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds` }),
            }),
          });
        }
        const items = r.int(1, 6);
        logs.push({ offsetMs: Math.floor(needed) - 2, level: 'INFO', text: `returning order ${id} with ${items} items` });
        return viaLambda(ctx, orders, ordersPool, {
          durationMs: round2(needed),
          end: { kind: 'success' },
          appLogs: logs,
          response: payloadResponse(nodeProxyResponse(200, { orderId: id, customerId: cust, status: r.pick(['SHIPPED', 'PAID', 'DELIVERED']), items: Array.from({ length: items }, (_, k) => ({ sku: `SKU-${1000 + k}`, qty: 1 })) })),
        });
      },
    },
    {
      route: { method: 'POST', resourcePath: '/orders', makePath: staticPath('/orders'), body: (r) => JSON.stringify({ customerId: customer(r), items: [{ sku: `SKU-${r.int(1000, 1400)}`, qty: r.int(1, 3) }] }) },
      weight: 18,
      handle: (ctx) => {
        const r = ctx.rng;
        if (r.chance(0.07)) {
          return viaLambda(ctx, orders, ordersPool, {
            durationMs: round2(r.float(12, 40)),
            end: { kind: 'success' },
            appLogs: [{ offsetMs: 3, level: 'WARN', text: 'validation failed: items[0].qty must be between 1 and 50' }],
            response: payloadResponse(nodeProxyResponse(400, { message: 'items[0].qty must be between 1 and 50' })),
          });
        }
        const id = orderId(r);
        return viaLambda(ctx, orders, ordersPool, {
          durationMs: round2(r.float(140, 420)),
          end: { kind: 'success' },
          appLogs: [{ offsetMs: 3, level: 'INFO', text: `createOrder items=${r.int(1, 4)} total=${r.float(9, 240).toFixed(2)}` }, { offsetMs: r.int(120, 138), level: 'INFO', text: `order ${id} created` }],
          response: payloadResponse(nodeProxyResponse(201, { orderId: id })),
        });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/products/{sku}', makePath: idPath('/products', 'sku', (r) => `SKU-${r.int(1000, 1400)}`) },
      weight: 30,
      handle: (ctx) => {
        const r = ctx.rng;
        const sku = ctx.shell.pathParameters['sku'] ?? '';
        const hit = r.chance(0.8);
        const logs: AppLog[] = [{ offsetMs: 2, level: 'INFO', text: `GET /products/${sku} cache=${hit ? 'hit' : 'miss'}` }];
        if (!hit && r.chance(0.3)) logs.push({ offsetMs: 40, level: 'WARN', text: `cache refill for ${sku} took ${r.int(200, 480)} ms` });
        return viaLambda(ctx, catalog, catalogPool, {
          durationMs: round2(hit ? r.float(6, 25) : r.float(60, 520)),
          end: { kind: 'success' },
          appLogs: logs,
          response: payloadResponse(nodeProxyResponse(200, { sku, name: 'Ceramic mug', priceCents: r.int(900, 4900) })),
        });
      },
    },
  ]);

  // orders-fn also runs a reconcile job from an EventBridge schedule every 5 minutes: not API requests.
  const scheduled: Invocation[] = [];
  for (let t = from + 2 * MINUTE + 13_000; t < to; t += 5 * MINUTE) {
    const timeoutMs = t >= liveAt ? 6000 : 15000;
    const needed = rng.float(5200, 7400);
    scheduled.push(invoke(rng, orders, ordersPool, t, {
      durationMs: needed >= timeoutMs ? timeoutMs : round2(needed),
      end: needed >= timeoutMs ? { kind: 'timeout' } : { kind: 'success' },
      appLogs: [{ offsetMs: 3, level: 'INFO', text: 'reconcile: scanning orders updated in the last 5 minutes' }],
      response: payloadResponse('null'),
      trigger: 'schedule',
    }, traceId(rng, t)));
  }

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset: liveAt, alarmName: 'orders-api-prod-5xx', description: 'orders-api prod: 5XXError >= 2 per minute for 2 minutes', topic: 'oncall-orders' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = [...invocationsOf(kept), ...scheduled.filter((i) => i.start <= cutoff)];

  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmEventBridge(rng, frame.alarm));

  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  // The collector pulled full execution logs for the failing requests and for the minutes around the change.
  const exec = executionLogs(rng, kept, {
    logGroup: execGroup, format: 'filter-log-events', dataTrace: false, tracing: true, streams: 4,
    include: (r) => r.status >= 500 || Math.abs(r.time - liveAt) < 15_000,
  });
  writeLogFile(bundle, rng, execGroup, until(exec, cutoff), 'filter-log-events', api.account);

  const accessFormat = REST_JSON.replace(' }', ', "integrationLatency":"$context.integrationLatency", "integrationStatus":"$context.integrationStatus", "xrayTraceId":"$context.xrayTraceId" }');
  const accessGroup = '/aws/apigateway/orders-api-prod-access';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup), 'jsonl', api.account);

  const lambda = until(lambdaLogs(invocations, 'node-text', api.region), cutoff);
  writeLogFile(bundle, rng, orders.logGroup, lambda.filter((e) => e.logGroup === orders.logGroup), 'filter-log-events', api.account);
  writeLogFile(bundle, rng, catalog.logGroup, lambda.filter((e) => e.logGroup === catalog.logGroup), 'streams', api.account);

  // X-Ray: a few failing and healthy traces, and the summaries of the stage's traces in the window.
  const failing = frame.failing;
  const picked = [...failing.slice(0, 4), ...kept.filter((r) => r.status === 200 && r.time > change).slice(0, 2)];
  bundle.json('traces/batch-get-traces.json', batchGetTraces(picked.map((r) => traceOfRequest(rng, r, { account: api.account }))));
  const summaryItems = [...failing.slice(-6), ...kept.filter((r) => r.status === 200 && r.time > liveAt).slice(0, 2)].map((r) => ({
    req: r,
    account: api.account,
    ...(r.status >= 500 ? { rootCause: { service: orders.name, type: 'AWS::Lambda::Function', entity: 'Invocation' } } : {}),
  }));
  bundle.json('traces/trace-summaries.json', traceSummaries(summaryItems, stateChange));

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({
    stageName: api.stage, deploymentId, description: 'Production', loggingLevel: 'INFO', dataTraceEnabled: false,
    accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`,
    tracingEnabled: true, createdDate: Date.UTC(2025, 8, 2, 9, 14, 51), lastUpdatedDate: Date.UTC(2026, 2, 8, 16, 40, 12),
  }));
  bundle.json('api/deployments.json', restDeployments([
    { id: deploymentId, description: 'orders-api release 2026.03.08-2', createdDate: Date.UTC(2026, 2, 8, 16, 40, 9) },
    { id: hex(rng, 6), description: 'orders-api release 2026.03.02-1', createdDate: Date.UTC(2026, 2, 2, 10, 3, 44) },
  ]));
  bundle.json('api/export.json', restExport({
    apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 2, 8, 16, 40, 9),
    routes: [
      { method: 'GET', path: '/orders/{id}', functionArn: orders.arn, parameters: ['id'] },
      { method: 'POST', path: '/orders', functionArn: orders.arn },
      { method: 'GET', path: '/products/{sku}', functionArn: catalog.arn, parameters: ['sku'] },
    ],
  }));
  const role = (n: string): string => `arn:aws:iam::${api.account}:role/${n}-role-${hex(rng, 8)}`;
  bundle.json('functions/orders-fn.json', functionConfiguration(rng, {
    name: orders.name, arn: orders.arn, runtime: orders.runtime, role: role('orders-fn'), handler: orders.handler,
    timeoutSeconds: 6, memorySizeMb: 512, lastModified: change + 312, environment: { ORDERS_TABLE: 'orders-prod', HISTORY_URL: 'https://history.internal.example.com' },
    tracing: 'Active', logFormat: 'Text', logGroup: orders.logGroup, architecture: 'arm64', runtimeVersionArn: runtimeVersionArn(api.region, orders.runtimeVersion), codeSize: 1_482_113,
  }));
  bundle.json('functions/catalog-fn.json', functionConfiguration(rng, {
    name: catalog.name, arn: catalog.arn, runtime: catalog.runtime, role: role('catalog-fn'), handler: catalog.handler,
    timeoutSeconds: 10, memorySizeMb: 256, lastModified: Date.UTC(2026, 1, 27, 11, 2, 30), tracing: 'Active', logFormat: 'Text', logGroup: catalog.logGroup,
    architecture: 'arm64', runtimeVersionArn: runtimeVersionArn(api.region, catalog.runtimeVersion), codeSize: 902_447,
  }));
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  bundle.json('metrics/lambda-orders-fn.json', metricData(lambdaMetrics(orders.name, invocations, [], from, cutoff)));
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [
    {
      time: change, eventName: 'UpdateFunctionConfiguration20150331v2', eventSource: 'lambda.amazonaws.com', region: api.region, account: api.account,
      username: 'priya.raman', roleName: 'AWSReservedSSO_PowerUserAccess_5c1f0a9e2b7d4e31', userAgent: 'aws-cli/2.22.8 md/awscrt#0.22.0 ua/2.0 os/macos#24.3.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#lambda.update-function-configuration',
      sourceIp: '198.51.100.77', requestParameters: { functionName: orders.name, timeout: 6 },
      responseElements: { functionName: orders.name, functionArn: orders.arn, runtime: orders.runtime, handler: orders.handler, timeout: 6, memorySize: 512, lastModified: isoSeconds(change).replace('Z', '.000+0000'), version: '$LATEST', state: 'Active', lastUpdateStatus: 'InProgress', lastUpdateStatusReason: 'The function is being created.', lastUpdateStatusReasonCode: 'Creating' },
      resources: [{ type: 'AWS::Lambda::Function', name: orders.name }],
    },
    {
      time: change - 31_000, eventName: 'GetFunctionConfiguration20150331v2', eventSource: 'lambda.amazonaws.com', region: api.region, account: api.account,
      username: 'priya.raman', roleName: 'AWSReservedSSO_PowerUserAccess_5c1f0a9e2b7d4e31', userAgent: 'aws-cli/2.22.8 md/command#lambda.get-function-configuration', sourceIp: '198.51.100.77',
      requestParameters: { functionName: orders.name }, responseElements: null, resources: [], readOnly: true,
    },
    {
      time: Date.UTC(2026, 2, 10, 12, 7, 55), eventName: 'UpdateFunctionCode20150331v2', eventSource: 'lambda.amazonaws.com', region: api.region, account: api.account,
      username: 'GitHubActions', roleName: 'github-actions-deploy', userAgent: 'aws-sdk-js/3.682.0 ua/2.1 os/linux#6.8.0-1017-azure lang/js md/nodejs#20.18.0 api/lambda#3.682.0', sourceIp: '20.42.17.201',
      requestParameters: { functionName: catalog.name, publish: false, dryRun: false }, responseElements: { functionName: catalog.name, codeSize: 902_447, version: '$LATEST' },
      resources: [{ type: 'AWS::Lambda::Function', name: catalog.name }],
    },
  ]));

  const scheduledTimeouts = scheduled.filter((i) => i.start <= cutoff && i.end.kind === 'timeout').length;
  bundle.expected({
    rootCause: 'lambda-timeout',
    findings: ['lambda-timeout'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `orders-fn Timeout lowered 15 -> 6 s at ${isoSeconds(change)} (UpdateFunctionConfiguration by priya.raman). GET /orders/{id} calls needing 6.5-10.5 s time out (REPORT Status: timeout, Duration 6000.00 ms; 502 "Task timed out after 6.00 seconds"). ${scheduledTimeouts} scheduled reconcile invocations of orders-fn also timed out: not API requests, not counted. Noise: 404/400 from orders-fn, catalog-fn traffic, WARN lines, cold starts.`,
  });
  bundle.readme(`
# rest-lambda-timeout (the README's sample incident)

**What happened.** At ${isoSeconds(change)} an engineer lowered \`orders-fn\`'s timeout from 15 s to 6 s with
\`aws lambda update-function-configuration\`. \`GET /orders/{id}\` for customers with long order histories needs 6.5-10.5 s,
so from ~${isoSeconds(liveAt)} those invocations time out at 6.00 s and API Gateway answers 502. The \`orders-api-prod-5xx\`
alarm went to ALARM at ${isoSeconds(stateChange)}; the bundle was recorded at ${isoSeconds(cutoff)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`${api.stage}\`, Lambda proxy integrations; ${api.region}, account ${api.account}.
- Functions: \`orders-fn\` and \`catalog-fn\`, nodejs20.x, **text** log format, X-Ray active tracing.
- Expected: \`lambda-timeout\`, ${frame.failing.length} failing API requests in the window.

**Files.** Every optional file is present:
- \`alarm.json\`: EventBridge "CloudWatch Alarm State Change" event (5XXError, ApiName/Stage).
- \`logs/API-Gateway-Execution-Logs_${api.id}/prod.json\`: \`filter-log-events\` (INFO, data trace off) for the failing requests and the requests of the 30 s around the moment the new timeout went live.
- \`logs/aws/apigateway/orders-api-prod-access.jsonl\`: access log as JSON Lines (\`{"timestamp","message"}\`), console JSON format plus integrationLatency, integrationStatus, xrayTraceId.
- \`logs/aws/lambda/orders-fn.json\` (\`filter-log-events\`), \`logs/aws/lambda/catalog-fn/<stream>.json\` (\`get-log-events\`, one stream a file).
- \`traces/batch-get-traces.json\`, \`traces/trace-summaries.json\`; \`api/stage.json\`, \`api/deployments.json\`, \`api/export.json\`;
  \`functions/orders-fn.json\`, \`functions/catalog-fn.json\`; \`metrics/apigateway.json\`, \`metrics/lambda-orders-fn.json\`; \`changes/cloudtrail.json\`.

**Noise.** Healthy 200s (several times the failures), 404/400 answered by orders-fn, catalog-fn traffic, WARN lines about slow
order-history pages, cold starts, a read-only GetFunctionConfiguration and an older catalog-fn deploy in CloudTrail, and
${scheduledTimeouts} scheduled (EventBridge) reconcile invocations of orders-fn that also timed out; they are not API requests.

**Where the shapes come from.**
- ${SOURCES.executionLog}
- ${SOURCES.timeoutPayload}
- ${SOURCES.lambdaPlatform}
- ${SOURCES.nodeText}
- ${SOURCES.restAccess}
- ${SOURCES.alarmEventBridge}
- ${SOURCES.xray}
- ${SOURCES.cloudtrail}
- ${SOURCES.contextDocs}
- ${SOURCES.cli}
`);
  return bundle;
}
