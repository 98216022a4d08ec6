import { Bundle } from '../bundle.ts';
import { functionSpec, timeoutResponse, unhandledResponse, writeFunctionConfig } from '../common.ts';
import { alarmSnsMessage, cloudTrailLookup, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, hex } from '../ids.ts';
import { apiGatewayMetrics, incidentWindow } from '../kit.ts';
import type { ApiIdentity, AppLog, ErrorInfo } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { type HandleContext, frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, type FunctionSpec, idPath, nodeProxyResponse, round2 } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * billing-api: the current incident is a ReferenceError in invoice-fn version 33 after the "live" alias moved to it.
 * The bundle also holds (a) an earlier, resolved incident of the prod stage three hours before (timeouts of
 * version 31, fixed by raising the timeout) and (b) the staging stage's own failures in the same access log group and
 * in its own execution log group. Neither is evidence for this incident.
 */
export function buildRestOldIncident(): Bundle {
  const name = 'rest-lambda-unhandled-error-with-old-incident';
  const rng = createRng(seedFromName(name));
  const prod: ApiIdentity = { id: apiId(rng), name: 'billing-api', type: 'REST', stage: 'prod', region: 'eu-west-2', account: '764509318822' };
  const staging: ApiIdentity = { ...prod, stage: 'staging' };
  const aliasMove = Date.UTC(2026, 11, 21, 14, 12, 33);
  const liveAt = aliasMove + 4_000;
  const oldOnset = aliasMove - 3 * 60 * MINUTE - 7 * MINUTE;
  const oldFix = oldOnset + 14 * MINUTE;
  const spec = (version: string, timeout: number): FunctionSpec => ({ ...functionSpec(prod, { name: 'invoice-fn', runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v48', handler: 'index.handler', memorySizeMb: 768, timeoutSeconds: timeout, version, initMs: [280, 520] }) });
  const v31 = spec('31', 10);
  const v31fixed = spec('31', 30);
  const v32 = spec('32', 30);
  const v33 = spec('33', 30);
  const pools = {
    old: new EnvironmentPool(rng, v31, 3, oldOnset - 4 * MINUTE),
    v31: new EnvironmentPool(rng, v31fixed, 3, aliasMove - 4 * MINUTE),
    v32: new EnvironmentPool(rng, v32, 1, aliasMove - 4 * MINUTE),
    v33: new EnvironmentPool(rng, v33, 0, aliasMove),
  };
  const refError: ErrorInfo = {
    type: 'ReferenceError',
    message: 'taxRate is not defined',
    stack: ['ReferenceError: taxRate is not defined', '    at computeTotals (/var/task/src/totals.js:57:29)', '    at buildInvoice (/var/task/src/invoice.js:112:18)', '    at Runtime.handler (/var/task/index.js:31:27)'],
  };
  const staleStaging: ErrorInfo = {
    type: 'TypeError',
    message: "Cannot read properties of null (reading 'vatNumber')",
    stack: ["TypeError: Cannot read properties of null (reading 'vatNumber')", '    at formatParty (/var/task/src/pdf/parties.js:22:41)', '    at renderPdf (/var/task/src/pdf/render.js:64:11)', '    at Runtime.handler (/var/task/index.js:38:20)'],
  };
  const route = { method: 'GET', resourcePath: '/invoices/{invoiceId}', makePath: idPath('/invoices', 'invoiceId', (r: typeof rng) => `INV-2026-${r.int(10000, 99999)}`) };
  const ok = (ctx: HandleContext, fn: FunctionSpec, pool: EnvironmentPool, alias: string, extra: AppLog[] = []) => {
    const r = ctx.rng;
    return viaLambda(ctx, fn, pool, {
      durationMs: round2(r.float(140, 900)),
      end: { kind: 'success' },
      appLogs: [{ offsetMs: 2, level: 'INFO', text: `invoice ${ctx.shell.pathParameters['invoiceId'] ?? ''} requested` }, ...extra, { offsetMs: 120, level: 'INFO', text: 'pdf rendered' }],
      response: payloadResponse(nodeProxyResponse(200, { url: 'https://invoices.example.com/…' })),
    }, `${fn.arn}:${alias}`);
  };

  // The earlier incident: version 31 with a 10 s timeout and a slow PDF renderer; fixed by raising the timeout.
  const old = simulateTraffic(rng, prod, { from: oldOnset - 3 * MINUTE, to: oldFix + 3 * MINUTE, perMinute: 3 }, [{
    route, weight: 1,
    handle: (ctx) => {
      const r = ctx.rng;
      if (ctx.time >= oldOnset && ctx.time < oldFix && r.chance(0.6)) {
        return viaLambda(ctx, v31, pools.old, { durationMs: 10000, end: { kind: 'timeout' }, appLogs: [{ offsetMs: 2, level: 'INFO', text: `invoice ${ctx.shell.pathParameters['invoiceId'] ?? ''} requested` }, { offsetMs: 3100, level: 'WARN', text: 'pdf renderer queue depth 41, waiting' }], response: timeoutResponse(10) }, `${v31.arn}:live`);
      }
      return ok(ctx, ctx.time >= oldFix ? v31fixed : v31, ctx.time >= oldFix ? pools.v31 : pools.old, 'live');
    },
  }]);
  const current = simulateTraffic(rng, prod, { from: aliasMove - 4 * MINUTE, to: aliasMove + 12 * MINUTE, perMinute: 6 }, [{
    route, weight: 1,
    handle: (ctx) => {
      const r = ctx.rng;
      const eu = r.chance(0.45);
      if (ctx.time >= liveAt) {
        const logs: AppLog[] = [{ offsetMs: 2, level: 'INFO', text: `invoice ${ctx.shell.pathParameters['invoiceId'] ?? ''} requested (${eu ? 'EU' : 'non-EU'} customer)` }];
        if (eu) return viaLambda(ctx, v33, pools.v33, { durationMs: round2(r.float(30, 90)), end: { kind: 'unhandled', error: refError }, appLogs: logs, response: unhandledResponse(refError, 'node') }, `${v33.arn}:live`);
        return ok(ctx, v33, pools.v33, 'live');
      }
      return ok(ctx, v31fixed, pools.v31, 'live');
    },
  }]);
  const stagingTraffic = simulateTraffic(rng, staging, { from: aliasMove - 4 * MINUTE, to: aliasMove + 12 * MINUTE, perMinute: 2 }, [{
    route, weight: 1,
    handle: (ctx) => (ctx.rng.chance(0.5)
      ? viaLambda(ctx, v32, pools.v32, { durationMs: round2(ctx.rng.float(60, 140)), end: { kind: 'unhandled', error: staleStaging }, appLogs: [{ offsetMs: 2, level: 'INFO', text: 'invoice requested (staging fixture data)' }], response: unhandledResponse(staleStaging, 'node') }, `${v32.arn}:staging`)
      : ok(ctx, v32, pools.v32, 'staging')),
  }]);

  const all = [...old, ...current, ...stagingTraffic].sort((a, b) => a.time - b.time);
  const frame = frameIncident(rng, prod, all, { threshold: 2, evaluationPeriods: 2, onset: liveAt, incidentStart: aliasMove - 10 * MINUTE, alarmName: 'billing-api-prod-5XXError', description: 'billing-api prod 5XXError >= 2/min', topic: 'billing-oncall' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const window = incidentWindow(stateChange, 60, 2);
  const oldFailures = kept.filter((r) => r.api.stage === 'prod' && r.status >= 500 && r.time < window.start).length;
  const stagingFailures = kept.filter((r) => r.api.stage === 'staging' && r.status >= 500).length;

  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmSnsMessage(frame.alarm));
  const prodExec = `API-Gateway-Execution-Logs_${prod.id}/prod`;
  writeLogFile(bundle, rng, prodExec, until(executionLogs(rng, kept.filter((r) => r.api.stage === 'prod'), { logGroup: prodExec, format: 'filter-log-events', dataTrace: false, tracing: false, streams: 4, include: (r) => r.status >= 500 && ((r.time >= liveAt && r.time < liveAt + 3 * MINUTE) || (r.time >= oldOnset && r.time < oldOnset + 3 * MINUTE)) }), cutoff), 'filter-log-events', prod.account);
  const stagingExec = `API-Gateway-Execution-Logs_${prod.id}/staging`;
  writeLogFile(bundle, rng, stagingExec, until(executionLogs(rng, kept.filter((r) => r.api.stage === 'staging'), { logGroup: stagingExec, format: 'filter-log-events', dataTrace: false, tracing: false, streams: 1, include: (r) => r.status >= 500 && r.time < liveAt + 4 * MINUTE }), cutoff), 'filter-log-events', prod.account);
  const accessFormat = '{"requestId":"$context.requestId","stage":"$context.stage","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","integrationLatency":"$context.integrationLatency","integrationStatus":"$context.integrationStatus","lambdaRequestId":"$context.awsEndpointRequestId","error":"$context.error.message"}';
  const accessGroup = '/aws/apigateway/billing-api';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup, 4), 'filter-log-events', prod.account);
  writeLogFile(bundle, rng, '/aws/lambda/invoice-fn', until(lambdaLogs(invocations, 'node-text', prod.region), cutoff), 'jsonl', prod.account);

  const deploymentId = hex(rng, 6);
  const stageVars = { alias: 'live' };
  bundle.json('api/stage.json', restStage({ stageName: 'prod', deploymentId, loggingLevel: 'INFO', dataTraceEnabled: false, accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${prod.region}:${prod.account}:log-group:${accessGroup}`, tracingEnabled: false, variables: stageVars, createdDate: Date.UTC(2025, 0, 15, 10, 0, 0), lastUpdatedDate: Date.UTC(2026, 11, 2, 10, 0, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'billing-api 2026-12-02', createdDate: Date.UTC(2026, 11, 2, 9, 59, 58) }]));
  bundle.json('api/export.json', restExport({ apiId: prod.id, title: prod.name, region: prod.region, stage: 'prod', version: Date.UTC(2026, 11, 2, 9, 59, 58), routes: [
    { method: 'GET', path: '/invoices/{invoiceId}', functionArn: `${v33.arn}:\${stageVariables.alias}`, parameters: ['invoiceId'] },
  ] }));
  writeFunctionConfig(bundle, rng, prod, { ...v33, version: '$LATEST' }, { logFormat: 'Text', lastModified: aliasMove - 95_000, timeoutSeconds: 30, environment: { INVOICES_BUCKET: `invoices-${prod.account}` } });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, prod, aliasMove - 4 * MINUTE, cutoff)));
  const who = { eventSource: 'lambda.amazonaws.com', region: prod.region, account: prod.account, username: 'GitHubActions', roleName: 'github-actions-deploy', userAgent: 'aws-cli/2.22.8 md/command#lambda', sourceIp: '20.57.44.131' };
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [
    { ...who, time: oldFix - 40_000, eventName: 'UpdateFunctionConfiguration20150331v2', username: 'ines.garcia', roleName: 'AWSReservedSSO_PowerUserAccess_2d7e0a9c4b1f3658', userAgent: 'console.amazonaws.com', sourceIp: '81.2.69.77', requestParameters: { functionName: 'invoice-fn', timeout: 30 }, responseElements: { functionName: 'invoice-fn', timeout: 30, version: '$LATEST' }, resources: [{ type: 'AWS::Lambda::Function', name: 'invoice-fn' }] },
    { ...who, time: oldFix - 20_000, eventName: 'PublishVersion20150331', username: 'ines.garcia', roleName: 'AWSReservedSSO_PowerUserAccess_2d7e0a9c4b1f3658', userAgent: 'console.amazonaws.com', sourceIp: '81.2.69.77', requestParameters: { functionName: 'invoice-fn' }, responseElements: { functionName: 'invoice-fn', version: '31', timeout: 30 }, resources: [{ type: 'AWS::Lambda::Function', name: 'invoice-fn' }] },
    { ...who, time: aliasMove - 95_000, eventName: 'UpdateFunctionCode20150331v2', requestParameters: { functionName: 'invoice-fn', publish: true }, responseElements: { functionName: 'invoice-fn', version: '33' }, resources: [{ type: 'AWS::Lambda::Function', name: 'invoice-fn' }] },
    { ...who, time: aliasMove, eventName: 'UpdateAlias20150331', requestParameters: { functionName: 'invoice-fn', name: 'live', functionVersion: '33' }, responseElements: { aliasArn: `${v33.arn}:live`, name: 'live', functionVersion: '33' }, resources: [{ type: 'AWS::Lambda::Function', name: 'invoice-fn' }] },
  ]));

  bundle.expected({
    rootCause: 'lambda-unhandled-error',
    findings: ['lambda-unhandled-error'],
    failingRequests: frame.failing.length,
    api: { id: prod.id, stage: 'prod', type: 'REST' },
    notes: `Current incident: alias live -> version 33 at ${isoSeconds(aliasMove)}; EU invoices throw ReferenceError: taxRate is not defined (Invoke Error in [33] streams), 502. Set aside: ${oldFailures} prod failures of an earlier, resolved incident (${isoSeconds(oldOnset)}-${isoSeconds(oldFix)}: version 31 timed out after 10.00 s, fixed by raising the timeout) — outside the window; ${stagingFailures} staging-stage failures (TypeError in version 32 via alias staging) in the same access log group and in API-Gateway-Execution-Logs_${prod.id}/staging — another stage. The alarm names Stage=prod.`,
  });
  bundle.readme(`
# rest-lambda-unhandled-error-with-old-incident

**What happened.** At ${isoSeconds(aliasMove)} the deploy pipeline moved \`invoice-fn\`'s \`live\` alias to version 33. For customers in the EU the
new code throws \`ReferenceError: taxRate is not defined\` and the \`prod\` stage answers 502. Alarm (SNS, Stage=prod) at ${isoSeconds(stateChange)}.

The bundle also holds what an engineer's wide query would pull in, which is **not** evidence for this incident:
- an **earlier, resolved incident** of the same stage, ${isoSeconds(oldOnset)} to ${isoSeconds(oldFix)}: version 31 with a 10 s timeout timed out while the PDF
  renderer was slow (${oldFailures} failing requests); it was fixed by raising the timeout to 30 s (CloudTrail shows that change too);
- the **staging** stage's failures during the current window (${stagingFailures}, a TypeError in version 32 behind alias \`staging\`), in the same access
  log group (the format logs \`$context.stage\`) and in the staging execution log group.

- API: REST \`${prod.name}\` (\`${prod.id}\`), stages \`prod\` (alias=live) and \`staging\` (alias=staging); integration URI \`invoice-fn:\${stageVariables.alias}\`; ${prod.region}.
- Function: \`invoice-fn\`, nodejs20.x, text log format; log streams carry the version (\`[31]\`, \`[32]\`, \`[33]\`).
- Expected: \`lambda-unhandled-error\`, ${frame.failing.length} failing prod requests in the window.

**Files.** \`alarm.json\`: SNS message. Execution logs (\`filter-log-events\`, INFO) for prod (failing requests of the first 3 minutes of both incidents) and for staging.
\`logs/aws/apigateway/billing-api.json\`: both stages' access records, custom JSON with \`stage\`. \`logs/aws/lambda/invoice-fn.jsonl\`: JSON Lines \`{"timestamp","message"}\`, all versions, both time ranges.
\`api/stage.json\` is prod's stage. \`metrics/apigateway.json\` covers the current incident only.

**Where the shapes come from.**
- ${SOURCES.nodeText}
- ${SOURCES.timeoutPayload}
- ${SOURCES.executionLog}
- ${SOURCES.restAccess}
- ${SOURCES.alarmSns}
- ${SOURCES.cloudtrail}
- ${SOURCES.cli}
`);
  return bundle;
}
