import { REST_CSV } from '../accessLog.ts';
import { Bundle } from '../bundle.ts';
import { codeDeployEvent, functionSpec, unhandledResponse, writeFunctionConfig } from '../common.ts';
import { alarmEventBridge, cloudTrailLookup, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, base64, hex } from '../ids.ts';
import type { ApiIdentity, AppLog, ErrorInfo } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, nodeProxyResponse, round2, staticPath } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * A deploy of pricing-fn reads `cart.promo.code` without checking that the cart has a promotion: quotes for carts
 * without one throw a TypeError and API Gateway answers 502. Node.js 22, JSON log format.
 */
export function buildRestUnhandledNode(): Bundle {
  const name = 'rest-lambda-unhandled-error-node';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'shop-api', type: 'REST', stage: 'prod', region: 'us-east-2', account: '517304829216' };
  const deploy = Date.UTC(2026, 4, 14, 16, 3, 18);
  const onset = deploy + 34_000;
  const from = deploy - 3 * MINUTE;
  const to = deploy + 12 * MINUTE;
  const pricing = functionSpec(api, { name: 'pricing-fn', runtime: 'nodejs22.x', runtimeVersion: 'nodejs:22.v31', handler: 'index.handler', memorySizeMb: 1024, timeoutSeconds: 15, tracing: false, initMs: [240, 520], memoryUsedMb: [92, 118] });
  const pool = new EnvironmentPool(rng, pricing, 3, from);
  pool.recycleAt(onset);
  const typeError: ErrorInfo = {
    type: 'TypeError',
    message: "Cannot read properties of undefined (reading 'code')",
    stack: [
      "TypeError: Cannot read properties of undefined (reading 'code')",
      '    at applyPromotion (file:///var/task/src/pricing/promotions.mjs:41:31)',
      '    at quote (file:///var/task/src/pricing/quote.mjs:88:17)',
      '    at async Runtime.handler (file:///var/task/index.mjs:23:22)',
    ],
  };

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 7 }, [
    {
      route: { method: 'POST', resourcePath: '/quotes', makePath: staticPath('/quotes'), body: (r) => JSON.stringify({ cartId: `c-${hex(r, 8)}`, currency: 'USD' }) },
      weight: 70,
      handle: (ctx) => {
        const r = ctx.rng;
        const hasPromo = r.chance(0.45);
        const lines = r.int(1, 8);
        const logs: AppLog[] = [{ offsetMs: 2, level: 'INFO', text: `quote requested lines=${lines} promo=${hasPromo ? 'yes' : 'no'}` }];
        if (ctx.time >= onset && !hasPromo) {
          return viaLambda(ctx, pricing, pool, { durationMs: round2(r.float(18, 70)), end: { kind: 'unhandled', error: typeError }, appLogs: logs, response: unhandledResponse(typeError, 'node') });
        }
        if (r.chance(0.12)) logs.push({ offsetMs: 30, level: 'WARN', text: `tax service answered from cache (age ${r.int(40, 300)} s)` });
        logs.push({ offsetMs: r.int(40, 90), level: 'INFO', text: `quote ready total=${r.float(12, 480).toFixed(2)} USD` });
        return viaLambda(ctx, pricing, pool, { durationMs: round2(r.float(60, 180)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(nodeProxyResponse(200, { quoteId: `q-${hex(r, 10)}`, currency: 'USD' })) });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/quotes/{quoteId}', makePath: idPath('/quotes', 'quoteId', (r) => `q-${hex(r, 10)}`) },
      weight: 30,
      handle: (ctx) => {
        const r = ctx.rng;
        const expired = r.chance(0.1);
        return viaLambda(ctx, pricing, pool, {
          durationMs: round2(r.float(8, 30)),
          end: { kind: 'success' },
          appLogs: [{ offsetMs: 1, level: 'INFO', text: expired ? 'quote expired' : 'quote found' }],
          response: payloadResponse(expired ? nodeProxyResponse(410, { message: 'quote expired' }) : nodeProxyResponse(200, { status: 'valid' })),
        });
      },
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset, alarmName: 'shop-api-prod-5XXError', description: 'shop-api prod 5XX errors', topic: 'shop-oncall' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmEventBridge(rng, frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  const exec = executionLogs(rng, kept, { logGroup: execGroup, format: 'streams', dataTrace: false, tracing: false, streams: 4, include: (r) => r.time >= onset - 30_000 && r.time <= onset + 150_000 });
  writeLogFile(bundle, rng, execGroup, exec, 'streams', api.account);
  const accessGroup = '/aws/apigateway/shop-api-access-logs';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, REST_CSV, accessGroup), 'text', api.account);
  writeLogFile(bundle, rng, pricing.logGroup, until(lambdaLogs(invocations, 'node-json', api.region), cutoff), 'jsonl', api.account);

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: false, accessLogFormat: REST_CSV, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: false, createdDate: Date.UTC(2025, 5, 1, 12, 0, 0), lastUpdatedDate: Date.UTC(2026, 4, 2, 9, 30, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'shop-api 2026-05-02', createdDate: Date.UTC(2026, 4, 2, 9, 29, 58) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 4, 2, 9, 29, 58), routes: [
    { method: 'POST', path: '/quotes', functionArn: pricing.arn },
    { method: 'GET', path: '/quotes/{quoteId}', functionArn: pricing.arn, parameters: ['quoteId'] },
  ] }));
  const sha = `${base64(rng, 43)}=`;
  writeFunctionConfig(bundle, rng, api, pricing, { logFormat: 'JSON', lastModified: deploy + 240, environment: { TAX_SERVICE_URL: 'https://tax.internal.example.com', NODE_OPTIONS: '--enable-source-maps' }, architecture: 'arm64', codeSize: 3_204_551 });
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [codeDeployEvent(api, pricing, deploy, 3_204_551, sha)]));

  bundle.expected({
    rootCause: 'lambda-unhandled-error',
    findings: ['lambda-unhandled-error'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `UpdateFunctionCode of pricing-fn at ${isoSeconds(deploy)} by GitHubActions; from then POST /quotes for carts without a promotion throws TypeError "Cannot read properties of undefined (reading 'code')" (JSON log format: level ERROR, message.errorType/errorMessage/stackTrace). Execution logs cover only ${isoSeconds(onset - 30_000)}-${isoSeconds(onset + 150_000)}: later failures are only in the access and Lambda logs. Noise: 410 answers, WARN lines.`,
  });
  bundle.readme(`
# rest-lambda-unhandled-error-node

**What happened.** GitHub Actions deployed new code to \`pricing-fn\` at ${isoSeconds(deploy)}. The new \`applyPromotion\` reads
\`cart.promo.code\` even when the cart has no promotion; from ${isoSeconds(onset)} every \`POST /quotes\` without a promo throws
\`TypeError: Cannot read properties of undefined (reading 'code')\`, Lambda returns the error document and API Gateway answers 502.
Alarm at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`prod\`, Lambda proxy; ${api.region}.
- Function: \`pricing-fn\`, nodejs22.x, **JSON** log format (platform events as JSON, app lines \`{"timestamp","level","requestId","message"}\`).
- Expected: \`lambda-unhandled-error\`, ${frame.failing.length} failing requests.

**Files.** \`alarm.json\` (EventBridge event). \`logs/API-Gateway-Execution-Logs_${api.id}/prod/<stream>.json\`: one \`get-log-events\`
file per stream, fetched for ${isoSeconds(onset - 30_000)} to ${isoSeconds(onset + 150_000)} only (INFO, no data trace).
\`logs/aws/apigateway/shop-api-access-logs.log\`: access log in the console's **CSV** format, one record a line.
\`logs/aws/lambda/pricing-fn.jsonl\`: JSON Lines \`{"timestamp": <ms>, "message"}\`. \`changes/cloudtrail.json\`: the deploy.

**Noise.** Successful quotes (with promotions), 410 for expired quotes, WARN lines about the tax cache, cold starts after the deploy.

**Where the shapes come from.**
- ${SOURCES.nodeJson}
- ${SOURCES.executionLog}
- ${SOURCES.restAccess}
- ${SOURCES.lambdaPlatform}
- ${SOURCES.alarmEventBridge}
- ${SOURCES.cloudtrail}
- ${SOURCES.contextDocs}
- ${SOURCES.cli}
`);
  return bundle;
}
