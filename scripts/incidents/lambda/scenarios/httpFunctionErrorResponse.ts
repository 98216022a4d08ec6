import { HTTP_JSON } from '../accessLog.ts';
import { Bundle } from '../bundle.ts';
import { functionSpec, writeFunctionConfig } from '../common.ts';
import { alarmEventBridge, cloudTrailLookup, httpDeployments, httpExport, httpStage, metricData } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { apiGatewayMetrics } from '../kit.ts';
import type { ApiIdentity, AppLog } from '../model.ts';
import { accessLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, nodeProxyResponse, round2, staticPath } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * A configuration update replaces quote-fn's environment and drops FX_RATES_TABLE. The handler catches the missing
 * setting, logs why and returns 500 itself for every non-USD quote. HTTP API, Node.js 20 text logs.
 */
export function buildHttpFunctionErrorResponse(): Bundle {
  const name = 'http-function-error-response';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'quotes-http', type: 'HTTP', stage: '$default', region: 'us-west-2', account: '390712846615' };
  const change = Date.UTC(2026, 10, 24, 17, 8, 26);
  const liveAt = change + 15_000;
  const from = change - 4 * MINUTE;
  const to = change + 12 * MINUTE;
  const quote = functionSpec(api, { name: 'quote-fn', runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v48', handler: 'dist/handler.main', memorySizeMb: 512, timeoutSeconds: 8, initMs: [240, 420] });
  const pool = new EnvironmentPool(rng, quote, 3, from);
  pool.recycleAt(liveAt);

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 11 }, [
    {
      route: { method: 'POST', resourcePath: '/quotes', makePath: staticPath('/quotes'), body: (r) => JSON.stringify({ amount: r.int(10, 5000), currency: 'USD', target: r.pick(['USD', 'EUR', 'GBP', 'JPY']) }) },
      weight: 70,
      handle: (ctx) => {
        const r = ctx.rng;
        const currency = r.weighted([['USD', 74], ['EUR', 12], ['GBP', 9], ['JPY', 5]] as const);
        const logs: AppLog[] = [{ offsetMs: 1, level: 'INFO', text: `quote request currency=${currency}` }];
        if (currency !== 'USD' && ctx.time >= liveAt) {
          logs.push({ offsetMs: 3, level: 'ERROR', text: `quote failed for ${currency}: FX_RATES_TABLE environment variable is not set, cannot load exchange rates; returning 500` });
          return viaLambda(ctx, quote, pool, { durationMs: round2(r.float(2, 6)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(nodeProxyResponse(500, { message: 'quote unavailable' })) });
        }
        if (r.chance(0.05)) {
          logs.push({ offsetMs: 2, level: 'WARN', text: 'rejecting quote: amount above 5000 needs manual review' });
          return viaLambda(ctx, quote, pool, { durationMs: round2(r.float(2, 5)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(nodeProxyResponse(422, { message: 'amount too large' })) });
        }
        logs.push({ offsetMs: r.int(20, 60), level: 'INFO', text: `quote q_${hex(r, 10)} issued` });
        return viaLambda(ctx, quote, pool, { durationMs: round2(r.float(25, 90)), end: { kind: 'success' }, appLogs: logs, response: payloadResponse(nodeProxyResponse(200, { rate: 1, expiresIn: 300 })) });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/currencies', makePath: staticPath('/currencies') },
      weight: 30,
      handle: (ctx) => viaLambda(ctx, quote, pool, { durationMs: round2(ctx.rng.float(1.2, 4)), end: { kind: 'success' }, appLogs: [], response: payloadResponse(nodeProxyResponse(200, ['USD', 'EUR', 'GBP', 'JPY'])) }),
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset: liveAt, alarmName: 'quotes-http-5xx', description: 'quotes-http 5xx', topic: 'pricing-oncall' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmEventBridge(rng, frame.alarm));
  const accessFormat = HTTP_JSON.replace(' }', ', "integrationStatus":"$context.integrationStatus", "functionStatus":"$context.integration.status", "integrationRequestId":"$context.integration.requestId", "integrationErrorMessage":"$context.integrationErrorMessage" }');
  const accessGroup = '/aws/apigateway/quotes-http';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup, 1), 'query-results', api.account);
  writeLogFile(bundle, rng, quote.logGroup, until(lambdaLogs(invocations, 'node-text', api.region), cutoff), 'tail-short', api.account);
  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', httpStage({ stageName: api.stage, deploymentId, accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, createdDate: Date.UTC(2025, 11, 2, 9, 0, 0), lastUpdatedDate: Date.UTC(2026, 10, 3, 9, 0, 0), autoDeploy: true }));
  bundle.json('api/deployments.json', httpDeployments([{ id: deploymentId, description: 'Automatic deployment triggered by changes to the Api configuration', createdDate: Date.UTC(2026, 10, 3, 8, 59, 59), autoDeployed: true }]));
  bundle.json('api/export.json', httpExport({ apiId: api.id, title: api.name, region: api.region, version: Date.UTC(2026, 10, 3, 8, 59, 59), routes: [
    { method: 'POST', path: '/quotes', functionArn: quote.arn },
    { method: 'GET', path: '/currencies', functionArn: quote.arn },
  ] }));
  writeFunctionConfig(bundle, rng, api, quote, { logFormat: 'Text', lastModified: change + 350, environment: { LOG_LEVEL: 'info', QUOTE_TTL_SECONDS: '300' } });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [{
    time: change, eventName: 'UpdateFunctionConfiguration20150331v2', eventSource: 'lambda.amazonaws.com', region: api.region, account: api.account,
    username: 'sam.okafor', roleName: 'AWSReservedSSO_PowerUserAccess_3a9c0e2f51d7b846', userAgent: 'aws-cli/2.22.8 md/command#lambda.update-function-configuration', sourceIp: '198.51.100.210',
    requestParameters: { functionName: quote.name, environment: { variables: 'HIDDEN_DUE_TO_SECURITY_REASONS' } },
    responseElements: { functionName: quote.name, runtime: quote.runtime, timeout: 8, memorySize: 512, environment: { variables: 'HIDDEN_DUE_TO_SECURITY_REASONS' }, version: '$LATEST', lastUpdateStatus: 'InProgress' },
    resources: [{ type: 'AWS::Lambda::Function', name: quote.name }],
  }]));

  bundle.expected({
    rootCause: 'function-error-response',
    findings: ['function-error-response'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'HTTP' },
    notes: `At ${isoSeconds(change)} update-function-configuration --environment replaced quote-fn's variables and dropped FX_RATES_TABLE. The function handles it: ERROR "quote failed for EUR: FX_RATES_TABLE environment variable is not set, cannot load exchange rates; returning 500" and a 500 response of its own (access log integrationStatus 200, functionStatus 500, integrationErrorMessage "-"). The reason is in the function's configuration, not a dependency. Noise: 422s, WARN lines, USD quotes succeed.`,
  });
  bundle.readme(`
# http-function-error-response

**What happened.** At ${isoSeconds(change)} an engineer ran \`aws lambda update-function-configuration --environment\` to change LOG_LEVEL and, as
that call replaces the whole map, dropped \`FX_RATES_TABLE\`. \`quote-fn\` checks the setting: for every non-USD quote it logs
\`quote failed for EUR: FX_RATES_TABLE environment variable is not set, cannot load exchange rates; returning 500\` and returns
\`{"statusCode":500,…}\` itself. The HTTP API passes the 500 on. Alarm at ${isoSeconds(stateChange)}.

- API: HTTP API \`${api.name}\` (\`${api.id}\`), \`$default\`; ${api.region}. Function: \`quote-fn\`, nodejs20.x, text log format.
- Expected: \`function-error-response\` (the reason, a missing configuration value, is in the function's own log), ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: EventBridge event. \`logs/aws/apigateway/quotes-http.json\`: \`get-query-results\` (newest first) of the console's JSON access
format plus \`integrationStatus\` (200: Lambda answered), \`functionStatus\` (\`$context.integration.status\`, the function's 500) and
\`integrationErrorMessage\` (\`-\`). \`logs/aws/lambda/quote-fn.txt\`: \`aws logs tail --format short\`. CloudTrail shows the configuration change
(environment values hidden by CloudTrail).

**Noise.** USD quotes succeed, 422 answers with WARN lines, GET /currencies traffic.

**Where the shapes come from.**
- ${SOURCES.nodeText}
- ${SOURCES.httpApiAccess}
- ${SOURCES.lambdaPlatform}
- ${SOURCES.alarmEventBridge}
- ${SOURCES.cloudtrail} Environment variables appear as \`HIDDEN_DUE_TO_SECURITY_REASONS\` in Lambda CloudTrail events.
- ${SOURCES.cli}
`);
  return bundle;
}
