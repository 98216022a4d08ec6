import { Bundle } from '../bundle.ts';
import { functionSpec, writeFunctionConfig } from '../common.ts';
import { alarmEventBridge, cloudTrailLookup, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, hex, uuid } from '../ids.ts';
import { apiGatewayMetrics } from '../kit.ts';
import type { ApiIdentity } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { type HandleContext, frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, nodeProxyResponse, round2, staticPath, uninvokedRequest } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * The integration invokes payments-fn:${stageVariables.lambdaAlias}; prod's stage variable says "blue". A blue/green
 * clean-up script deletes the "blue" alias believing traffic had moved to "green": Invoke answers 404
 * ResourceNotFoundException ("Function not found: …:payments-fn:blue") and API Gateway answers 500.
 */
export function buildRestNotFound(): Bundle {
  const name = 'rest-lambda-not-found';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'payments-api', type: 'REST', stage: 'prod', region: 'eu-west-1', account: '459102837766' };
  const deletion = Date.UTC(2026, 8, 17, 14, 31, 9);
  const from = deletion - 4 * MINUTE;
  const to = deletion + 12 * MINUTE;
  const payments = functionSpec(api, { name: 'payments-fn', runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v48', handler: 'index.handler', memorySizeMb: 1024, timeoutSeconds: 15, version: '14', initMs: [260, 480] });
  const status = functionSpec(api, { name: 'status-fn', runtime: 'nodejs20.x', runtimeVersion: 'nodejs:20.v48', handler: 'index.handler', memorySizeMb: 128, timeoutSeconds: 3, initMs: [150, 260] });
  const paymentsPool = new EnvironmentPool(rng, payments, 3, from);
  const statusPool = new EnvironmentPool(rng, status, 1, from);
  const aliasArn = `${payments.arn}:blue`;
  const stageUri = `${payments.arn}:\${stageVariables.lambdaAlias}`;
  const notFoundBody = JSON.stringify({ Message: `Function not found: ${aliasArn}`, Type: 'User' });

  const paymentRoute = (method: string, path: string, weight: number) => ({
    route: path.includes('{') ? { method, resourcePath: path, makePath: idPath('/payments', 'paymentId', (r: typeof rng) => `pay_${hex(r, 14)}`) } : { method, resourcePath: path, makePath: staticPath(path), body: () => '{"amount":4200,"currency":"EUR","source":"tok_…"}' },
    weight,
    handle: (ctx: HandleContext) => {
      const r = ctx.rng;
      if (ctx.time >= deletion) {
        return uninvokedRequest(r, ctx.shell, { kind: 'invoke-rejected', httpStatus: 404, errorType: 'ResourceNotFoundException', body: notFoundBody, lambdaRequestId: uuid(r), latencyMs: r.int(11, 31), configErrorText: `Function not found: ${aliasArn}` }, aliasArn);
      }
      const declined = method === 'POST' && r.chance(0.07);
      return viaLambda(ctx, payments, paymentsPool, {
        durationMs: round2(method === 'POST' ? r.float(240, 900) : r.float(20, 80)),
        end: { kind: 'success' },
        appLogs: [{ offsetMs: 2, level: declined ? 'WARN' : 'INFO', text: declined ? 'charge declined: do_not_honor' : `${method} ${path} ok` }],
        response: payloadResponse(declined ? nodeProxyResponse(402, { error: 'card_declined' }) : nodeProxyResponse(method === 'POST' ? 201 : 200, { id: `pay_${hex(r, 14)}` })),
      }, aliasArn);
    },
  });

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 10 }, [
    paymentRoute('POST', '/payments', 17),
    paymentRoute('GET', '/payments/{paymentId}', 13),
    {
      route: { method: 'GET', resourcePath: '/health', makePath: staticPath('/health') },
      weight: 70,
      handle: (ctx) => viaLambda(ctx, status, statusPool, { durationMs: round2(ctx.rng.float(1.5, 4)), end: { kind: 'success' }, appLogs: [], response: payloadResponse(nodeProxyResponse(200, { status: 'ok' })) }),
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset: deletion, alarmName: 'payments-api-prod-5xx', description: 'payments-api prod 5XXError', topic: 'payments-oncall' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmEventBridge(rng, frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  writeLogFile(bundle, rng, execGroup, until(executionLogs(rng, kept, { logGroup: execGroup, format: 'filter-log-events', dataTrace: true, tracing: false, streams: 3, stageVariables: { lambdaAlias: 'blue' }, include: (r) => r.status >= 500 && r.time < deletion + 3 * MINUTE }), cutoff), 'filter-log-events', api.account);
  const accessFormat = '{"request_id":"$context.requestId","time":"$context.requestTime","method":"$context.httpMethod","resource":"$context.resourcePath","status":"$context.status","latency_ms":"$context.responseLatency","integration_status":"$context.integrationStatus","integration_ms":"$context.integrationLatency","aws_request_id":"$context.awsEndpointRequestId","error":"$context.error.message","source_ip":"$context.identity.sourceIp"}';
  const accessGroup = '/aws/apigateway/payments-api/prod';
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, accessFormat, accessGroup), 'text', api.account);
  const lambda = until(lambdaLogs(invocations, 'node-text', api.region), cutoff);
  writeLogFile(bundle, rng, payments.logGroup, lambda.filter((e) => e.logGroup === payments.logGroup), 'query-results-oldest-first', api.account);

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: true, accessLogFormat: accessFormat, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: false, variables: { lambdaAlias: 'blue' }, createdDate: Date.UTC(2025, 9, 1, 8, 0, 0), lastUpdatedDate: Date.UTC(2026, 7, 30, 9, 12, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'payments-api 2026-08-30', createdDate: Date.UTC(2026, 7, 30, 9, 11, 58) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 7, 30, 9, 11, 58), routes: [
    { method: 'POST', path: '/payments', functionArn: stageUri },
    { method: 'GET', path: '/payments/{paymentId}', functionArn: stageUri, parameters: ['paymentId'] },
    { method: 'GET', path: '/health', functionArn: status.arn },
  ] }));
  writeFunctionConfig(bundle, rng, api, { ...payments, version: '$LATEST' }, { logFormat: 'Text', lastModified: Date.UTC(2026, 8, 17, 13, 58, 31), environment: { STRIPE_SECRET_ARN: `arn:aws:secretsmanager:${api.region}:${api.account}:secret:stripe-live-${hex(rng, 6)}` } });
  writeFunctionConfig(bundle, rng, api, status, { logFormat: 'Text', lastModified: Date.UTC(2026, 0, 12, 10, 0, 0) });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  const who = { username: 'release-bot', roleName: 'payments-release-automation', userAgent: 'Boto3/1.35.80 md/Botocore#1.35.80 ua/2.0 os/linux#6.1.112-124.190.amzn2023.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.80', sourceIp: '52.48.201.66', region: api.region, account: api.account, eventSource: 'lambda.amazonaws.com' };
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [
    { ...who, time: Date.UTC(2026, 8, 17, 13, 58, 31), eventName: 'PublishVersion20150331', requestParameters: { functionName: payments.name }, responseElements: { functionName: payments.name, version: '15' }, resources: [{ type: 'AWS::Lambda::Function', name: payments.name }] },
    { ...who, time: Date.UTC(2026, 8, 17, 13, 58, 34), eventName: 'CreateAlias20150331', requestParameters: { functionName: payments.name, name: 'green', functionVersion: '15' }, responseElements: { aliasArn: `${payments.arn}:green`, name: 'green', functionVersion: '15' }, resources: [{ type: 'AWS::Lambda::Function', name: payments.name }] },
    { ...who, time: deletion, eventName: 'DeleteAlias20150331', requestParameters: { functionName: payments.name, name: 'blue' }, responseElements: null, resources: [{ type: 'AWS::Lambda::Function', name: payments.name }] },
  ]));

  bundle.expected({
    rootCause: 'lambda-not-found',
    findings: ['lambda-not-found'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `Integration URI uses payments-fn:\${stageVariables.lambdaAlias}; stage prod has lambdaAlias=blue. release-bot created alias green (v15) and at ${isoSeconds(deletion)} deleted alias blue (DeleteAlias20150331) without switching the stage variable. Every /payments request since: Invoke 404 ResourceNotFoundException "Function not found: ${aliasArn}", "Lambda invocation failed with status: 404", 500. /health (status-fn) unaffected.`,
  });
  bundle.readme(`
# rest-lambda-not-found

**What happened.** \`/payments\` routes integrate with \`payments-fn:\${stageVariables.lambdaAlias}\` and the \`prod\` stage variable is \`lambdaAlias=blue\`.
A release script published version 15, created alias \`green\`, then at ${isoSeconds(deletion)} deleted alias \`blue\` — but nobody switched the stage
variable. Every \`/payments\` request since asks Lambda for \`${aliasArn}\`, Lambda answers 404 \`ResourceNotFoundException\`, and API Gateway
answers 500. Alarm at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`prod\` (variables: \`lambdaAlias=blue\`); ${api.region}. Functions: nodejs20.x text logs;
  payments-fn log streams are named \`…/[14]…\` (invocations of version 14 through the alias).
- Expected: \`lambda-not-found\`, ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: EventBridge event. \`logs/API-Gateway-Execution-Logs_${api.id}/prod.json\`: \`filter-log-events\`, INFO with data trace, failing
requests of the first 3 minutes (\`Endpoint request URI\` ends in \`:payments-fn:blue/invocations\`; \`x-amzn-ErrorType=ResourceNotFoundException\`).
\`logs/aws/apigateway/payments-api/prod.log\`: access log with **custom field names**, one record a line. \`logs/aws/lambda/payments-fn.json\`:
\`get-query-results\` sorted oldest first (the query said \`sort @timestamp asc\`). \`api/export.json\` shows the \`\${stageVariables.lambdaAlias}\` URI,
\`api/stage.json\` the variable. \`functions/payments-fn.json\` is \`$LATEST\`'s configuration.

**Noise.** 402 declines before the deletion, /health traffic, the PublishVersion and CreateAlias calls just before.

**Where the shapes come from.**
- ${SOURCES.executionInvokeFailures} The 404 body \`{"Message":"Function not found: arn:…:function:…:active","Type":"User"}\` is what Invoke returns for a missing alias (aarondfrancis/sidecar#23). The text after "configuration error:" for a 404 is not in any sample we found; it follows the 429 case, where it repeats the body's message.
- ${SOURCES.executionLog}
- ${SOURCES.nodeText}
- ${SOURCES.restAccess}
- ${SOURCES.alarmEventBridge}
- ${SOURCES.cloudtrail}
- ${SOURCES.contextDocs}
- ${SOURCES.cli}
`);
  return bundle;
}
