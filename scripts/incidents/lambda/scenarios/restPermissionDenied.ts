import { Bundle } from '../bundle.ts';
import { functionSpec, writeFunctionConfig } from '../common.ts';
import { alarmSnsMessage, cloudTrailLookup, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { apiGatewayMetrics } from '../kit.ts';
import type { ApiIdentity, Invocation } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { type HandleContext, frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, invoke, pythonProxyResponse, round2, uninvokedRequest } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * Someone tidying stock-fn's resource policy in the console removes the statement that lets API Gateway invoke it.
 * API Gateway logs "Execution failed due to configuration error: Invalid permissions on Lambda function" and answers
 * 500; stock-fn keeps running for its SQS consumer. Python 3.12, JSON log format, one stream per file.
 */
export function buildRestPermissionDenied(): Bundle {
  const name = 'rest-invoke-permission-denied';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'inventory-api', type: 'REST', stage: 'prod', region: 'us-east-2', account: '604417289350' };
  const removal = Date.UTC(2026, 9, 6, 19, 4, 50);
  const from = removal - 4 * MINUTE;
  const to = removal + 12 * MINUTE;
  const stock = functionSpec(api, { name: 'stock-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'app.lambda_handler', memorySizeMb: 512, timeoutSeconds: 20, initMs: [520, 840] });
  const pool = new EnvironmentPool(rng, stock, 3, from);
  const warehouses = functionSpec(api, { name: 'warehouses-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'app.lambda_handler', memorySizeMb: 256, timeoutSeconds: 10, initMs: [480, 760] });
  const warehousesPool = new EnvironmentPool(rng, warehouses, 2, from);
  const sku = (r: typeof rng): string => `SKU-${r.int(10000, 99999)}`;
  const stockRoute = (method: string, resourcePath: string, weight: number) => ({
    route: { method, resourcePath, makePath: resourcePath.endsWith('/reservations') ? (r: typeof rng) => { const s = sku(r); return { path: `/stock/${s}/reservations`, params: { sku: s } }; } : idPath('/stock', 'sku', sku) },
    weight,
    handle: (ctx: HandleContext) => {
      const r = ctx.rng;
      if (ctx.time >= removal) return uninvokedRequest(r, ctx.shell, { kind: 'permission-denied' }, stock.arn);
      const out = method === 'POST' && r.chance(0.1);
      return viaLambda(ctx, stock, pool, {
        durationMs: round2(r.float(14, 90)),
        end: { kind: 'success' },
        appLogs: [{ offsetMs: 2, level: out ? 'WARN' : 'INFO', text: out ? `not enough stock for ${ctx.shell.pathParameters['sku'] ?? ''}` : `${method} ${resourcePath} sku=${ctx.shell.pathParameters['sku'] ?? ''}` }],
        response: payloadResponse(out ? pythonProxyResponse(409, { error: 'insufficient_stock' }) : pythonProxyResponse(method === 'POST' ? 201 : 200, { available: r.int(0, 400) })),
      });
    },
  });
  const requests = simulateTraffic(rng, api, { from, to, perMinute: 9 }, [
    stockRoute('GET', '/stock/{sku}', 18),
    stockRoute('POST', '/stock/{sku}/reservations', 10),
    {
      route: { method: 'GET', resourcePath: '/warehouses/{warehouseId}', makePath: idPath('/warehouses', 'warehouseId', (r) => `wh-${r.pick(['dub', 'ams', 'fra', 'mad'])}-${r.int(1, 4)}`) },
      weight: 72,
      handle: (ctx) => {
        const r = ctx.rng;
        const missing = r.chance(0.05);
        return viaLambda(ctx, warehouses, warehousesPool, {
          durationMs: round2(r.float(9, 45)),
          end: { kind: 'success' },
          appLogs: [{ offsetMs: 1, level: missing ? 'WARN' : 'INFO', text: missing ? 'unknown warehouse' : 'warehouse loaded' }],
          response: payloadResponse(missing ? pythonProxyResponse(404, { error: 'not_found' }) : pythonProxyResponse(200, { open: true })),
        });
      },
    },
  ]);

  // The same function consumes an SQS queue; those invocations go on after the removal.
  const sqs: Invocation[] = [];
  for (let t = from + 9_000; t < to; t += rng.int(14_000, 40_000)) {
    sqs.push(invoke(rng, stock, pool, t, { durationMs: round2(rng.float(30, 180)), end: { kind: 'success' }, appLogs: [{ offsetMs: 2, level: 'INFO', text: `processing ${rng.int(1, 10)} stock-sync messages` }], response: payloadResponse('{"batchItemFailures": []}'), trigger: 'schedule' }));
  }

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset: removal, alarmName: 'inventory-api-prod-5xx', description: 'inventory-api prod 5XXError', topic: 'inventory-alerts' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = [...invocationsOf(kept), ...sqs.filter((i) => i.start <= cutoff)];
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmSnsMessage(frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  writeLogFile(bundle, rng, execGroup, until(executionLogs(rng, kept, { logGroup: execGroup, format: 'jsonl-at', dataTrace: false, tracing: false, streams: 3, include: (r) => r.status >= 500 || Math.abs(r.time - removal) < 60_000 }), cutoff), 'jsonl-at', api.account);
  const accessFormat = '{"id":"$context.requestId","ts":"$context.requestTimeEpoch","verb":"$context.httpMethod","res":"$context.resourcePath","path":"$context.path","st":"$context.status","lat":"$context.responseLatency","int_st":"$context.integrationStatus","int_lat":"$context.integrationLatency","int_err":"$context.integrationErrorMessage","err":"$context.error.message"}';
  const accessGroup = '/aws/apigateway/inventory-api-prod';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup), 'filter-log-events', api.account);
  const lambda = until(lambdaLogs(invocations, 'python-json', api.region), cutoff);
  writeLogFile(bundle, rng, stock.logGroup, lambda.filter((e) => e.logGroup === stock.logGroup), 'streams', api.account);
  writeLogFile(bundle, rng, warehouses.logGroup, lambda.filter((e) => e.logGroup === warehouses.logGroup), 'jsonl', api.account);

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: false, accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: false, createdDate: Date.UTC(2025, 6, 7, 12, 0, 0), lastUpdatedDate: Date.UTC(2026, 8, 28, 8, 0, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'inventory-api 2026-09-28', createdDate: Date.UTC(2026, 8, 28, 7, 59, 58) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 8, 28, 7, 59, 58), routes: [
    { method: 'GET', path: '/stock/{sku}', functionArn: stock.arn, parameters: ['sku'] },
    { method: 'POST', path: '/stock/{sku}/reservations', functionArn: stock.arn, parameters: ['sku'] },
    { method: 'GET', path: '/warehouses/{warehouseId}', functionArn: warehouses.arn, parameters: ['warehouseId'] },
  ] }));
  writeFunctionConfig(bundle, rng, api, warehouses, { logFormat: 'JSON', lastModified: Date.UTC(2026, 8, 28, 7, 58, 4) });
  writeFunctionConfig(bundle, rng, api, stock, { logFormat: 'JSON', lastModified: Date.UTC(2026, 8, 28, 7, 58, 10), environment: { STOCK_TABLE: 'stock-levels', POWERTOOLS_SERVICE_NAME: 'inventory' } });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [{
    time: removal, eventName: 'RemovePermission20150331v2', eventSource: 'lambda.amazonaws.com', region: api.region, account: api.account,
    username: 'dana.kowalczyk', roleName: 'AWSReservedSSO_DeveloperAccess_0b8e6d1f3a2c9e57', userAgent: 'console.amazonaws.com', sourceIp: '203.0.113.45',
    requestParameters: { functionName: stock.name, statementId: `apigateway-${api.id}-prod-any` }, responseElements: null,
    resources: [{ type: 'AWS::Lambda::Function', name: stock.name }],
  }, {
    time: removal - 70_000, eventName: 'GetPolicy20150331v2', eventSource: 'lambda.amazonaws.com', region: api.region, account: api.account,
    username: 'dana.kowalczyk', roleName: 'AWSReservedSSO_DeveloperAccess_0b8e6d1f3a2c9e57', userAgent: 'console.amazonaws.com', sourceIp: '203.0.113.45',
    requestParameters: { functionName: stock.name }, responseElements: null, resources: [], readOnly: true,
  }]));

  bundle.expected({
    rootCause: 'invoke-permission-denied',
    findings: ['invoke-permission-denied'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `RemovePermission20150331v2 on stock-fn (statement apigateway-${api.id}-prod-any) at ${isoSeconds(removal)} from the console. Every request since: "Execution failed due to configuration error: Invalid permissions on Lambda function", 500, no Lambda invocation for it. stock-fn keeps running for its SQS trigger (healthy invocations in the Lambda logs after the removal are not API requests). Noise: 409s, warehouses-fn traffic (404s).`,
  });
  bundle.readme(`
# rest-invoke-permission-denied

**What happened.** At ${isoSeconds(removal)} a developer tidying \`stock-fn\`'s resource-based policy in the console removed the statement that allowed
\`apigateway.amazonaws.com\` to invoke it. From then API Gateway cannot invoke the function: the execution log says
\`Execution failed due to configuration error: Invalid permissions on Lambda function\` and clients get 500. \`stock-fn\` itself is fine and keeps
processing its SQS queue. Alarm (SNS) at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`prod\`; ${api.region}. Function: python3.12, **JSON** log format.
- Expected: \`invoke-permission-denied\`, ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: SNS message. \`logs/API-Gateway-Execution-Logs_${api.id}/prod.jsonl\`: JSON Lines (\`@timestamp\`/\`@message\`), INFO without
data trace, the failing requests and the minute around the removal. \`logs/aws/apigateway/inventory-api-prod.json\`: \`filter-log-events\`, access log
with **custom field names**. \`logs/aws/lambda/stock-fn/<stream>.json\`: one \`get-log-events\` file per stream (SQS invocations continue).

**Noise.** warehouses-fn traffic (404s), 409 answers before the removal, SQS-triggered invocations of the same function, a read-only GetPolicy call.

**Where the shapes come from.**
- ${SOURCES.executionInvokeFailures}
- ${SOURCES.executionLog}
- ${SOURCES.pythonJson}
- ${SOURCES.restAccess}
- ${SOURCES.alarmSns}
- ${SOURCES.cloudtrail}
- ${SOURCES.cli}
`);
  return bundle;
}
