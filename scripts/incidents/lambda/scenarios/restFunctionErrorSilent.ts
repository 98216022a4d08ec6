import { REST_CLF } from '../accessLog.ts';
import { Bundle } from '../bundle.ts';
import { functionSpec, writeFunctionConfig } from '../common.ts';
import { alarmSnsMessage, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { apiGatewayMetrics } from '../kit.ts';
import type { ApiIdentity } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, nodeProxyResponse, round2, staticPath } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * search-fn returns 503 for a third of searches and logs nothing about it (a circuit breaker that fails fast
 * silently). Lambda reports success; the execution log shows the function's own 503. Why is not recorded anywhere.
 */
export function buildRestFunctionErrorSilent(): Bundle {
  const name = 'rest-function-error-response-silent';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'catalog-search-api', type: 'REST', stage: 'prod', region: 'us-east-1', account: '277164093825' };
  const onset = Date.UTC(2026, 11, 2, 3, 41, 17);
  const from = onset - 4 * MINUTE;
  const to = onset + 12 * MINUTE;
  const search = functionSpec(api, { name: 'search-fn', runtime: 'nodejs22.x', runtimeVersion: 'nodejs:22.v31', handler: 'index.handler', memorySizeMb: 1024, timeoutSeconds: 12, initMs: [300, 520] });
  const pool = new EnvironmentPool(rng, search, 4, from);

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 8 }, [
    {
      route: { method: 'GET', resourcePath: '/search', makePath: staticPath('/search'), query: (r) => ({ q: r.pick(['mug', 'teapot', 'kettle', 'espresso cups', 'cold brew']), page: String(r.int(1, 3)) }) },
      weight: 80,
      handle: (ctx) => {
        const r = ctx.rng;
        if (ctx.time >= onset && r.chance(0.33)) {
          return viaLambda(ctx, search, pool, { durationMs: round2(r.float(1.1, 3.4)), end: { kind: 'success' }, appLogs: [], response: payloadResponse(nodeProxyResponse(503, { message: 'Service Unavailable' }, { 'Retry-After': '5' })) });
        }
        return viaLambda(ctx, search, pool, {
          durationMs: round2(r.float(40, 260)),
          end: { kind: 'success' },
          appLogs: r.chance(0.15) ? [{ offsetMs: 2, level: 'WARN', text: 'query took more than 200 ms, consider the cache' }] : [],
          response: payloadResponse(nodeProxyResponse(200, { hits: r.int(0, 80) })),
        });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/suggest', makePath: staticPath('/suggest'), query: (r) => ({ prefix: r.pick(['mu', 'te', 'ke', 'es']) }) },
      weight: 20,
      handle: (ctx) => viaLambda(ctx, search, pool, { durationMs: round2(ctx.rng.float(4, 20)), end: { kind: 'success' }, appLogs: [], response: payloadResponse(nodeProxyResponse(ctx.rng.chance(0.05) ? 400 : 200, { suggestions: [] })) }),
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 3, onset, alarmName: 'catalog-search-api-prod-5xx', description: 'search 5XXError', topic: 'search-oncall' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmSnsMessage(frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  writeLogFile(bundle, rng, execGroup, until(executionLogs(rng, kept, { logGroup: execGroup, format: 'filter-log-events', dataTrace: true, tracing: false, streams: 4, include: (r) => r.status >= 500 && r.time < onset + 2 * MINUTE }), cutoff), 'filter-log-events', api.account);
  const accessGroup = '/aws/apigateway/catalog-search-api';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, REST_CLF, accessGroup), 'tail', api.account);
  writeLogFile(bundle, rng, search.logGroup, until(lambdaLogs(invocations, 'node-json', api.region), cutoff), 'filter-log-events', api.account);
  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: true, accessLogFormat: REST_CLF, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: false, createdDate: Date.UTC(2025, 2, 2, 2, 0, 0), lastUpdatedDate: Date.UTC(2026, 10, 18, 10, 0, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'search 2026-11-18', createdDate: Date.UTC(2026, 10, 18, 9, 59, 57) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 10, 18, 9, 59, 57), routes: [
    { method: 'GET', path: '/search', functionArn: search.arn },
    { method: 'GET', path: '/suggest', functionArn: search.arn },
  ] }));
  writeFunctionConfig(bundle, rng, api, search, { logFormat: 'JSON', lastModified: Date.UTC(2026, 10, 18, 9, 58, 0), environment: { OPENSEARCH_ENDPOINT: 'https://search-catalog-x7k2.us-east-1.es.amazonaws.com' } });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));

  bundle.expected({
    rootCause: 'function-error-response',
    findings: ['function-error-response'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: 'search-fn returns {"statusCode":503,"headers":{…,"Retry-After":"5"},"body":"{\\"message\\":\\"Service Unavailable\\"}"} for about a third of searches from the onset, writing no log line; Lambda reports success (platform.report status success). No dependency or change is recorded: the diagnosis should say the reason is not recorded (e.g. suggest logging in the function). Noise: 400 from /suggest, WARN lines.',
  });
  bundle.readme(`
# rest-function-error-response-silent

**What happened.** From ${isoSeconds(onset)} \`search-fn\` answers about a third of \`GET /search\` requests with its own
\`{"statusCode":503,…,"body":"{\\"message\\":\\"Service Unavailable\\"}"}\` in 1-3 ms and logs nothing about it (a fail-fast circuit breaker
without logging). Lambda sees successful invocations; API Gateway passes the 503 on. Nothing in the bundle says why. Alarm (SNS) at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`prod\`; ${api.region}. Function: nodejs22.x, **JSON** log format (only platform events for the 503s).
- Expected: \`function-error-response\` with the reason not recorded, ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: SNS message. \`logs/API-Gateway-Execution-Logs_${api.id}/prod.json\`: \`filter-log-events\` with data trace for the failing
requests of the first 2 minutes (\`Endpoint response body before transformations: {"statusCode":503,…}\`, \`Method completed with status: 503\`).
\`logs/aws/apigateway/catalog-search-api.txt\`: \`aws logs tail\` of a **CLF** access log. \`logs/aws/lambda/search-fn.json\`: \`filter-log-events\`.
No CloudTrail file: nothing changed.

**Noise.** Healthy searches, 400s from /suggest, WARN lines about slow queries.

**Where the shapes come from.**
- ${SOURCES.executionLog}
- ${SOURCES.nodeJson}
- ${SOURCES.restAccess}
- ${SOURCES.alarmSns}
- ${SOURCES.cli}
`);
  return bundle;
}
