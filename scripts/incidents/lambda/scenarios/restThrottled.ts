import { REST_JSON } from '../accessLog.ts';
import { Bundle } from '../bundle.ts';
import { functionSpec, writeFunctionConfig } from '../common.ts';
import { alarmSnsMessage, cloudTrailLookup, metricData, restDeployments, restExport, restStage } from '../context.ts';
import { apiId, hex, uuid } from '../ids.ts';
import { apiGatewayMetrics, lambdaMetrics } from '../kit.ts';
import type { ApiIdentity } from '../model.ts';
import { accessLogs, executionLogs, lambdaLogs, until, writeLogFile } from '../render.ts';
import { createRng, seedFromName } from '../rng.ts';
import { frameIncident, invocationsOf, payloadResponse, simulateTraffic, viaLambda } from '../scenario.ts';
import { EnvironmentPool, idPath, pythonProxyResponse, round2, staticPath, uninvokedRequest } from '../simulate.ts';
import { SOURCES } from '../sources.ts';
import { MINUTE, isoSeconds } from '../time.ts';

/**
 * A Terraform apply meant for the staging workspace sets notify-fn's reserved concurrency to 0 in production: every
 * Invoke is refused with 429 (ReservedFunctionConcurrentInvocationLimitExceeded) and API Gateway answers 500.
 */
export function buildRestThrottled(): Bundle {
  const name = 'rest-lambda-throttled';
  const rng = createRng(seedFromName(name));
  const api: ApiIdentity = { id: apiId(rng), name: 'notifications-api', type: 'REST', stage: 'v1', region: 'us-east-1', account: '735019284467' };
  const change = Date.UTC(2026, 7, 5, 11, 15, 3);
  const liveAt = change + 2_000;
  const from = change - 4 * MINUTE;
  const to = change + 12 * MINUTE;
  const notify = functionSpec(api, { name: 'notify-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'handler.main', memorySizeMb: 256, timeoutSeconds: 20, initMs: [430, 700] });
  const templates = functionSpec(api, { name: 'templates-fn', runtime: 'python3.12', runtimeVersion: 'python:3.12.v58', handler: 'handler.main', memorySizeMb: 256, timeoutSeconds: 10, initMs: [400, 650] });
  const notifyPool = new EnvironmentPool(rng, notify, 4, from);
  const templatesPool = new EnvironmentPool(rng, templates, 2, from);
  const throttledAt: number[] = [];
  const body = '{"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}';

  const requests = simulateTraffic(rng, api, { from, to, perMinute: 10 }, [
    {
      route: { method: 'POST', resourcePath: '/notifications', makePath: staticPath('/notifications'), body: () => '{"channel":"email","template":"order-shipped","to":"…"}' },
      weight: 28,
      handle: (ctx) => {
        const r = ctx.rng;
        if (ctx.time >= liveAt) {
          throttledAt.push(ctx.time);
          return uninvokedRequest(r, ctx.shell, { kind: 'invoke-rejected', httpStatus: 429, errorType: 'TooManyRequestsException', body, lambdaRequestId: uuid(r), latencyMs: r.int(9, 24), configErrorText: 'Rate Exceeded.' }, notify.arn);
        }
        return viaLambda(ctx, notify, notifyPool, {
          durationMs: round2(r.float(120, 640)),
          end: { kind: 'success' },
          appLogs: [{ offsetMs: 2, level: 'INFO', text: 'queued notification channel=email template=order-shipped' }, { offsetMs: 90, level: 'INFO', text: `ses message id 0100019${hex(r, 9)}-${uuid(r)}-000000` }],
          response: payloadResponse(pythonProxyResponse(202, { status: 'queued' })),
        });
      },
    },
    {
      route: { method: 'GET', resourcePath: '/templates/{name}', makePath: idPath('/templates', 'name', (r) => r.pick(['order-shipped', 'password-reset', 'welcome', 'invoice-ready'])) },
      weight: 72,
      handle: (ctx) => {
        const r = ctx.rng;
        const missing = r.chance(0.06);
        return viaLambda(ctx, templates, templatesPool, {
          durationMs: round2(r.float(6, 40)),
          end: { kind: 'success' },
          appLogs: [{ offsetMs: 1, level: missing ? 'WARN' : 'INFO', text: missing ? 'unknown template' : 'template served from cache' }],
          response: payloadResponse(missing ? pythonProxyResponse(404, { error: 'unknown template' }) : pythonProxyResponse(200, { version: r.int(3, 9) })),
        });
      },
    },
  ]);

  const frame = frameIncident(rng, api, requests, { threshold: 2, evaluationPeriods: 2, onset: liveAt, alarmName: 'notifications-api-v1-5XXError', description: 'notifications-api v1 5XXError >= 3', topic: 'messaging-alerts' });
  const { cutoff, stateChange } = frame;
  const kept = frame.requests;
  const invocations = invocationsOf(kept);
  const bundle = new Bundle(name);
  bundle.json('alarm.json', alarmSnsMessage(frame.alarm));
  const execGroup = `API-Gateway-Execution-Logs_${api.id}/${api.stage}`;
  writeLogFile(bundle, rng, execGroup, until(executionLogs(rng, kept, { logGroup: execGroup, format: 'tail', dataTrace: true, tracing: false, streams: 3, include: (r) => (r.status >= 500 && r.time < liveAt + 3 * MINUTE) || Math.abs(r.time - liveAt) < 20_000 }), cutoff), 'tail', api.account);
  const accessGroup = `/aws/apigateway/notifications-api-v1`;
  writeLogFile(bundle, rng, accessGroup, accessLogs(rng, kept, REST_JSON, accessGroup), 'jsonl', api.account);
  const lambda = until(lambdaLogs(invocations, 'python-text', api.region), cutoff);
  writeLogFile(bundle, rng, notify.logGroup, lambda.filter((e) => e.logGroup === notify.logGroup), 'query-results', api.account);
  writeLogFile(bundle, rng, templates.logGroup, lambda.filter((e) => e.logGroup === templates.logGroup), 'text', api.account);

  const deploymentId = hex(rng, 6);
  bundle.json('api/stage.json', restStage({ stageName: api.stage, deploymentId, loggingLevel: 'INFO', dataTraceEnabled: true, accessLogFormat: REST_JSON, accessLogDestinationArn: `arn:aws:logs:${api.region}:${api.account}:log-group:${accessGroup}`, tracingEnabled: false, createdDate: Date.UTC(2025, 3, 9, 9, 0, 0), lastUpdatedDate: Date.UTC(2026, 6, 29, 13, 0, 0) }));
  bundle.json('api/deployments.json', restDeployments([{ id: deploymentId, description: 'terraform', createdDate: Date.UTC(2026, 6, 29, 12, 59, 55) }]));
  bundle.json('api/export.json', restExport({ apiId: api.id, title: api.name, region: api.region, stage: api.stage, version: Date.UTC(2026, 6, 29, 12, 59, 55), routes: [
    { method: 'POST', path: '/notifications', functionArn: notify.arn },
    { method: 'GET', path: '/templates/{name}', functionArn: templates.arn, parameters: ['name'] },
  ] }));
  writeFunctionConfig(bundle, rng, api, notify, { logFormat: 'Text', lastModified: Date.UTC(2026, 6, 29, 12, 58, 40), environment: { SES_CONFIGURATION_SET: 'transactional' } });
  writeFunctionConfig(bundle, rng, api, templates, { logFormat: 'Text', lastModified: Date.UTC(2026, 6, 29, 12, 58, 38) });
  bundle.json('metrics/apigateway.json', metricData(apiGatewayMetrics(kept, api, from, cutoff)));
  bundle.json('metrics/lambda-notify-fn.json', metricData(lambdaMetrics(notify.name, invocations, throttledAt.filter((t) => t <= cutoff), from, cutoff)));
  bundle.json('changes/cloudtrail.json', cloudTrailLookup(rng, [{
    time: change, eventName: 'PutFunctionConcurrency20171031', eventSource: 'lambda.amazonaws.com', region: api.region, account: api.account,
    username: 'terraform-ci', roleName: 'terraform-apply-prod', userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.82.2 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.7 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/lambda#1.69.3', sourceIp: '34.201.88.14',
    requestParameters: { functionName: notify.name, reservedConcurrentExecutions: 0 }, responseElements: { reservedConcurrentExecutions: 0 },
    resources: [{ type: 'AWS::Lambda::Function', name: notify.name }],
  }]));

  bundle.expected({
    rootCause: 'lambda-throttled',
    findings: ['lambda-throttled'],
    failingRequests: frame.failing.length,
    api: { id: api.id, stage: api.stage, type: 'REST' },
    notes: `PutFunctionConcurrency20171031 reservedConcurrentExecutions=0 on notify-fn at ${isoSeconds(change)} (terraform-ci, wrong workspace). Every POST /notifications afterwards: "Lambda invocation failed with status: 429. Lambda request id: …", "Execution failed due to configuration error: Rate Exceeded.", 500; no Lambda logs (the function never runs); AWS/Lambda Throttles rise. templates-fn stays healthy.`,
  });
  bundle.readme(`
# rest-lambda-throttled

**What happened.** At ${isoSeconds(change)} a Terraform apply aimed at staging ran against production and set \`notify-fn\`'s reserved
concurrency to **0**. From then every \`POST /notifications\` is refused by Lambda with 429 \`TooManyRequestsException\`
(\`ReservedFunctionConcurrentInvocationLimitExceeded\`) and API Gateway answers 500. The function writes no logs for these requests: it never runs.
Alarm (SNS) at ${isoSeconds(stateChange)}.

- API: REST \`${api.name}\` (\`${api.id}\`), stage \`v1\`; ${api.region}. Functions: python3.12, text log format.
- Expected: \`lambda-throttled\`, ${frame.failing.length} failing requests.

**Files.** \`alarm.json\`: SNS message. \`logs/API-Gateway-Execution-Logs_${api.id}/v1.txt\`: \`aws logs tail\` (detailed) of the execution log,
INFO with data trace (\`x-amzn-ErrorType=TooManyRequestsException\` and the 429 body are visible). \`logs/aws/apigateway/notifications-api-v1.jsonl\`:
JSON Lines of the console's default **JSON** access format. \`logs/aws/lambda/*.json\`: \`get-query-results\`. \`metrics/lambda-notify-fn.json\`
shows Throttles. \`changes/cloudtrail.json\`: the PutFunctionConcurrency call.

**Noise.** templates-fn traffic (404s, WARN lines), notify-fn's healthy invocations before the change.

**Where the shapes come from.**
- ${SOURCES.executionInvokeFailures} The 429 body \`{"Reason":"ReservedFunctionConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}\` follows Lambda's TooManyRequestsException (Reason enum in the Lambda API reference).
- ${SOURCES.executionLog}
- ${SOURCES.pythonText}
- ${SOURCES.restAccess}
- ${SOURCES.alarmSns}
- ${SOURCES.cloudtrail}
- ${SOURCES.cli}
`);
  return bundle;
}
